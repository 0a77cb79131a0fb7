package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameSchedulerTest {
  private final TimeFrame frame = TimeFrame.ofMs(16);

  /** A: 8 ms every frame; r1: 9 ms and r2: 2 ms arriving in frame 0. */
  private FrameWorkload handCase() {
    return new FrameWorkload(
        List.of(new PeriodicTask("A", 1, 8)),
        List.of(new OneOffRequest("r1", 0, 9), new OneOffRequest("r2", 0, 2)));
  }

  @Test
  void defersWhatDoesNotFitAndCountsMissesByHand() {
    FrameScheduler s = new FrameScheduler(handCase(), new BuddyPlacer(frame), Policy.FIFO);
    // frame 0: A gets [0, 8); r1 needs a 16 ms slice: deferred; r2 still fits behind it: [8, 10)
    FrameLog f0 = s.step();
    assertThat(f0.slots()).containsExactly(new Slot(0, 0, 8, 8), new Slot(2, 8, 2, 2));
    assertThat(f0.deferred()).containsExactly(1);
    assertThat(f0.missed()).isEmpty();
    // frame 1: r1 is older than A's new job: it takes the whole frame and A misses its deadline
    FrameLog f1 = s.step();
    assertThat(f1.slots()).containsExactly(new Slot(1, 0, 9, 16));
    assertThat(f1.deferred()).containsExactly(0);
    assertThat(f1.missed()).containsExactly(0);
    // frame 2: A alone
    assertThat(s.step().slots()).containsExactly(new Slot(0, 0, 8, 8));

    CpuMetrics m = s.metrics();
    assertThat(m.frames()).isEqualTo(3);
    assertThat(m.jobsReleased()).isEqualTo(5);
    assertThat(m.jobsServed()).isEqualTo(4);
    assertThat(m.requestedServed()).isEqualTo(27);
    assertThat(m.grantedServed()).isEqualTo(34);
    assertThat(m.utilisation()).isCloseTo(27.0 / 48, within(1e-12));
    assertThat(m.occupancy()).isCloseTo(34.0 / 48, within(1e-12));
    assertThat(m.internalFragmentation()).isCloseTo(7.0 / 34, within(1e-12));
    assertThat(m.deadlineMisses()).isEqualTo(1);
    assertThat(m.periodicJobsDue()).isEqualTo(3);
    assertThat(m.missRatio()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(m.meanDeferrals()).isCloseTo(2.0 / 3, within(1e-12)); // A 1, r1 1, r2 0
    assertThat(m.maxDeferrals()).isEqualTo(1);
    assertThat(m.worstWaitFrames()).isEqualTo(1);
    // x = A 16/24, r1 1, r2 1: (8/3)^2 / (3 * 22/9) = 32/33
    assertThat(m.jain()).isCloseTo(32.0 / 33, within(1e-12));
  }

  @Test
  void exactTimeOnTheSameHandCase() {
    FrameScheduler s = new FrameScheduler(handCase(), new ExactPlacer(frame), Policy.FIFO);
    FrameLog f0 = s.step();
    assertThat(f0.slots()).containsExactly(new Slot(0, 0, 8, 8), new Slot(2, 8, 2, 2));
    assertThat(f0.deferred()).containsExactly(1); // 9 > the 8 left
    FrameLog f1 = s.step();
    assertThat(f1.slots()).containsExactly(new Slot(1, 0, 9, 9));
    assertThat(f1.missed()).containsExactly(0); // 8 > the 7 left
    CpuMetrics m = s.run(1);
    assertThat(m.internalFragmentation()).isZero();
    assertThat(m.utilisation()).isCloseTo(27.0 / 48, within(1e-12));
  }

  @Test
  void periodicJobsMayRunAnywhereInTheirPeriod() {
    // two tasks each wanting the whole frame once every 2 frames: one runs in each frame
    FrameWorkload w = FrameWorkload.of(List.of(new PeriodicTask("a", 2, 16), new PeriodicTask("b", 2, 16)));
    FrameScheduler s = new FrameScheduler(w, new BuddyPlacer(frame), Policy.FIFO);
    assertThat(s.step().slots()).extracting(Slot::client).containsExactly(0);
    assertThat(s.step().slots()).extracting(Slot::client).containsExactly(1);
    CpuMetrics m = s.run(98);
    assertThat(m.deadlineMisses()).isZero();
    assertThat(m.utilisation()).isEqualTo(1.0);
    assertThat(m.jain()).isEqualTo(1.0);
    assertThat(m.worstWaitFrames()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void buddyNeverBeatsExactOnWasteAndDeterminism(Policy policy) {
    FrameWorkload w = WorkloadGenerator.generate(new TaskSetGenerator(frame, 6, 8), 0.5, 1, 8, 500, 3);
    CpuMetrics buddy = new FrameScheduler(w, new BuddyPlacer(frame), policy).run(500);
    CpuMetrics exact = new FrameScheduler(w, new ExactPlacer(frame), policy).run(500);
    assertThat(buddy.internalFragmentation()).isPositive();
    assertThat(exact.internalFragmentation()).isZero();
    assertThat(buddy.occupancy()).isLessThanOrEqualTo(1.0);
    assertThat(exact.occupancy()).isLessThanOrEqualTo(1.0);
    assertThat(new FrameScheduler(w, new BuddyPlacer(frame), policy).run(500)).isEqualTo(buddy);
  }
}
