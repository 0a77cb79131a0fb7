package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Purging never races an allocation: threads allocate blocks of 4 KiB to 4 MiB (many of them at
 * or above the purge size), write a tag into every page, check it and free, while another thread
 * purges in a loop, and the purger runs with a 1 ms decay. A purge that gave back a block handed
 * out meanwhile would zero a live page (its tag gone); one that lost a block would show in the
 * final accounting. {@code -Dbuddykit.stress.ops=N} (or {@code -Plong}) runs longer.
 */
class PurgeStressTest {
  private static final int THREADS = 3;
  private static final int OPS = Integer.getInteger("buddykit.stress.ops", 40_000) / 40;
  private static final long MIB = 1 << 20;

  @Test
  void purgesNeverTakeLiveMemory() throws Exception {
    for (PurgeAdvice advice : PurgeAdvice.values()) {
      run(BuddyArena.builder(64 * MIB).purgeSize(64 << 10).purgeDecay(Duration.ofMillis(1)).purgeAdvice(advice));
    }
    run(BuddyArena.builder(64 * MIB).purgeDecay(Duration.ZERO));
  }

  private static void run(BuddyArena.Builder builder) throws Exception {
    try (BuddyArena arena = builder.build()) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong purged = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread purger = new Thread(() -> {
        while (!stop.get()) {
          purged.addAndGet(arena.purge());
        }
      }, "purge-loop");
      purger.start();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = 0x9e3779b9L * (t + 1);
        Thread th = new Thread(() -> {
          try {
            work(arena, new SplittableRandom(seed), seed);
          } catch (Throwable e) {
            failure.compareAndSet(null, new AssertionError("seed " + seed, e));
          }
        }, "alloc-" + t);
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      stop.set(true);
      purger.join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      arena.trim();
      arena.purge();
      ArenaStats st = arena.stats();
      assertThat(st.usedBytes()).isZero();
      assertThat(st.freeBytes()).isEqualTo(64 * MIB);
      assertThat(purged.get()).isPositive();
      arena.verify();
    }
  }

  private static void work(BuddyArena arena, SplittableRandom r, long tag) {
    List<MemorySegment> held = new ArrayList<>();
    for (int op = 0; op < OPS; op++) {
      if (held.size() < 6 && (held.isEmpty() || r.nextBoolean())) {
        MemorySegment s;
        try {
          s = arena.allocate(4096L << r.nextInt(11));
        } catch (ArenaFullException e) {
          continue; // three threads of six blocks up to 4 MiB can fill 64 MiB
        }
        for (long p = 0; p < s.byteSize(); p += 4096) {
          s.set(ValueLayout.JAVA_LONG_UNALIGNED, p, tag ^ p);
        }
        held.add(s);
      } else {
        MemorySegment s = held.remove(r.nextInt(held.size()));
        for (long p = 0; p < s.byteSize(); p += 4096) {
          long seen = s.get(ValueLayout.JAVA_LONG_UNALIGNED, p);
          if (seen != (tag ^ p)) {
            throw new AssertionError("page +" + p + " of a live " + s.byteSize() + "-byte block at 0x"
                + Long.toHexString(s.address()) + " lost its tag: " + Long.toHexString(seen));
          }
        }
        arena.free(s);
      }
    }
    held.forEach(arena::free);
  }
}
