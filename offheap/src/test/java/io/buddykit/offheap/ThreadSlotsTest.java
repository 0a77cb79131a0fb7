package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The arena finds a thread's cache by a slot chosen by thread id before its ThreadLocal. Two live
 * threads whose ids share a slot must still each get their own cache (the second through the
 * ThreadLocal), and a slot whose thread has ended must pass to the next thread that maps to it.
 */
class ThreadSlotsTest {

  @Test
  void twoLiveThreadsWhoseIdsShareASlotKeepTheirOwnCaches() throws Exception {
    try (BuddyArena arena = BuddyArena.create(64 << 20)) {
      CyclicBarrier start = new CyclicBarrier(2);
      Runnable work = () -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int round = 0; round < 20_000; round++) {
          MemorySegment a = arena.allocate(64);
          MemorySegment b = arena.allocate(65536);
          a.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1);
          arena.free(a);
          arena.free(b);
        }
      };
      Thread a = Thread.ofPlatform().name("collide-a").unstarted(work);
      Thread b = null;
      for (int i = 0; i < 256 && b == null; i++) {
        Thread t = Thread.ofPlatform().name("collide-b").unstarted(work);
        if ((t.threadId() & 255) == (a.threadId() & 255)) {
          b = t;
        }
      }
      assertThat(b).isNotNull();
      a.start();
      b.start();
      a.join();
      b.join();

      ArenaStats st = arena.stats();
      assertThat(st.usedBytes()).isZero();
      assertThat(st.threadCaches()).filteredOn(c -> c.thread().startsWith("collide"))
          .hasSize(2)
          .allSatisfy(c -> assertThat(c.allocations()).isEqualTo(40_000).isEqualTo(c.frees()));
    }
  }

  @Test
  void theSlotOfAnEndedThreadPassesOn() throws Exception {
    try (BuddyArena arena = BuddyArena.create(16 << 20)) {
      for (int t = 0; t < 600; t++) { // more threads than slots: every slot is reused
        Thread th = Thread.ofPlatform().start(() -> arena.free(arena.allocate(64)));
        th.join();
      }
      arena.trim();
      ArenaStats st = arena.stats();
      assertThat(st.usedBytes()).isZero();
      assertThat(st.threadCaches()).noneMatch(ArenaStats.ThreadCacheState::alive);
      assertThat(arena.slotsHeld()).as("a trim lets the ended threads' slots go").isZero();

      Thread me = Thread.currentThread();
      Thread before = null; // a thread whose id shares this thread's slot, run and ended first
      for (int i = 0; i < 512 && before == null; i++) {
        Thread t = Thread.ofPlatform().unstarted(() -> arena.free(arena.allocate(64)));
        if ((t.threadId() & 255) == (me.threadId() & 255)) {
          before = t;
        }
      }
      assertThat(before).isNotNull();
      before.start();
      before.join();
      assertThat(arena.holdsSlot(before)).isTrue();
      MemorySegment mine = arena.allocate(64);
      arena.free(mine);
      assertThat(arena.holdsSlot(me)).as("the ended thread's slot passes to this one").isTrue();
      assertThat(arena.stats().threadCaches()).filteredOn(ArenaStats.ThreadCacheState::alive).hasSize(1);
    }
  }
}
