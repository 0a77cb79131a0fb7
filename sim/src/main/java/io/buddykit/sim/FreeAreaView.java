package io.buddykit.sim;

import java.util.Objects;

/**
 * What the watermark check needs to see of a zone's free lists: whether the list of one order and
 * migratetype is non-empty (Linux's {@code !free_area_empty(&zone->free_area[order], type)}).
 * Kept to one question so that a zone model, a trace replay and a test can all answer it cheaply.
 */
@FunctionalInterface
interface FreeAreaView {
  /** Linux 6.6's MAX_ORDER (MAX_PAGE_ORDER from 6.8) with 4 KiB pages: the highest order, inclusive. */
  int DEFAULT_MAX_ORDER = 10;

  /** True when the free list of {@code order} and {@code type} holds at least one block. */
  boolean hasFree(int order, Migratetype type);

  /** The highest order the zone keeps free lists for, inclusive. */
  default int maxOrder() {
    return DEFAULT_MAX_ORDER;
  }

  /**
   * A view over free block counts {@code nrFree[order][migratetype.ordinal()]} (orders 0 to {@code
   * nrFree.length - 1}); the array is read when asked, not copied.
   */
  static FreeAreaView ofCounts(long[][] nrFree) {
    Objects.requireNonNull(nrFree, "nrFree");
    if (nrFree.length == 0) {
      throw new IllegalArgumentException("nrFree needs at least order 0");
    }
    int maxOrder = nrFree.length - 1;
    return new FreeAreaView() {
      @Override
      public boolean hasFree(int order, Migratetype type) {
        long[] row = nrFree[order];
        return type.ordinal() < row.length && row[type.ordinal()] > 0;
      }

      @Override
      public int maxOrder() {
        return maxOrder;
      }
    };
  }
}
