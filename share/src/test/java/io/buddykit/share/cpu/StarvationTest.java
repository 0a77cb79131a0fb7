package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A task needing the whole frame behind a 1 ms task that comes back every frame. */
class StarvationTest {
  private static final int FRAMES = 100;
  private final TimeFrame frame = TimeFrame.ofMs(16);

  private FrameWorkload workload() {
    return new FrameWorkload(
        List.of(new PeriodicTask("tick", 1, 1)), List.of(new OneOffRequest("big", 0, 16)));
  }

  @ParameterizedTest
  @EnumSource(PlacerKind.class)
  void smallestFirstStarvesTheBigTask(PlacerKind kind) {
    FrameScheduler s = new FrameScheduler(workload(), kind.create(frame), Policy.SMALLEST_FIRST);
    for (int f = 0; f < FRAMES; f++) {
      FrameLog log = s.step();
      assertThat(log.slots()).extracting(Slot::client).containsExactly(0);
      assertThat(log.deferred()).containsExactly(1);
    }
    CpuMetrics m = s.metrics();
    assertThat(m.worstWaitFrames()).isEqualTo(FRAMES);
    assertThat(m.maxDeferrals()).isEqualTo(FRAMES);
    assertThat(m.deadlineMisses()).isZero();
    assertThat(m.jain()).isEqualTo(0.5); // x = 1 for tick, 0 for big
  }

  @ParameterizedTest
  @EnumSource(PlacerKind.class)
  void agingServesItOnceItsAgedSizeReachesOne(PlacerKind kind) {
    FrameScheduler s = new FrameScheduler(workload(), kind.create(frame), Policy.AGING);
    long servedAt = -1;
    for (int f = 0; f < FRAMES; f++) {
      FrameLog log = s.step();
      if (log.slots().stream().anyMatch(slot -> slot.client() == 1)) {
        servedAt = f;
        assertThat(log.missed()).containsExactly(0); // tick gives up this frame
      }
    }
    // 16 / (1 + 15) = 1 ties with a fresh 1 ms job, and the older goes first
    assertThat(servedAt).isEqualTo(15);
    CpuMetrics m = s.metrics();
    assertThat(m.worstWaitFrames()).isEqualTo(15);
    assertThat(m.deadlineMisses()).isEqualTo(1);
    assertThat(m.jain()).isGreaterThan(0.99);
  }

  @Test
  void fifoServesItInTheSecondFrame() {
    FrameScheduler s = new FrameScheduler(workload(), new BuddyPlacer(frame), Policy.FIFO);
    s.step();
    assertThat(s.step().slots()).extracting(Slot::client).containsExactly(1);
    assertThat(s.run(FRAMES - 2).worstWaitFrames()).isEqualTo(1);
  }
}
