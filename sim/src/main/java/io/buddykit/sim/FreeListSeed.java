package io.buddykit.sim;

import io.buddykit.core.BuddyAllocator;
import java.util.SplittableRandom;

/**
 * Puts a freshly booted zone's free lists into a recorded state, so that a replay starts from the
 * free lists the kernel had when its trace began instead of from a machine with all its memory
 * free in MAX_PAGE_ORDER blocks. The recorded state is /proc/pagetypeinfo's: free blocks per
 * (migratetype, order) and pageblocks per migratetype ({@link ZoneFreeLists}).
 *
 * <p>How: every block free after boot is taken out of service, as memblock reservations are
 * (the memory a real machine has in use: page cache, anonymous memory, slabs, all pinned here: the
 * model neither reclaims nor migrates it; a trace's free of such a page is an unknown free). The
 * pageblocks that were wholly free get the recorded types in the recorded proportions, spread
 * evenly over the zone. Then for each type, from the highest order down, the recorded number of
 * blocks is put back at aligned places inside pageblocks of that type whose buddy is not a free
 * block of the same order (so nothing merges and every block stays at its recorded order),
 * spread evenly over that type's pageblocks, in a seeded shuffled order: list order after a long
 * uptime is unknown, and no address order is more right than another.
 *
 * <p>What is not seeded, and counted in the {@link Outcome}: free blocks that found no room (the
 * model's zone is smaller than the recorded one, or its wholly free pageblocks too few), the
 * types that cannot merge (HighAtomic, CMA, Isolate: their pageblocks and free blocks are left
 * out, since a reserve's bookkeeping comes from the allocations that made it), and the pages on
 * the per-CPU lists (zoneinfo gives only their count).
 */
public final class FreeListSeed {
  private FreeListSeed() {}

  /**
   * What the seeding did to one zone.
   *
   * @param wantedPages free pages in the recorded lists of the seeded types
   * @param seededPages free pages the zone's lists hold afterwards
   * @param missedBlocks recorded free blocks that found no room
   * @param pageblocks pageblocks given recorded types
   */
  public record Outcome(long wantedPages, long seededPages, long missedBlocks, long pageblocks) {}

  /**
   * Seeds the lists of zone {@code want.zone()} on node {@code want.node()} of {@code machine},
   * which must have nothing allocated through its page API yet (just booted). The shuffle uses
   * {@code seed}.
   */
  public static Outcome apply(Machine machine, ZoneFreeLists want, long seed) {
    Zone zone = machine.node(want.node()).zone(want.zone());
    if (zone == null || !zone.populated()) {
      throw new IllegalArgumentException("the model has no populated zone " + want.zone().procName()
          + " on node " + want.node());
    }
    machine.drainAllPages();
    Layout layout = new Layout(zone);
    int[] typeOf = layout.assignTypes(want.pageblocks());
    for (int i = 0; i < typeOf.length; i++) {
      zone.setPageblockType(layout.pfnOf(i), Migratetype.of(typeOf[i]));
    }
    Placement placement = new Placement(layout, typeOf, zone.pageblockOrder(), zone.maxOrder());
    long wanted = 0;
    long missed = 0;
    for (Migratetype mt : Migratetype.values()) {
      if (!mt.mergeable()) {
        continue;
      }
      long[] row = want.freeBlocks()[mt.ordinal()];
      for (int k = Math.min(row.length - 1, zone.maxOrder()); k >= 0; k--) {
        wanted += row[k] << k;
        missed += placement.place(mt.ordinal(), k, row[k]);
      }
    }
    placement.release(zone.area(), new SplittableRandom(seed));
    return new Outcome(wanted, zone.freePages(), missed, typeOf.length);
  }

  /** The zone's pageblocks that were wholly free after boot, now taken out of service. */
  private static final class Layout {
    private final Zone zone;
    private final int[] usable; // pageblock index (from the zone's base pfn) of each usable pageblock
    private final int[] slotOf; // pageblock index -> position in usable[], or -1

    Layout(Zone zone) {
      this.zone = zone;
      BuddyAllocator area = zone.area();
      int pbOrder = zone.pageblockOrder();
      long units = (zone.endPfn() - zone.basePfn() + (1L << zone.maxOrder()) - 1) & -(1L << zone.maxOrder());
      int blocks = (int) (units >>> pbOrder);
      long[] freeInBlock = new long[blocks];
      for (int cls = 0; cls < Migratetype.count(); cls++) {
        for (int k = 0; k <= zone.maxOrder(); k++) {
          for (long u = area.firstFreeBlock(k, cls); u >= 0; u = area.firstFreeBlock(k, cls)) {
            area.reserve(u, 1L << k);
            if (k >= pbOrder) {
              for (long b = u >>> pbOrder; b < (u + (1L << k)) >>> pbOrder; b++) {
                freeInBlock[(int) b] = 1L << pbOrder;
              }
            } else {
              freeInBlock[(int) (u >>> pbOrder)] += 1L << k;
            }
          }
        }
      }
      slotOf = new int[blocks];
      int n = 0;
      for (int b = 0; b < blocks; b++) {
        slotOf[b] = freeInBlock[b] == 1L << pbOrder ? n++ : -1;
      }
      usable = new int[n];
      for (int b = 0; b < blocks; b++) {
        if (slotOf[b] >= 0) {
          usable[slotOf[b]] = b;
        }
      }
    }

    int size() {
      return usable.length;
    }

    long pfnOf(int i) {
      return zone.basePfn() + ((long) usable[i] << zone.pageblockOrder());
    }

    /** Zone unit of usable pageblock {@code i}. */
    long unitOf(int i) {
      return (long) usable[i] << zone.pageblockOrder();
    }

    /** The usable position of the pageblock at zone unit {@code u}, or -1. */
    int indexOfUnit(long u) {
      long b = u >>> zone.pageblockOrder();
      return b < slotOf.length ? slotOf[(int) b] : -1;
    }

    /**
     * A type per usable pageblock, in the recorded proportions of the mergeable types, spread
     * evenly: position i goes to the type furthest behind its share (a Bresenham-style spread).
     */
    int[] assignTypes(long[] recorded) {
      long total = 0;
      for (Migratetype mt : Migratetype.values()) {
        total += mt.mergeable() ? recorded[mt.ordinal()] : 0;
      }
      int[] types = new int[usable.length];
      long[] given = new long[Migratetype.count()];
      for (int i = 0; i < types.length; i++) {
        int best = Migratetype.MOVABLE.ordinal();
        double behind = Double.NEGATIVE_INFINITY;
        for (Migratetype mt : Migratetype.values()) {
          if (!mt.mergeable() || total == 0 || recorded[mt.ordinal()] == 0) {
            continue;
          }
          double due = (double) recorded[mt.ordinal()] * (i + 1) / total - given[mt.ordinal()];
          if (due > behind) {
            behind = due;
            best = mt.ordinal();
          }
        }
        types[i] = best;
        given[best]++;
      }
      return types;
    }
  }

  /** The blocks chosen so far: none overlaps another, and none has a free buddy of its order. */
  private static final class Placement {
    private final Layout layout;
    private final int[] typeOf;
    private final int pbOrder;
    private final int maxOrder;
    /** Per usable pageblock, per page: the order + 1 of a chosen block starting there, else 0. */
    private final byte[][] startOrder;
    /** Per usable pageblock, per page: chosen. */
    private final boolean[][] taken;
    /** Per usable pageblock: the lowest order a search found no room for (none above it fits either). */
    private final byte[] noRoomFrom;
    private long[] units = new long[64];
    private int[] orders = new int[64];
    private int[] classes = new int[64];
    private int count;

    Placement(Layout layout, int[] typeOf, int pbOrder, int maxOrder) {
      this.layout = layout;
      this.typeOf = typeOf;
      this.pbOrder = pbOrder;
      this.maxOrder = maxOrder;
      startOrder = new byte[layout.size()][];
      taken = new boolean[layout.size()][];
      noRoomFrom = new byte[layout.size()];
      java.util.Arrays.fill(noRoomFrom, Byte.MAX_VALUE);
    }

    /** Chooses {@code n} blocks of {@code order} in pageblocks of type {@code mt}; returns how many found no room. */
    long place(int mt, int order, long n) {
      int[] mine = pageblocksOf(mt);
      long missed = 0;
      for (long i = 0; i < n; i++) {
        int from = mine.length == 0 ? 0 : (int) (i * mine.length / n);
        if (!placeOne(mine, from, mt, order)) {
          missed++;
        }
      }
      return missed;
    }

    private boolean placeOne(int[] mine, int from, int mt, int order) {
      for (int j = 0; j < mine.length; j++) {
        int pb = mine[(from + j) % mine.length];
        if (order >= pbOrder ? tryLarge(pb, mt, order) : trySmall(pb, mt, order)) {
          return true;
        }
      }
      return false;
    }

    /** A block of pageblock order or more: whole pageblocks of one type, no free buddy of its order. */
    private boolean tryLarge(int pb, int mt, int order) {
      long u = layout.unitOf(pb);
      if ((u & ((1L << order) - 1)) != 0) {
        return false;
      }
      int span = 1 << (order - pbOrder);
      for (int s = 0; s < span; s++) {
        int p = layout.indexOfUnit(u + ((long) s << pbOrder));
        if (p < 0 || typeOf[p] != mt || taken[p] != null) {
          return false;
        }
      }
      if (order < maxOrder) {
        int buddy = layout.indexOfUnit(u ^ (1L << order));
        if (buddy >= 0 && startOrder[buddy] != null && startOrder[buddy][0] == order + 1) {
          return false;
        }
      }
      for (int s = 0; s < span; s++) {
        int p = layout.indexOfUnit(u + ((long) s << pbOrder));
        taken[p] = new boolean[0]; // wholly chosen
        startOrder[p] = new byte[] {(byte) (s == 0 ? order + 1 : 0)};
      }
      add(u, order, mt);
      return true;
    }

    /** A block below pageblock order inside one pageblock not chosen whole. */
    private boolean trySmall(int pb, int mt, int order) {
      if (order >= noRoomFrom[pb] || (taken[pb] != null && taken[pb].length == 0)) {
        return false;
      }
      if (taken[pb] == null) {
        taken[pb] = new boolean[1 << pbOrder];
        startOrder[pb] = new byte[1 << pbOrder];
      }
      boolean[] t = taken[pb];
      byte[] so = startOrder[pb];
      int size = 1 << order;
      for (int off = 0; off < t.length; off += size) {
        if (so[off ^ size] == order + 1 || !allFree(t, off, size)) {
          continue;
        }
        for (int q = off; q < off + size; q++) {
          t[q] = true;
        }
        so[off] = (byte) (order + 1);
        add(layout.unitOf(pb) + off, order, mt);
        return true;
      }
      noRoomFrom[pb] = (byte) order;
      return false;
    }

    private static boolean allFree(boolean[] t, int off, int size) {
      for (int q = off; q < off + size; q++) {
        if (t[q]) {
          return false;
        }
      }
      return true;
    }

    private int[] pageblocksOf(int mt) {
      int n = 0;
      for (int t : typeOf) {
        n += t == mt ? 1 : 0;
      }
      int[] mine = new int[n];
      n = 0;
      for (int i = 0; i < typeOf.length; i++) {
        if (typeOf[i] == mt) {
          mine[n++] = i;
        }
      }
      return mine;
    }

    private void add(long unit, int order, int mt) {
      if (count == units.length) {
        units = java.util.Arrays.copyOf(units, count * 2);
        orders = java.util.Arrays.copyOf(orders, count * 2);
        classes = java.util.Arrays.copyOf(classes, count * 2);
      }
      units[count] = unit;
      orders[count] = order;
      classes[count] = mt;
      count++;
    }

    /** Frees the chosen blocks in a seeded random order. */
    void release(BuddyAllocator area, SplittableRandom random) {
      int[] perm = new int[count];
      for (int i = 0; i < count; i++) {
        int j = random.nextInt(i + 1);
        perm[i] = perm[j];
        perm[j] = i;
      }
      for (int i : perm) {
        area.release(units[i], 1L << orders[i], classes[i]);
      }
    }
  }
}
