package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescingTest {
  private final TimeFrame frame = TimeFrame.ofMs(16);

  @Test
  void slotsSplitTheFrameAndCoalesceWholeAtItsEnd() {
    BuddyPlacer p = new BuddyPlacer(frame);
    assertThat(p.buddyInfo()).containsExactly(0, 0, 0, 0, 1);
    assertThat(p.place(3)).isEqualTo(0); // [0, 4)
    assertThat(p.place(1)).isEqualTo(4); // [4, 5)
    assertThat(p.place(5)).isEqualTo(8); // [8, 16)
    // free: one 1-unit block at 5 and one 2-unit block at 6
    assertThat(p.buddyInfo()).containsExactly(1, 1, 0, 0, 0);
    assertThat(p.freeUnits()).isEqualTo(3);
    assertThat(p.requestedUnits()).isEqualTo(9);
    assertThat(p.isWhole()).isFalse();

    p.endFrame();

    assertThat(p.freeUnits()).isEqualTo(16);
    assertThat(p.buddyInfo()).containsExactly(0, 0, 0, 0, 1);
    assertThat(p.isWhole()).isTrue();
  }

  @Test
  void everyFrameOfARunEndsWhole() {
    FrameWorkload w = WorkloadGenerator.generate(new TaskSetGenerator(frame, 5, 4), 0.6, 1.5, 8, 300, 7);
    FrameScheduler s = new FrameScheduler(w, new BuddyPlacer(frame), Policy.AGING);
    BuddyPlacer placer = (BuddyPlacer) s.placer();
    long busyFrames = 0;
    for (int f = 0; f < 300; f++) {
      FrameLog log = s.step();
      if (log.slots().size() > 1) {
        busyFrames++;
      }
      assertThat(placer.buddyInfo()).containsExactly(0, 0, 0, 0, 1);
      assertThat(placer.freeUnits()).isEqualTo(16);
    }
    assertThat(busyFrames).isGreaterThan(100);
  }

  @Test
  void slotsOfAFrameAreDisjointAndAligned() {
    FrameWorkload w = new FrameWorkload(
        List.of(new PeriodicTask("a", 1, 3), new PeriodicTask("b", 1, 2), new PeriodicTask("c", 1, 6)),
        List.of());
    FrameLog log = new FrameScheduler(w, new BuddyPlacer(frame), Policy.FIFO).step();
    assertThat(log.slots()).extracting(Slot::grantedUnits).containsExactly(4L, 2L, 8L);
    assertThat(log.grantedUnits()).isEqualTo(14);
    boolean[] used = new boolean[16];
    for (Slot s : log.slots()) {
      assertThat(s.start() % s.grantedUnits()).isZero();
      for (long u = s.start(); u < s.start() + s.grantedUnits(); u++) {
        assertThat(used[(int) u]).isFalse();
        used[(int) u] = true;
      }
    }
  }
}
