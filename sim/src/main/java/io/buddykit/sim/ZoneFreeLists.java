package io.buddykit.sim;

import java.util.Objects;

/**
 * A zone's free lists and pageblock types as /proc/pagetypeinfo shows them: free blocks per
 * (migratetype, order) and pageblocks per migratetype, both indexed by {@link Migratetype#ordinal()}.
 * It is what a recorded machine's state looks like to {@link FreeListSeed}.
 *
 * @param node the node id
 * @param zone the zone type
 * @param freeBlocks {@code freeBlocks[mt][order]}: free blocks of that order on that type's list
 * @param pageblocks {@code pageblocks[mt]}: pageblocks of that type
 */
public record ZoneFreeLists(int node, ZoneType zone, long[][] freeBlocks, long[] pageblocks) {
  public ZoneFreeLists {
    Objects.requireNonNull(zone, "zone");
    if (freeBlocks.length != Migratetype.count() || pageblocks.length != Migratetype.count()) {
      throw new IllegalArgumentException("need one row per migratetype (" + Migratetype.count() + ")");
    }
    freeBlocks = freeBlocks.clone();
    for (int mt = 0; mt < freeBlocks.length; mt++) {
      freeBlocks[mt] = freeBlocks[mt].clone();
      for (long n : freeBlocks[mt]) {
        if (n < 0) {
          throw new IllegalArgumentException("negative free block count for " + Migratetype.of(mt));
        }
      }
    }
    pageblocks = pageblocks.clone();
  }

  /** Free pages the lists hold. */
  public long freePages() {
    long pages = 0;
    for (long[] row : freeBlocks) {
      for (int k = 0; k < row.length; k++) {
        pages += row[k] << k;
      }
    }
    return pages;
  }
}
