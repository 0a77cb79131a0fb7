package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Several threads allocate, write an owner tag across each whole block, check it, and free — a
 * quarter of the blocks through another thread. Two live blocks that overlapped would overwrite
 * each other's tags; a lost block would show in the final accounting, which must come back to an
 * empty arena exactly. {@code -Dbuddykit.stress.ops=N} (or {@code -Plong}) runs longer.
 */
class ConcurrencyStressTest {
  private static final int THREADS = 4;
  private static final int OPS = Integer.getInteger("buddykit.stress.ops", 40_000);
  private static final long CAPACITY = 256L << 20;

  record Block(MemorySegment segment, long tag) {}

  @Test
  void noOverlapNoLossExactAccounting() throws Exception {
    try (BuddyArena arena = BuddyArena.create(CAPACITY)) {
      ConcurrentLinkedQueue<Block> handOver = new ConcurrentLinkedQueue<>();
      AtomicLong allocations = new AtomicLong();
      AtomicLong frees = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = 0x57e55L + t;
        int id = t;
        Thread th = new Thread(() -> {
          try {
            run(arena, id, seed, handOver, allocations, frees);
          } catch (Throwable e) {
            failure.compareAndSet(null, new AssertionError("thread " + id + " seed " + seed, e));
          }
        }, "stress-" + t);
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      for (Block b; (b = handOver.poll()) != null; ) {
        check(b);
        arena.free(b.segment());
        frees.incrementAndGet();
      }
      arena.trim(); // this thread's cache and those of the ended threads
      ArenaStats st = arena.stats();
      assertThat(allocations.get()).isEqualTo(frees.get());
      assertThat(st.usedBytes()).isZero();
      assertThat(st.requestedBytes()).isZero();
      assertThat(st.cachedBytes()).isZero();
      assertThat(st.freeBytes()).isEqualTo(CAPACITY);
      assertThat(st.slabClasses()).allSatisfy(c -> assertThat(c.slabs()).isZero());
      arena.verify();
    }
  }

  private static void run(BuddyArena arena, int id, long seed, ConcurrentLinkedQueue<Block> handOver,
      AtomicLong allocations, AtomicLong frees) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Block> live = new ArrayList<>();
    for (int op = 0; op < OPS; op++) {
      if (live.size() < 300 && (live.isEmpty() || r.nextInt(100) < 52)) {
        long size = size(r);
        MemorySegment s = arena.allocate(size);
        allocations.incrementAndGet();
        Block b = new Block(s, ((long) id << 48) ^ ((long) op << 8) ^ size);
        tag(b);
        live.add(b);
      } else {
        Block b = live.remove(r.nextInt(live.size()));
        check(b);
        if (r.nextInt(4) == 0) {
          handOver.add(b); // freed by whichever thread polls it
        } else {
          arena.free(b.segment());
          frees.incrementAndGet();
        }
      }
      Block other = r.nextInt(8) == 0 ? handOver.poll() : null;
      if (other != null) {
        check(other);
        arena.free(other.segment());
        frees.incrementAndGet();
      }
    }
    for (Block b : live) {
      check(b);
      arena.free(b.segment());
      frees.incrementAndGet();
    }
  }

  /** 60% 16..512 B, 30% 1..16 KiB, 9% 16..256 KiB, 1% 256 KiB..1 MiB. */
  private static long size(SplittableRandom r) {
    int p = r.nextInt(100);
    if (p < 60) {
      return r.nextLong(16, 513);
    } else if (p < 90) {
      return r.nextLong(1024, 16 * 1024 + 1);
    } else if (p < 99) {
      return r.nextLong(16 * 1024, 256 * 1024 + 1);
    }
    return r.nextLong(256 * 1024, 1024 * 1024 + 1);
  }

  private static void tag(Block b) {
    MemorySegment s = b.segment();
    long words = s.byteSize() / 8;
    for (long i = 0; i < words; i++) {
      s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, b.tag() + i);
    }
    for (long i = words * 8; i < s.byteSize(); i++) {
      s.set(ValueLayout.JAVA_BYTE, i, (byte) b.tag());
    }
  }

  private static void check(Block b) {
    MemorySegment s = b.segment();
    long words = s.byteSize() / 8;
    for (long i = 0; i < words; i++) {
      long v = s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
      if (v != b.tag() + i) {
        throw new AssertionError("block at 0x" + Long.toHexString(s.address()) + " (" + s.byteSize()
            + " bytes) overwritten at word " + i + ": another live block overlaps it");
      }
    }
    for (long i = words * 8; i < s.byteSize(); i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) != (byte) b.tag()) {
        throw new AssertionError("block tail overwritten at byte " + i);
      }
    }
  }
}
