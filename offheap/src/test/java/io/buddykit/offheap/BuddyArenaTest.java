package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BuddyArenaTest {
  private static final long MIB = 1 << 20;

  /** Issue 19 item 9: a negative order was taken as "the default". */
  @Test
  void aNegativeMaxOrderIsRefused() {
    assertThatThrownBy(() -> BuddyArena.builder(64 * MIB).maxOrder(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOrder must be at least 0, got -5");
  }

  @Test
  void blocksAreNaturallyAlignedInTheAddressSpaceAndContiguous() {
    try (BuddyArena arena = BuddyArena.create(64 * MIB)) {
      for (long size : new long[] {16, 64, 256, 1024, 2048, 4096, 8192, 65536, MIB, 2 * MIB}) {
        MemorySegment s = arena.allocate(size);
        assertThat(s.byteSize()).isEqualTo(size);
        assertThat(s.address() % size).as("%d-byte block at 0x%x", size, s.address()).isZero();
        s.fill((byte) 7); // the whole range is one contiguous, writable mapping
        assertThat(s.get(ValueLayout.JAVA_BYTE, size - 1)).isEqualTo((byte) 7);
        arena.free(s);
      }
      MemorySegment odd = arena.allocate(100, 64);
      assertThat(odd.address() % 64).isZero();
      MemorySegment big = arena.allocate(5000, 65536);
      assertThat(big.address() % 65536).isZero();
      arena.free(odd);
      arena.free(big);
      assertThat(arena.usedBytes()).isZero();
    }
  }

  @Test
  void accountsRequestedAgainstGranted() {
    try (BuddyArena arena = BuddyArena.create(16 * MIB)) {
      MemorySegment a = arena.allocate(100); // slab class 128
      MemorySegment b = arena.allocate(5000); // 2 pages
      assertThat(arena.requestedBytes()).isEqualTo(5100);
      assertThat(arena.usedBytes()).isEqualTo(128 + 8192);
      ArenaStats st = arena.stats();
      assertThat(st.wastedBytes()).isEqualTo(128 + 8192 - 5100);
      assertThat(st.slabClasses()).anySatisfy(c -> {
        assertThat(c.objectSize()).isEqualTo(128);
        assertThat(c.slabs()).isEqualTo(1);
        assertThat(c.inUse()).isPositive();
      });
      assertThat(st.buddyInfoLine()).startsWith("Node 0, zone    Arena");
      arena.free(a);
      arena.free(b);
      assertThat(arena.usedBytes()).isZero();
      assertThat(arena.requestedBytes()).isZero();
    }
  }

  @Test
  void emptySlabsAndCachedBlocksGoBackToTheBuddyAllocator() {
    try (BuddyArena arena = BuddyArena.create(16 * MIB)) {
      List<MemorySegment> all = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        all.add(arena.allocate(i % 2 == 0 ? 64 : 3000));
      }
      all.forEach(arena::free);
      arena.trim();
      ArenaStats st = arena.stats();
      assertThat(st.freeBytes()).isEqualTo(16 * MIB);
      assertThat(st.cachedBytes()).isZero();
      assertThat(st.slabClasses()).allSatisfy(c -> assertThat(c.slabs()).isZero());
      arena.verify();
    }
  }

  @Test
  void statsPrintTheFreePagesPerOrderAndCompareByContent() {
    try (BuddyArena arena = BuddyArena.create(16 * MIB)) {
      ArenaStats st = arena.stats();
      // 16 MiB of 4 KiB pages is four order-10 (4 MiB) blocks and nothing below.
      assertThat(st.toString()).contains("buddyInfo=" + Arrays.toString(st.buddyInfo())).doesNotContain("[J@");
      assertThat(st.buddyInfo()[st.maxOrder()]).isEqualTo(16 * MIB / (4096L << st.maxOrder()));
      assertThat(arena.stats()).isEqualTo(st).hasSameHashCodeAs(st);
      MemorySegment s = arena.allocate(4096);
      assertThat(arena.stats()).isNotEqualTo(st);
      arena.free(s);
    }
  }

  @Test
  void exactAllocationGivesTheTailBack() {
    try (BuddyArena arena = BuddyArena.create(16 * MIB)) {
      MemorySegment s = arena.allocateExact(5 * 4096 - 10);
      assertThat(arena.usedBytes()).isEqualTo(5 * 4096);
      assertThat(arena.stats().freeBytes()).isEqualTo(16 * MIB - 5 * 4096);
      s.fill((byte) 1);
      arena.free(s);
      assertThat(arena.stats().freeBytes()).isEqualTo(16 * MIB);
    }
  }

  @Test
  void everyMisuseIsTypedAndChangesNothing() {
    try (BuddyArena arena = BuddyArena.create(16 * MIB); Arena other = Arena.ofConfined()) {
      MemorySegment small = arena.allocate(64);
      MemorySegment large = arena.allocate(64 * 1024);
      Snapshot before = Snapshot.of(arena);
      assertThatThrownBy(() -> arena.free(other.allocate(64))).isInstanceOf(NotFromArenaException.class);
      assertThatThrownBy(() -> arena.free(MemorySegment.ofArray(new byte[64])))
          .isInstanceOf(NotFromArenaException.class);
      assertThatThrownBy(() -> arena.free(small.asSlice(16, 16)))
          .isInstanceOf(InvalidFreeException.class).hasMessageContaining("interior");
      assertThatThrownBy(() -> arena.free(large.asSlice(4096, 4096)))
          .isInstanceOf(InvalidFreeException.class);
      assertThatThrownBy(() -> arena.free(large.asSlice(100, 100)))
          .isInstanceOf(InvalidFreeException.class).hasMessageContaining("interior");
      assertThatThrownBy(() -> arena.free(small.asSlice(0, 32)))
          .isInstanceOf(InvalidFreeException.class).hasMessageContaining("not 32");
      assertThatThrownBy(() -> arena.free(large.asSlice(0, 4096)))
          .isInstanceOf(InvalidFreeException.class).hasMessageContaining("not 4096");
      assertThat(Snapshot.of(arena)).isEqualTo(before);
      arena.free(small);
      arena.free(large);
      Snapshot freed = Snapshot.of(arena);
      assertThatThrownBy(() -> arena.free(small)).isInstanceOf(InvalidFreeException.class)
          .hasMessageContaining("double free");
      assertThatThrownBy(() -> arena.free(large)).isInstanceOf(InvalidFreeException.class)
          .hasMessageContaining("double free");
      assertThat(Snapshot.of(arena)).isEqualTo(freed);
      assertThatThrownBy(() -> arena.allocate(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> arena.allocate(64, 3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> arena.allocate(32 * MIB)).isInstanceOf(IllegalArgumentException.class);
      assertThat(Snapshot.of(arena)).isEqualTo(freed);
    }
  }

  @Test
  void aFullArenaSaysSoAndStaysUsable() {
    try (BuddyArena arena = BuddyArena.create(MIB)) {
      List<MemorySegment> held = new ArrayList<>();
      assertThatThrownBy(() -> {
        while (true) {
          held.add(arena.allocate(64 * 1024));
        }
      }).isInstanceOf(ArenaFullException.class);
      assertThat(held).hasSize(16);
      arena.free(held.removeLast());
      held.add(arena.allocate(64 * 1024));
      held.forEach(arena::free);
    }
  }

  @Test
  void memoryParkedInThreadCachesIsReclaimedWhenNeeded() {
    try (BuddyArena arena = BuddyArena.create(MIB)) {
      List<MemorySegment> blocks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        blocks.add(arena.allocate(64 * 1024));
      }
      blocks.forEach(arena::free); // some stay in this thread's cache
      assertThat(arena.stats().cachedBytes()).isPositive();
      MemorySegment whole = arena.allocate(MIB); // needs them back: trimmed, then served
      assertThat(whole.address() % MIB).isZero();
      arena.free(whole);
    }
  }

  @Test
  void aBlockFreedByAnotherThreadIsReusable() throws Exception {
    try (BuddyArena arena = BuddyArena.create(4 * MIB)) {
      MemorySegment small = arena.allocate(64);
      MemorySegment page = arena.allocate(4096);
      Thread other = new Thread(() -> {
        arena.free(small);
        arena.free(page);
      });
      other.start();
      other.join();
      assertThat(arena.usedBytes()).isZero();
      assertThatThrownBy(() -> arena.free(small)).isInstanceOf(InvalidFreeException.class);
      assertThat(arena.trim()).isPositive(); // the ended thread's cache comes back
      ArenaStats st = arena.stats();
      assertThat(st.threadCaches()).noneMatch(t -> !t.alive());
      arena.allocate(64);
    }
  }

  @Test
  void useAfterCloseFailsCleanly() {
    BuddyArena arena = BuddyArena.create(4 * MIB);
    MemorySegment s = arena.allocate(1024);
    arena.close();
    assertThatThrownBy(() -> arena.allocate(64)).isInstanceOf(ArenaClosedException.class);
    assertThatThrownBy(() -> arena.free(s)).isInstanceOf(ArenaClosedException.class);
    assertThatThrownBy(() -> s.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    arena.close(); // idempotent
  }

  /**
   * A close racing an allocation and a free: each thread has checked the arena open and waits for
   * its cache's lock, held here, when the arena is closed; it then meets the unmapped block table
   * and must get ArenaClosedException, not the FFM's IllegalStateException. (A thread that had not
   * reached the lock in the 200 ms given would get ArenaClosedException from the open check, so the
   * test could pass without the mapping only on a machine that stalls a thread that long.)
   */
  @Test
  void aCallCutShortByACloseThrowsArenaClosedException() throws Exception {
    BuddyArena arena = BuddyArena.builder(64 * MIB).purgeDecay(Duration.ofSeconds(-1)).build();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch ready = new CountDownLatch(2);
    Throwable[] thrown = new Throwable[2];
    Thread freeing = Thread.ofPlatform().start(() -> {
      MemorySegment block = arena.allocate(MIB);
      thrown[0] = callAfter(ready, go, () -> arena.free(block));
    });
    Thread allocating = Thread.ofPlatform().start(() -> {
      arena.free(arena.allocate(MIB)); // leaves a cached block: the next allocation publishes it
      thrown[1] = callAfter(ready, go, () -> arena.allocate(MIB));
    });
    ready.await();
    ThreadCache f = arena.cacheOf(freeing);
    ThreadCache a = arena.cacheOf(allocating);
    f.lock();
    a.lock();
    try {
      go.countDown();
      Thread.sleep(200); // both past the open check, spinning on their cache's lock
      arena.close();
    } finally {
      a.unlock();
      f.unlock();
    }
    freeing.join();
    allocating.join();
    assertThat(thrown[0]).isInstanceOf(ArenaClosedException.class).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(thrown[1]).isInstanceOf(ArenaClosedException.class).hasCauseInstanceOf(IllegalStateException.class);
  }

  private static Throwable callAfter(CountDownLatch ready,
      CountDownLatch go, Runnable call) {
    ready.countDown();
    try {
      go.await();
      call.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @Test
  void staleHandlesAreRefused() {
    try (BuddyArena arena = BuddyArena.create(4 * MIB)) {
      for (long size : new long[] {64, 16384}) {
        BuddyArena.Handle first = arena.allocateHandle(size);
        arena.free(first);
        BuddyArena.Handle second = arena.allocateHandle(size); // LIFO: the same memory again
        assertThat(second.generation()).isNotEqualTo(first.generation());
        assertThat(second.segment().address()).isEqualTo(first.segment().address());
        assertThatThrownBy(() -> arena.free(first))
            .isInstanceOf(InvalidFreeException.class).hasMessageContaining("stale handle");
        arena.free(second);
      }
    }
  }

  @Test
  void aHandleStaysStaleWhenItsSlabIsRecycled() {
    // The reviewer's case: the slab is emptied and given back, a new slab takes the same page.
    try (BuddyArena arena = BuddyArena.create(4 * MIB)) {
      BuddyArena.Handle h = arena.allocateHandle(16);
      arena.free(h);
      arena.trim();
      BuddyArena.Handle h2 = arena.allocateHandle(16);
      assertThat(h2.segment().address()).isEqualTo(h.segment().address());
      assertThatThrownBy(() -> arena.free(h)).isInstanceOf(InvalidFreeException.class)
          .hasMessageContaining("stale handle");
      arena.free(h2);
    }
  }

  @Test
  void anEmptySlabFreedByTrimIsFoundWhenTheArenaLooksFull() throws Exception {
    try (BuddyArena arena = BuddyArena.create(16 * 1024)) {
      List<MemorySegment> small = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        small.add(arena.allocate(16));
      }
      List<MemorySegment> pages = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pages.add(arena.allocate(4096));
      }
      Thread other = new Thread(() -> {
        small.forEach(arena::free);
        arena.trim();
      });
      other.start();
      other.join();
      pages.add(arena.allocate(4096)); // the slab's page, reclaimed from this thread's current slab
      pages.forEach(arena::free);
    }
  }

  @Test
  void anArenaWhoseMetadataTheHeapCannotHoldIsRefusedAtOnce() {
    // 4 TiB: 2^30 pages x 11 bytes of metadata, 11,811,160,064 bytes, and 2^21 purge chunks of 2 MiB
    // x 17 bytes, 35,651,584 bytes: 11,846,811,648 bytes.
    long pages = (1L << 42) / 4096;
    long need = pages * BuddyArena.HEAP_BYTES_PER_PAGE + (1L << 42) / (2 << 20) * Purger.HEAP_BYTES_PER_CHUNK;
    assertThat(need).isEqualTo(11_846_811_648L);
    assumeTrue(Runtime.getRuntime().maxMemory() < need, "the heap could hold it");
    assertThatThrownBy(() -> BuddyArena.create(1L << 42))
        .isInstanceOfSatisfying(ArenaTooLargeException.class, e -> {
          assertThat(e.neededHeapBytes()).isEqualTo(need);
          assertThat(e.freeHeapBytes()).isLessThan(need);
        })
        .hasMessageContaining("needs 11846811648 bytes of Java heap").hasMessageContaining("-Xmx");
  }

  @Test
  void debugModeCatchesWritesAfterFree() {
    try (BuddyArena arena = BuddyArena.builder(4 * MIB).debug(true).build()) {
      for (long size : new long[] {64, 8192, 256 * 1024}) {
        MemorySegment s = arena.allocate(size);
        arena.free(s);
        s.set(ValueLayout.JAVA_BYTE, size / 2, (byte) 1); // a write after free
        assertThatThrownBy(() -> arena.allocate(size))
            .isInstanceOf(UseAfterFreeException.class).hasMessageContaining("written after it was freed");
        MemorySegment again = arena.allocate(size); // poison restored: usable again
        arena.free(again);
      }
    }
  }

  @Test
  void scrubbingZeroesFreedMemory() {
    try (BuddyArena arena = BuddyArena.builder(4 * MIB).scrubOnFree(true).build()) {
      MemorySegment s = arena.allocate(4096);
      s.fill((byte) 0x5a);
      arena.free(s);
      MemorySegment t = arena.allocate(4096);
      assertThat(t.address()).isEqualTo(s.address());
      byte[] bytes = t.toArray(ValueLayout.JAVA_BYTE);
      assertThat(bytes).containsOnly(0);
    }
  }

  @Test
  void hugePageAdviceIsReported() {
    try (BuddyArena arena = BuddyArena.builder(8 * MIB).hugePages(true).build()) {
      arena.allocate(4 * MIB).fill((byte) 1);
      assertThat(arena.hugePageBytes()).isBetween(0L, 8 * MIB);
    }
  }

  /** What a misuse must not change. */
  record Snapshot(long used, long requested, long free, String buddyInfo, List<String> slabs) {
    static Snapshot of(BuddyArena arena) {
      ArenaStats st = arena.stats();
      return new Snapshot(st.usedBytes(), st.requestedBytes(), st.freeBytes(),
          Arrays.toString(st.buddyInfo()), st.slabClasses().stream().map(Object::toString).toList());
    }
  }
}
