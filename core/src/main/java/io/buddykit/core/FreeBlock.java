package io.buddykit.core;

/**
 * The one owner of the packed free block: {@link BuddyAllocator#freeBlockContaining} answers with
 * a block's first unit and its order in one {@code long}, so that a walk over a range of units
 * (compaction's scanners, a pageblock claim, a memory map) allocates nothing per step.
 *
 * <pre>
 *  63                                      8 7           0
 * +-----------------------------------------+-------------+
 * |            start (first unit)           |    order    |
 * +-----------------------------------------+-------------+
 * </pre>
 *
 * <p>The start takes the high 56 bits, far more than {@link BuddyAllocator#MAX_UNITS} (the sim
 * packs page frame numbers the same way), and the order the low 8, more than
 * {@link BuddyAllocator#MAX_ORDER_LIMIT}. Every block packs to a value {@code >= 0}; {@link #NONE}
 * (-1) says there is no free block, so {@code packed < 0} tests for it.
 */
public final class FreeBlock {
  /** No free block: the unit is live, reserved or outside the space. */
  public static final long NONE = -1;

  private static final int ORDER_BITS = 8;
  private static final long ORDER_MASK = (1L << ORDER_BITS) - 1;

  private FreeBlock() {}

  /** The block of {@code order} that starts at unit {@code start}, packed. */
  public static long pack(long start, int order) {
    return start << ORDER_BITS | order;
  }

  /** Its first unit. */
  public static long start(long packed) {
    return packed >>> ORDER_BITS;
  }

  /** Its order. */
  public static int order(long packed) {
    return (int) (packed & ORDER_MASK);
  }

  /** Its units: 2^order. */
  public static long size(long packed) {
    return 1L << order(packed);
  }

  /** The unit just past it. */
  public static long end(long packed) {
    return start(packed) + size(packed);
  }
}
