package io.buddykit.experiments.boot;

import java.util.Arrays;

/**
 * One zone across the release of init memory: its buddyinfo before and after, and the pages and
 * aligned pieces (counted per order) freed into it. Each piece freed adds a free block and each
 * merge removes one, so the merges are {@code before + pieces - after} counted in blocks.
 */
public record ZoneRelease(int nid, String zone, long[] before, long[] after, long releasedPages, long[] piecesByOrder) {
  public ZoneRelease {
    before = before.clone();
    after = after.clone();
    piecesByOrder = piecesByOrder.clone();
  }

  @Override
  public long[] piecesByOrder() {
    return piecesByOrder.clone();
  }

  public long pieces() {
    return blocksAtLeast(piecesByOrder, 0);
  }

  /** The buddyinfo had the pieces gone onto the free lists without merging with anything. */
  public long[] afterWithoutMerging() {
    long[] out = before.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += piecesByOrder[k];
    }
    return out;
  }

  @Override
  public long[] before() {
    return before.clone();
  }

  @Override
  public long[] after() {
    return after.clone();
  }

  public long blocksBefore() {
    return blocksAtLeast(before, 0);
  }

  public long blocksAfter() {
    return blocksAtLeast(after, 0);
  }

  /** Buddy merges the release made in this zone. */
  public long merges() {
    return blocksBefore() + pieces() - blocksAfter();
  }

  /** Free blocks of order {@code order} or more in a buddyinfo row. */
  public static long blocksAtLeast(long[] info, int order) {
    return Arrays.stream(info, Math.min(order, info.length), info.length).sum();
  }

  /** Free pages in blocks of order {@code order} or more in a buddyinfo row. */
  public static long pagesAtLeast(long[] info, int order) {
    long n = 0;
    for (int k = order; k < info.length; k++) {
      n += info[k] << k;
    }
    return n;
  }
}
