package io.buddykit.trace.memory;

/**
 * Where a trace reader delivers the buddy allocator's page events, one call per event and no
 * object per event, so that replay of millions of events a second does not churn the heap.
 */
public interface PageEvents {
  /**
   * Highest order a reader accepts: Linux's buddy orders stay far below it, and {@code 1 << 30}
   * fits.
   */
  int MAX_ORDER = 30;

  /** Page frame numbers are below 2^52: a 64-bit physical address space in 4 KiB pages. */
  long PFN_LIMIT = 1L << 52;

  /**
   * A block of {@code 2^order} pages starting at {@code pfn} was handed out.
   *
   * @param pfn the first page frame number (at least 0, below {@link #PFN_LIMIT})
   * @param order the block's order (0 to {@value #MAX_ORDER})
   * @param migratetype the kernel's migratetype number (at least 0), as ftrace prints it
   * @param gfpFlags Linux's raw {@code __GFP_*} bitmask (Linux 6.6 bit values)
   */
  void alloc(long pfn, int order, int migratetype, int gfpFlags);

  /** The block of {@code 2^order} pages starting at {@code pfn} went back to the allocator. */
  void free(long pfn, int order);

  /**
   * An allocation that returned no page (ftrace prints it with a null page and pfn 0). It changes
   * no state, so the default ignores it.
   */
  default void allocFailed(int order, int migratetype, int gfpFlags) {}
}
