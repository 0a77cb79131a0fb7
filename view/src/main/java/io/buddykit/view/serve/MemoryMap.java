package io.buddykit.view.serve;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Zone;
import java.util.List;

/**
 * The memory drawn as at most {@value #MAX_CELLS} cells, so the page gets a map of the same size
 * whatever the machine: one cell per page when the pages fit, else one per power-of-two run of
 * pages. A cell holds the state most of its pages are in ({@link #STATES}, by index): a hole or
 * boot reservation, free in the buddy allocator, allocated unmovable, movable or reclaimable (by
 * what the request asked for), allocated inside a HighAtomic pageblock, parked on a per-CPU list,
 * or (heap traces) a live heap block. The dominant state, rather than the pageblock's migratetype,
 * is what shows fragmentation: free cells scattered among unmovable ones are the pattern to watch.
 *
 * @param cellPages pages (heap: units) per cell, a power of two
 * @param cells the state index of each cell
 * @param hash FNV-1a (32 bits) of the cells, so a client can tell maps apart without comparing them
 */
record MemoryMap(long cellPages, byte[] cells, long hash) {
  static final int MAX_CELLS = 4096;
  static final List<String> STATES =
      List.of("reserved", "free", "unmovable", "movable", "reclaimable", "highatomic", "pcp", "used");
  private static final int RESERVED = 0;
  private static final int FREE = 1;
  private static final int UNMOVABLE = 2;
  private static final int MOVABLE = 3;
  private static final int RECLAIMABLE = 4;
  private static final int HIGHATOMIC = 5;
  private static final int PCP = 6;
  private static final int USED = 7;

  /** Reads a machine: every zone walked block by block, so the cost is the number of blocks, not pages. */
  static MemoryMap of(Machine m) {
    OwnerTable owners = m.owners();
    Counts c = new Counts(owners.size());
    for (Zone z : m.zones()) {
      long pfn = z.startPfn();
      while (pfn < z.endPfn()) {
        long len;
        int state;
        if (owners.isHead(pfn)) {
          len = 1L << owners.order(pfn);
          state = owners.isPcp(pfn) ? PCP
              : z.pageblockType(pfn) == Migratetype.HIGHATOMIC ? HIGHATOMIC
              : owners.isMovable(pfn) ? MOVABLE
              : owners.type(pfn) == Migratetype.RECLAIMABLE ? RECLAIMABLE
              : UNMOVABLE;
        } else {
          long b = z.freeBlockContaining(pfn);
          if (b >= 0) {
            len = FreeBlock.end(b) - pfn;
            state = FREE;
          } else {
            len = 1;
            state = RESERVED;
          }
        }
        len = Math.min(len, z.endPfn() - pfn);
        c.add(state, pfn, len);
        pfn += len;
      }
    }
    return c.map();
  }

  /** Reads a heap: its free blocks and live allocations; the rest is reserved. */
  static MemoryMap of(BuddyAllocator space) {
    Counts c = new Counts(space.units());
    space.forEachFreeBlock((start, size, order, cls) -> c.add(FREE, start, size));
    space.forEachLive((start, size, order, cls) -> c.add(USED, start, 1L << order));
    return c.map();
  }

  /** FNV-1a over the cell values; app.js computes the same over what it drew. */
  static long hash(byte[] cells) {
    int h = 0x811c9dc5;
    for (byte b : cells) {
      h ^= b;
      h *= 0x01000193;
    }
    return Integer.toUnsignedLong(h);
  }

  /** Pages per state per cell, then the winner of each cell. */
  private static final class Counts {
    private final long cellPages;
    private final long[][] pages;

    Counts(long units) {
      long per = 1;
      while ((units + per - 1) / per > MAX_CELLS) {
        per <<= 1;
      }
      cellPages = per;
      pages = new long[STATES.size()][(int) Math.max(1, (units + per - 1) / per)];
    }

    void add(int state, long start, long len) {
      long p = start;
      long end = start + len;
      while (p < end) {
        int cell = (int) (p / cellPages);
        long n = Math.min(end, (cell + 1) * cellPages) - p;
        pages[state][cell] += n;
        p += n;
      }
    }

    MemoryMap map() {
      byte[] cells = new byte[pages[0].length];
      for (int i = 0; i < cells.length; i++) {
        int best = RESERVED;
        for (int s = 1; s < pages.length; s++) {
          if (pages[s][i] > pages[best][i]) {
            best = s;
          }
        }
        cells[i] = (byte) best;
      }
      return new MemoryMap(cellPages, cells, hash(cells));
    }
  }
}
