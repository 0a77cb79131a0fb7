package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 section 3: free memory goes back to the kernel. Resident sizes are the kernel's
 * (mincore over the arena's mapping), so these tests measure what the kernel holds, not what the
 * arena believes.
 */
class PurgeTest {
  private static final long KIB = 1 << 10;
  private static final long MIB = 1 << 20;
  private static final long GIB = 1 << 30;
  private static final Duration NEVER = Duration.ofSeconds(-1);

  /**
   * stats() asks the kernel only about chunks handed out since the mapping (widened to whole huge
   * pages), not the whole mapping: its figure must be the whole mapping's. Small chunks (4 KiB)
   * with huge pages advised make the widening count: a write into one chunk can fault in the huge
   * page around it, untouched chunks and all. An arena of 5 MiB in 2 MiB chunks has a tail that
   * is no chunk, and one of 16 KiB in 1 KiB pages is too small to purge at all (no chunks).
   */
  @Test
  void residentBytesFromTouchedChunksAgreeWithTheWholeMapping() {
    residentBytesAgree(BuddyArena.builder(256 * MIB).purgeSize(4 * KIB).hugePages(true), 400, 20);
    residentBytesAgree(BuddyArena.builder(5 * MIB), 100, 21);
    residentBytesAgree(BuddyArena.builder(16 * KIB).pageSize(1024), 100, 11);
  }

  /** Up to {@code n} buffers of 64 B to 2^(maxLog2 - 1) B, each written, a third freed, then a purge. */
  private static void residentBytesAgree(BuddyArena.Builder builder, int n, int maxLog2) {
    try (BuddyArena arena = builder.purgeDecay(NEVER).build()) {
      SplittableRandom r = new SplittableRandom(18);
      List<MemorySegment> all = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          all.add(arena.allocate(1L << (6 + r.nextInt(maxLog2 - 6))));
        }
      } catch (ArenaFullException full) {
        // as much as fits: the small arenas are filled to their last page
      }
      for (MemorySegment s : all) {
        s.set(ValueLayout.JAVA_BYTE, r.nextLong(s.byteSize()), (byte) 1); // one page of each
      }
      for (int i = 0; i < all.size(); i += 3) {
        arena.free(all.get(i));
      }
      arena.trim();
      arena.purge();
      long whole = arena.residentBytesOfWholeMapping();
      assertThat(whole).isPositive();
      assertThat(arena.stats().residentBytes()).isEqualTo(whole);
    }
  }

  /**
   * The pattern: 1 GiB in mixed buffers (64 B to 4 MiB, log-uniform), every page
   * touched, all but a random 1% freed. After the decay time (200 ms here) the resident part of
   * the mapping must be within the live bytes + 10% + 4 MiB. The kept 1% lies anywhere, so each
   * kept buffer keeps its purge chunk dirty: the test uses 64 KiB chunks (the default 2 MiB chunks
   * on the same pattern are measured in BENCHMARKS.md).
   */
  @Test
  void residentMemoryFallsToTheLiveBytesAfterTheDecayTime() throws Exception {
    try (BuddyArena arena = BuddyArena.builder(2 * GIB).purgeSize(64 * KIB)
        .purgeDecay(Duration.ofMillis(200)).build()) {
      SplittableRandom r = new SplittableRandom(15);
      List<MemorySegment> all = new ArrayList<>();
      for (long total = 0; total < GIB; ) {
        long size = Math.max(64, (long) Math.exp(Math.log(64) + r.nextDouble() * Math.log(4 * MIB / 64.0)));
        MemorySegment s = arena.allocate(size);
        touch(s);
        all.add(s);
        total += size;
      }
      assertThat(arena.stats().residentBytes()).isGreaterThanOrEqualTo(GIB);
      List<MemorySegment> kept = new ArrayList<>();
      for (MemorySegment s : all) {
        if (r.nextInt(100) == 0) {
          kept.add(s);
        } else {
          arena.free(s);
        }
      }
      long live = arena.stats().usedBytes();
      long bound = live + live / 10 + 4 * MIB;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      ArenaStats st = arena.stats();
      // A purge advises with the buddy lock let go and counts its chunks after: resident can fall
      // before purgedBytes rises, so wait for both.
      while ((st.residentBytes() > bound || st.purgedBytes() <= GIB / 2) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        st = arena.stats();
      }
      assertThat(st.residentBytes()).as("resident after the decay, %s", st).isLessThanOrEqualTo(bound);
      assertThat(st.purgedBytes()).isGreaterThan(GIB / 2);
      for (MemorySegment s : kept) {
        assertThat(s.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 1); // live memory untouched
        arena.free(s);
      }
    }
  }

  /**
   * purge() ignores the decay: eight 4 MiB blocks, touched and freed, go back at once, 32 chunks
   * of 2 MiB, and the mapping's resident part falls by 32 MiB; a second purge finds nothing.
   */
  @Test
  void purgeGivesBackEveryFreeBlockNow() {
    try (BuddyArena arena = BuddyArena.builder(64 * MIB).purgeDecay(NEVER).build()) {
      assertThat(arena.stats().residentBytes()).isZero(); // nothing touched yet
      List<MemorySegment> blocks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        MemorySegment s = arena.allocate(4 * MIB);
        touch(s);
        blocks.add(s);
      }
      assertThat(arena.purge()).isZero(); // all in use
      assertThat(arena.stats().residentBytes()).isEqualTo(32 * MIB);
      blocks.forEach(arena::free);
      assertThat(arena.stats().residentBytes()).isEqualTo(32 * MIB); // never decays: stays
      assertThat(arena.purge()).isEqualTo(32 * MIB);
      ArenaStats st = arena.stats();
      assertThat(st.residentBytes()).isZero();
      assertThat(st.purgedBytes()).isEqualTo(32 * MIB);
      assertThat(st.freeBytes()).isEqualTo(64 * MIB);
      assertThat(st.mappedBytes()).isEqualTo(64 * MIB);
      assertThat(arena.purge()).isZero();
      MemorySegment again = arena.allocate(4 * MIB); // two purged chunks handed out again
      assertThat(arena.stats().purgedBytes()).isEqualTo(28 * MIB);
      arena.free(again);
      assertThat(arena.purge()).isEqualTo(4 * MIB);
      arena.verify();
    }
  }

  /** MADV_DONTNEED memory reads zero when handed out again: the old contents are gone. */
  @Test
  void aPurgedBlockReadsZeroWhenHandedOutAgain() {
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(NEVER).build()) {
      MemorySegment s = arena.allocate(4 * MIB);
      s.fill((byte) 0x55);
      long address = s.address();
      arena.free(s);
      assertThat(arena.purge()).isEqualTo(4 * MIB);
      MemorySegment t = arena.allocate(4 * MIB);
      assertThat(t.address()).isEqualTo(address);
      assertThat(t.mismatch(MemorySegment.ofArray(new byte[(int) (4 * MIB)]))).isEqualTo(-1);
    }
  }

  /**
   * MADV_FREE: the purge is counted the same, and the memory reads, page by page, either its old
   * contents (the kernel has not reclaimed it) or zero; a write takes it back.
   */
  @Test
  void madvFreeGivesBackLazily() {
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(NEVER).purgeAdvice(PurgeAdvice.FREE)
        .build()) {
      MemorySegment s = arena.allocate(4 * MIB);
      s.fill((byte) 0x55);
      arena.free(s);
      assertThat(arena.purge()).isEqualTo(4 * MIB);
      assertThat(arena.stats().purgedBytes()).isEqualTo(4 * MIB);
      MemorySegment t = arena.allocate(4 * MIB);
      for (long p = 0; p < t.byteSize(); p += 4096) {
        byte b = t.get(ValueLayout.JAVA_BYTE, p);
        assertThat(b).isIn((byte) 0, (byte) 0x55);
        assertThat(t.asSlice(p, 4096).mismatch(filled(4096, b))).isEqualTo(-1);
      }
      t.fill((byte) 1);
      assertThat(arena.stats().purgedBytes()).isZero();
    }
  }

  /** Zero decay: a free that leaves a chunk wholly free gives it back before it returns. */
  @Test
  void zeroDecayPurgesOnFree() {
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(Duration.ZERO).build()) {
      MemorySegment s = arena.allocate(4 * MIB);
      touch(s);
      MemorySegment small = arena.allocate(64 * KIB); // stays: its chunk stays dirty
      touch(small);
      arena.free(s);
      ArenaStats st = arena.stats();
      assertThat(st.purgedBytes()).isEqualTo(4 * MIB);
      assertThat(st.residentBytes()).isEqualTo(64 * KIB);
      arena.free(small);
      arena.trim(); // the 64 KiB block leaves the thread cache: its chunk is wholly free now
      assertThat(arena.stats().purgedBytes()).isEqualTo(6 * MIB);
      assertThat(arena.stats().residentBytes()).isZero();
    }
  }

  /**
   * The decay time is a lower bound: nothing freed is purged before it (the purger's clock never
   * runs ahead of the real one), and it is purged within a few ticks after.
   */
  @Test
  void aFreeBlockIsPurgedOnlyAfterTheDecayTime() throws Exception {
    Duration decay = Duration.ofMillis(400);
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(decay).build()) {
      MemorySegment s = arena.allocate(4 * MIB);
      touch(s);
      long before = System.nanoTime();
      arena.free(s);
      while (System.nanoTime() - before < decay.toNanos() - 20_000_000L) {
        assertThat(arena.stats().purgedBytes()).isZero();
        Thread.sleep(10);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (arena.stats().purgedBytes() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(arena.stats().purgedBytes()).isEqualTo(4 * MIB);
      assertThat(arena.stats().residentBytes()).isZero();
    }
  }

  /**
   * A live thread that filled its cache and then waits does not pin that memory: after the decay
   * time the purger drains its cache, and after another the memory goes back to the kernel.
   */
  @Test
  void anIdleLiveThreadsCacheIsReclaimed() throws Exception {
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).purgeDecay(Duration.ofMillis(100)).build()) {
      CountDownLatch cached = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      Thread idle = new Thread(() -> {
        List<MemorySegment> held = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          MemorySegment s = arena.allocate(64 * KIB);
          touch(s);
          held.add(s);
        }
        held.forEach(arena::free);
        cached.countDown();
        awaitQuietly(done);
      }, "idle-owner");
      idle.start();
      cached.await();
      // The cache keeps four 64 KiB blocks (highOf(4)); the other twelve went back to the buddy.
      assertThat(cacheOf(arena, "idle-owner").bytes()).isEqualTo(4 * 64 * KIB);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while ((cacheOf(arena, "idle-owner").bytes() > 0 || arena.stats().residentBytes() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(cacheOf(arena, "idle-owner").bytes()).isZero();
      assertThat(idle.isAlive()).isTrue();
      assertThat(arena.stats().residentBytes()).isZero();
      done.countDown();
      idle.join();
    }
  }

  @Test
  void builderRefusesAPurgeSizeThatIsNotWholeKernelPages() {
    assertThatThrownBy(() -> BuddyArena.builder(16 * MIB).purgeSize(3 * MIB))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purgeSize");
    assertThatThrownBy(() -> BuddyArena.builder(16 * MIB).purgeSize(2048))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purgeSize");
  }

  /**
   * Debug mode: purged memory reads zero, not poison; it is poisoned again when handed out, so the
   * poison check passes, and a write into it after it was freed and purged is still caught.
   */
  @Test
  void debugPoisonSurvivesAPurgeAndCatchesAWriteAfterIt() {
    try (BuddyArena arena = BuddyArena.builder(16 * MIB).debug(true).purgeDecay(NEVER).build()) {
      MemorySegment s = arena.allocate(4 * MIB);
      s.fill((byte) 7);
      arena.free(s);
      // The whole region was poisoned at build, so all of it is dirty and free: all of it goes.
      assertThat(arena.purge()).isEqualTo(16 * MIB);
      MemorySegment t = arena.allocate(4 * MIB); // checks the poison: must not report a write
      assertThat(t.address()).isEqualTo(s.address());
      assertThat(t.get(ValueLayout.JAVA_BYTE, 12345)).isEqualTo((byte) 0xA5);
      arena.free(t);
      assertThat(arena.purge()).isEqualTo(4 * MIB);
      t.set(ValueLayout.JAVA_BYTE, 5000, (byte) 9); // a write after free, into purged memory
      // The written page is left as it is (zero but for the byte): the check reports its first byte.
      assertThatThrownBy(() -> arena.allocate(4 * MIB)).isInstanceOf(UseAfterFreeException.class)
          .hasMessageContaining("offset " + (t.address() - arena.baseAddress() + 4096) + " was written");
    }
  }

  private static ArenaStats.ThreadCacheState cacheOf(BuddyArena arena, String thread) {
    return arena.stats().threadCaches().stream().filter(t -> t.thread().equals(thread)).findFirst().orElseThrow();
  }

  static void touch(MemorySegment s) {
    for (long p = 0; p < s.byteSize(); p += 4096) {
      s.set(ValueLayout.JAVA_BYTE, p, (byte) 1);
    }
    s.set(ValueLayout.JAVA_BYTE, s.byteSize() - 1, (byte) 1);
  }

  private static MemorySegment filled(int bytes, byte b) {
    MemorySegment m = MemorySegment.ofArray(new byte[bytes]);
    m.fill(b);
    return m;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
