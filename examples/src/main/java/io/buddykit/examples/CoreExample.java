package io.buddykit.examples;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;

/** The README's core sample, as written there, and what it printed. */
public final class CoreExample {
  private CoreExample() {}

  public static void main(String[] args) {
    BuddyAllocator a = BuddyAllocator.create(1 << 20, 10); // 2^20 units, orders 0..10
    long p = a.allocate(4);             // an order-4 block: 16 units aligned to 16
    long q = a.allocateUnits(62);       // rounded up to 64 units; 62 remembered as requested
    long r = a.allocateExact(13);       // exactly 13 units; the tail of the 16 goes back at once
    a.tryGrowInPlace(p);                // doubles p when its right-hand buddy is free
    a.free(q);                          // the size is remembered; free buddies coalesce
    a.reserve(1000, 24);                // boot-time reservation, any alignment; release() gives it back
    long[] nrFree = a.buddyInfo();      // free blocks per order
    String line = BuddyInfo.line(0, "Normal", nrFree);          // as /proc/buddyinfo
    int fi = Fragmentation.fragmentationIndex(nrFree, 9);        // as mm/vmstat.c, x1000
    a.verify();                         // every invariant, or IllegalStateException naming it

    System.out.println("p=" + p + " r=" + r + " live units " + a.liveUnits());
    System.out.println(line);
    System.out.println("fragmentation index at order 9: " + fi);
  }
}
