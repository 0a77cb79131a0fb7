package io.buddykit.sim;

/**
 * Told when the machine moves or takes back a page its owner holds: compaction migrated it, or
 * reclaim freed it. The owner updates its own reference; it must not free the page itself.
 *
 * <p>The kmem tracepoints the allocator emits go to a separate sink, {@link
 * Machine#setTracepoints}, in the trace readers' own shape.
 */
public interface PageListener {
  /** The block of {@code order} tagged {@code tag} now lives at {@code newPfn}. */
  void migrated(int tag, long oldPfn, long newPfn, int order);

  /** The block of {@code order} tagged {@code tag} at {@code pfn} was reclaimed and is gone. */
  void reclaimed(int tag, long pfn, int order);

  /** A listener for owners that keep no references (a trace replay at recorded pfns). */
  PageListener NONE = new PageListener() {
    @Override
    public void migrated(int tag, long oldPfn, long newPfn, int order) {}

    @Override
    public void reclaimed(int tag, long pfn, int order) {}
  };
}
