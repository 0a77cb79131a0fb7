package io.buddykit.core;

/**
 * A range of units as the fewest buddy blocks, as Linux's __free_pages_memory hands memory to the
 * buddy allocator at boot: from the low end, each block is the largest that is aligned to its own
 * size, fits in what is left and is no larger than {@code maxOrder}. [3, 12) with maxOrder 10 is
 * 3 (order 0), 4-7 (order 2), 8-11 (order 2).
 *
 * <p>Alignment is counted from unit 0: a caller whose units are offset from it (a zone's page
 * frames) passes them relative to a base aligned to 2^maxOrder.
 */
public final class AlignedBlocks {

  /** Receives each block of a range, lowest first. */
  @FunctionalInterface
  public interface Sink {
    void accept(long start, int order);
  }

  private AlignedBlocks() {}

  /** Hands each block of [start, end) to {@code sink}, lowest first; nothing when start >= end. */
  public static void forEach(long start, long end, int maxOrder, Sink sink) {
    long p = start;
    while (p < end) {
      int order = orderAt(p, end, maxOrder);
      sink.accept(p, order);
      p += 1L << order;
    }
  }

  /**
   * The order of the block of [p, end) that starts at p ({@code p < end}): the largest that p is aligned
   * to and [p, end) holds, at most {@code maxOrder}. For loops that cannot take a lambda (the
   * allocator's own frees, which must not allocate).
   */
  public static int orderAt(long p, long end, int maxOrder) {
    int byAlignment = Long.numberOfTrailingZeros(p); // 64 for unit 0, aligned to everything
    int bySize = 63 - Long.numberOfLeadingZeros(end - p);
    return Math.min(maxOrder, Math.min(byAlignment, bySize));
  }
}
