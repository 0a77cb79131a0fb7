package io.buddykit.experiments.balloon;

import io.buddykit.core.BuddyInfo;
import io.buddykit.core.FreeBlock;
import io.buddykit.sim.Machine;
import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Zone;
import java.util.function.IntConsumer;

/**
 * The guest as the balloon driver sees it: a machine whose memory is the guest's (guest pfn =
 * host frame, 2 MiB pageblocks = host huge pages), and the owner of its pages, told when a page
 * is given up. A page may be given up when it is movable or reclaimable (page cache dropped,
 * anonymous memory migrated away or swapped); kernel pages may not.
 */
public final class Guest {
  private final Machine machine;
  private final IntConsumer forget;
  /** The tag {@link #takeFreePageblocks} gave the host's pageblocks, or -1 before it ran. */
  private int hostTag = -1;

  /** @param forget told the owner tag of every block given up, so its records stay exact */
  public Guest(Machine machine, IntConsumer forget) {
    this.machine = machine;
    this.forget = forget;
  }

  public Machine machine() {
    return machine;
  }

  /** Pages per pageblock (one host huge page). */
  public long pageblockPages() {
    return 1L << machine.config().pageblockOrder();
  }

  /**
   * True when {@code pfn} heads an allocation the balloon may take back: the guest's own movable
   * or reclaimable pages, never a pageblock the host already holds.
   */
  public boolean releasable(long pfn) {
    OwnerTable o = machine.owners();
    return o.isHead(pfn) && !o.isPcp(pfn) && (o.isMovable(pfn) || o.isReclaimable(pfn)) && o.owner(pfn) != hostTag;
  }

  /** Gives up the allocation headed at {@code pfn}; returns its pages. */
  public long release(long pfn) {
    OwnerTable o = machine.owners();
    int tag = o.owner(pfn);
    long pages = 1L << o.order(pfn);
    machine.freePages(pfn);
    forget.accept(tag);
    return pages;
  }

  /** Pages in allocations the balloon may take back. */
  public long releasablePages() {
    OwnerTable o = machine.owners();
    long n = 0;
    for (long p = 0; p < o.size(); p++) {
      if (releasable(p)) {
        n += 1L << o.order(p);
      }
    }
    return n;
  }

  /** True when the whole pageblock holding {@code pfn} is one free block (order >= pageblock order). */
  public boolean pageblockFree(long pfn) {
    Zone z = machine.zoneOf(pfn);
    long pb = pfn & -pageblockPages();
    long b = z == null ? -1 : z.freeBlockContaining(pb);
    return b >= 0 && FreeBlock.order(b) >= machine.config().pageblockOrder();
  }

  /** Free pageblocks (in pageblock units) over every zone. */
  public long freePageblocks() {
    int pbOrder = machine.config().pageblockOrder();
    long n = 0;
    for (Zone z : machine.zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), pbOrder);
    }
    return n;
  }

  /**
   * Takes every free block of pageblock order or more for the host (a balloon that already holds
   * the guest's free huge pages), so that the strategies start with none; returns how many
   * pageblocks that took.
   */
  public long takeFreePageblocks(int tag) {
    int pbOrder = machine.config().pageblockOrder();
    hostTag = tag;
    long taken = 0;
    for (Zone z : machine.zones()) {
      for (long pb = (z.startPfn() + pageblockPages() - 1) & -pageblockPages(); pb + pageblockPages() <= z.endPfn();
          pb += pageblockPages()) {
        if (pageblockFree(pb) && machine.allocAt(pb, pbOrder, z.pageblockType(pb), tag)) {
          taken++;
        }
      }
    }
    return taken;
  }
}
