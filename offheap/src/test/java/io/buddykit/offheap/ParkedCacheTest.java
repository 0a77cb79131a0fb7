package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 2: free memory parked in the caches of live threads that wait. Sixteen threads in
 * turn take 1 MiB of the 16 MiB arena in 4-32 KiB buffers, free them all and wait, so their
 * caches hold the whole arena; then the main thread's allocations must take that memory back (as
 * Linux's drain_all_pages does) rather than report the arena full.
 */
class ParkedCacheTest {
  private static final long MIB = 1 << 20;

  @Test
  void aStarvedAllocationTakesBackWhatLiveThreadsCache() throws Exception {
    try (BuddyArena arena = BuddyArena.create(16 * MIB)) {
      CountDownLatch done = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        CountDownLatch cached = new CountDownLatch(1);
        long seed = t;
        Thread th = new Thread(() -> {
          fillAndFree(arena, new SplittableRandom(seed));
          cached.countDown();
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "parker-" + t);
        th.start();
        threads.add(th);
        cached.await(); // one at a time, so each thread caches what the ones before left
      }
      ArenaStats before = arena.stats();
      assertThat(before.usedBytes()).isZero();
      assertThat(before.freeBytes() + before.cachedBytes()).isEqualTo(16 * MIB);
      assertThat(before.cachedBytes()).isEqualTo(16 * MIB);
      MemorySegment small = arena.allocate(16);
      List<MemorySegment> big = new ArrayList<>();
      for (int i = 0; i < 3; i++) { // the largest blocks: only whole, merged memory serves them
        big.add(arena.allocate(4 * MIB));
      }
      assertThat(arena.stats().cachedBytes()).isLessThan(4 * MIB);
      big.forEach(arena::free);
      arena.free(small);
      done.countDown();
      for (Thread th : threads) {
        th.join();
      }
      arena.verify();
    }
  }

  /**
   * Allocates 1 MiB as 256 KiB of each of 32, 16, 8 and 4 KiB buffers, then frees them in a random
   * order: exactly what a thread cache's high marks keep (64 pages per order), so nothing drains.
   */
  private static void fillAndFree(BuddyArena arena, SplittableRandom r) {
    List<MemorySegment> held = new ArrayList<>();
    for (int order = 3; order >= 0; order--) {
      for (int i = 0; i < 64 >> order; i++) {
        held.add(arena.allocate(4096L << order));
      }
    }
    while (!held.isEmpty()) {
      arena.free(held.remove(r.nextInt(held.size())));
    }
  }
}
