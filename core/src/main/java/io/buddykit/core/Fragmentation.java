package io.buddykit.core;

/**
 * Linux's fragmentation statistics over free counts per order (a buddyinfo row), computed exactly
 * as mm/vmstat.c does, in integers scaled by 1000, and printed as debugfs prints them.
 *
 * <ul>
 *   <li>The <em>fragmentation index</em> ({@code __fragmentation_index}) tells, for an order that
 *       cannot be served, whether the failure is due to lack of memory (towards 0) or to
 *       fragmentation (towards 1000); it is -1000 when a suitable block exists and 0 when nothing is
 *       free.
 *   <li>The <em>unusable free space index</em> ({@code unusable_free_index}) is the share of free
 *       memory that cannot serve a request of the order: 0 none, 1000 all (and 1000 when nothing is
 *       free).
 * </ul>
 */
public final class Fragmentation {
  private Fragmentation() {}

  /** Linux's {@code __fragmentation_index} for {@code order}, scaled by 1000. */
  public static int fragmentationIndex(long[] nrFree, int order) {
    checkOrder(nrFree, order);
    long requested = 1L << order;
    long blocksTotal = 0;
    for (long n : nrFree) {
      blocksTotal += n;
    }
    long freePages = BuddyInfo.freeUnits(nrFree);
    long suitable = BuddyInfo.suitableBlocks(nrFree, order);
    if (blocksTotal == 0) {
      return 0;
    }
    if (suitable != 0) {
      return -1000;
    }
    return (int) (1000 - (1000 + freePages * 1000 / requested) / blocksTotal);
  }

  /** Linux's {@code unusable_free_index} for {@code order}, scaled by 1000. */
  public static int unusableFreeIndex(long[] nrFree, int order) {
    checkOrder(nrFree, order);
    long freePages = BuddyInfo.freeUnits(nrFree);
    long suitable = BuddyInfo.suitableBlocks(nrFree, order);
    if (freePages == 0) {
      return 1000;
    }
    return (int) ((freePages - (suitable << order)) * 1000 / freePages);
  }

  /**
   * An index scaled by 1000 as debugfs prints it, C's {@code %d.%03d} of {@code index / 1000} and
   * {@code index % 1000}: {@code -1.000}, {@code 0.937}, and for a negative index above -1000 (one
   * free block, too small) the kernel's own {@code 0.-500}.
   */
  public static String format(int index) {
    return String.format("%d.%03d", index / 1000, index % 1000);
  }

  /** One row of /sys/kernel/debug/extfrag/extfrag_index ({@code %2d.%03d} per order). */
  public static String extfragLine(int node, String zone, long[] nrFree) {
    StringBuilder b = new StringBuilder(BuddyInfo.prefix(node, zone));
    for (int k = 0; k < nrFree.length; k++) {
      int index = fragmentationIndex(nrFree, k);
      b.append(String.format("%2d.%03d ", index / 1000, index % 1000));
    }
    return b.toString();
  }

  /** One row of /sys/kernel/debug/extfrag/unusable_index for the orders of {@code nrFree}. */
  public static String unusableLine(int node, String zone, long[] nrFree) {
    StringBuilder b = new StringBuilder(BuddyInfo.prefix(node, zone));
    for (int k = 0; k < nrFree.length; k++) {
      b.append(format(unusableFreeIndex(nrFree, k))).append(' ');
    }
    return b.toString();
  }

  private static void checkOrder(long[] nrFree, int order) {
    if (order < 0 || order >= nrFree.length) {
      throw new InvalidRequestException(
          "order " + order + " is outside [0, " + (nrFree.length - 1) + "]");
    }
  }
}
