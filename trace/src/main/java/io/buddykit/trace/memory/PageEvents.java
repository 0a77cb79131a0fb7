package io.buddykit.trace.memory;

/**
 * Where a trace reader delivers the buddy allocator's page events, one call per event and no
 * object per event, so that replay of millions of events a second does not churn the heap.
 *
 * <p>Every event carries the CPU that emitted it, as ftrace prints it ({@code [003]}), or {@link
 * #NO_CPU} when the trace does not say. {@link #alloc} and {@link #free} change what is allocated;
 * the other events are observations of how the kernel's page allocator got there (the per-CPU
 * lists' refills and drains, fallbacks between migratetypes), with exactly the fields of their
 * tracepoints in include/trace/events/kmem.h, so a sink that only replays ignores them (the
 * defaults) and {@link KmemActivity} counts them. The simulator calls the same methods from its
 * own paths, so the kernel's and the model's observations are counted by one code.
 */
public interface PageEvents {
  /**
   * Highest order a reader accepts: Linux's buddy orders stay far below it, and {@code 1 << 30}
   * fits.
   */
  int MAX_ORDER = 30;

  /** Page frame numbers are below 2^52: a 64-bit physical address space in 4 KiB pages. */
  long PFN_LIMIT = 1L << 52;

  /** The CPU of an event whose trace does not say which CPU emitted it. */
  int NO_CPU = -1;

  /** A sink that drops every event. */
  PageEvents NONE = new NoEvents();

  /**
   * A block of {@code 2^order} pages starting at {@code pfn} was handed out (mm_page_alloc).
   *
   * @param cpu the CPU that allocated, or {@link #NO_CPU}
   * @param pfn the first page frame number (at least 0, below {@link #PFN_LIMIT})
   * @param order the block's order (0 to {@value #MAX_ORDER})
   * @param migratetype the kernel's migratetype number (at least 0), as ftrace prints it
   * @param gfpFlags Linux's raw {@code __GFP_*} bitmask (the values of {@link GfpBits})
   */
  void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags);

  /**
   * The block of {@code 2^order} pages starting at {@code pfn} went back to the allocator
   * (mm_page_free, or an mm_page_free_batched that is the free; see {@link FtraceReader}).
   */
  void free(int cpu, long pfn, int order);

  /**
   * An allocation that returned no page (ftrace prints it with a null page and pfn 0). It changes
   * no state, so the default ignores it.
   */
  default void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {}

  /**
   * mm_page_alloc_zone_locked: {@code __rmqueue_smallest} took a block of {@code 2^order} pages
   * off the buddy free lists of {@code migratetype} under the zone lock, for a per-CPU refill
   * ({@code rmqueue_bulk}) or a direct buddy allocation ({@code rmqueue_buddy}).
   *
   * @param percpuRefill the tracepoint's percpu_refill: since the 2022 fix of this tracepoint
   *     (in 6.1, 6.12 and 7.3) {@code pcp_allowed_order(order) && migratetype <
   *     MIGRATE_PCPTYPES}; before it, {@code order == 0}
   */
  default void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {}

  /**
   * mm_page_pcpu_drain: {@code free_pcppages_bulk} moved the block of {@code 2^order} pages at
   * {@code pfn} from a per-CPU list back to the buddy free lists of {@code migratetype}.
   */
  default void pcpuDrain(int cpu, long pfn, int order, int migratetype) {}

  /**
   * mm_page_alloc_extfrag: an allocation of {@code allocMigratetype} and order {@code allocOrder}
   * fell back to a free block of order {@code fallbackOrder} on the lists of {@code
   * fallbackMigratetype} (__rmqueue_claim or __rmqueue_steal; 7.3 also compaction_capture). The
   * tracepoint's derived fields (pageblock_order, fragmenting) are not passed.
   *
   * @param changeOwnership the tracepoint's change_ownership: whether the block's pageblock now
   *     has the allocation's migratetype (the fallback claimed it)
   */
  default void extfrag(
      int cpu,
      long pfn,
      int allocOrder,
      int fallbackOrder,
      int allocMigratetype,
      int fallbackMigratetype,
      boolean changeOwnership) {}
}
