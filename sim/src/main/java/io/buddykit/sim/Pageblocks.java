package io.buddykit.sim;

import java.util.Arrays;

/**
 * The migratetype of every pageblock of a zone (Linux's pageblock_flags bitmap): blocks of
 * {@code 2^pageblockOrder} pages, indexed from the zone's aligned base pfn.
 */
final class Pageblocks {
  private static final Migratetype[] TYPES = Migratetype.values();

  private final byte[] types;
  private final int order;

  Pageblocks(long units, int order) {
    this.order = order;
    this.types = new byte[(int) ((units + (1L << order) - 1) >>> order)];
    Arrays.fill(types, (byte) Migratetype.MOVABLE.ordinal()); // memmap_init marks them all movable
  }

  private Pageblocks(Pageblocks o) {
    this.order = o.order;
    this.types = o.types.clone();
  }

  Pageblocks copy() {
    return new Pageblocks(this);
  }

  /** The type of the pageblock holding zone unit {@code unit}. */
  Migratetype typeOf(long unit) {
    return TYPES[types[(int) (unit >>> order)]];
  }

  /** Sets the type of every pageblock overlapping [unit, unit + 2^blockOrder). */
  void set(long unit, int blockOrder, Migratetype type) {
    int first = (int) (unit >>> order);
    int last = (int) ((unit + (1L << blockOrder) - 1) >>> order);
    for (int i = first; i <= last; i++) {
      types[i] = (byte) type.ordinal();
    }
  }

  int count() {
    return types.length;
  }

  Migratetype typeOfBlock(int index) {
    return TYPES[types[index]];
  }

  int order() {
    return order;
  }
}
