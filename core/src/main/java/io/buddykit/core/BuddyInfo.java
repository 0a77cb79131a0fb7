package io.buddykit.core;

/** Formats free counts per order as a line of Linux's /proc/buddyinfo. */
public final class BuddyInfo {
  private BuddyInfo() {}

  /** {@code Node 0, zone   Normal      1      0 ...}: {@code %6d } per order, as mm/vmstat.c. */
  public static String line(int node, String zone, long[] nrFree) {
    StringBuilder b = new StringBuilder(prefix(node, zone));
    for (long n : nrFree) {
      b.append(String.format("%6d ", n));
    }
    return b.toString();
  }

  static String prefix(int node, String zone) {
    return String.format("Node %d, zone %8s ", node, zone);
  }

  /**
   * Free blocks of {@code order} in a buddyinfo row, each larger free block counted as the
   * 2^(k - order) blocks it splits into: Linux's free_blocks_suitable (fill_contig_page_info). How
   * many huge pages or pageblocks could be had now, with no compaction.
   */
  public static long suitableBlocks(long[] nrFree, int order) {
    if (order < 0) {
      throw new InvalidRequestException("order " + order + " is negative");
    }
    long blocks = 0;
    for (int k = order; k < nrFree.length; k++) {
      blocks += nrFree[k] << (k - order);
    }
    return blocks;
  }

  /** Free units in a buddyinfo row: the sum of nr_free[k] * 2^k. */
  public static long freeUnits(long[] nrFree) {
    long units = 0;
    for (int k = 0; k < nrFree.length; k++) {
      units += nrFree[k] << k;
    }
    return units;
  }
}
