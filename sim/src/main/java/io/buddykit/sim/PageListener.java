package io.buddykit.sim;

/**
 * Told when the machine moves or takes back a page its owner holds: compaction migrated it, or
 * reclaim freed it. The owner updates its own reference; it must not free the page itself.
 *
 * <p>The default methods are the kernel's kmem tracepoints that the allocator itself emits, with
 * exactly their fields (include/trace/events/kmem.h, 6.12 and 7.3) and, first, the CPU the event
 * is recorded on (the ftrace CPU column); they are called where mm/page_alloc.c calls them, so a
 * reader of a kernel trace and a reader of the model count the same things. Migratetypes are
 * Linux's numbers ({@link Migratetype#ordinal()}).
 */
public interface PageListener {
  /** The block of {@code order} tagged {@code tag} now lives at {@code newPfn}. */
  void migrated(int tag, long oldPfn, long newPfn, int order);

  /** The block of {@code order} tagged {@code tag} at {@code pfn} was reclaimed and is gone. */
  void reclaimed(int tag, long pfn, int order);

  /**
   * mm_page_alloc_zone_locked: {@code __rmqueue_smallest} took a block under the zone lock.
   * {@code percpuRefill} is the kernel's expression there, {@code pcp_allowed_order(order) &&
   * migratetype < MIGRATE_PCPTYPES}: true for every such block of a per-CPU order and type,
   * whether a refill (rmqueue_bulk) or a direct take (rmqueue_buddy) asked.
   */
  default void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {}

  /**
   * mm_page_pcpu_drain: {@code free_pcppages_bulk} gave one block of a per-CPU list back to the
   * buddy allocator; {@code migratetype} is its pageblock's type then.
   */
  default void pcpuDrain(int cpu, long pfn, int order, int migratetype) {}

  /**
   * mm_page_alloc_extfrag: {@code __rmqueue_claim} or {@code __rmqueue_steal} took a block of
   * {@code fallbackMigratetype}'s lists at {@code fallbackOrder} for a request of {@code allocOrder}
   * and {@code allocMigratetype}; {@code changeOwnership} is whether the pageblock of {@code pfn}
   * now has the request's type.
   */
  default void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMigratetype,
      int fallbackMigratetype, boolean changeOwnership) {}

  /** A listener for owners that keep no references (a trace replay at recorded pfns). */
  PageListener NONE = new PageListener() {
    @Override
    public void migrated(int tag, long oldPfn, long newPfn, int order) {}

    @Override
    public void reclaimed(int tag, long pfn, int order) {}
  };
}
