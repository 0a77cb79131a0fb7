package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantumTest {
  private final TimeFrame frame = TimeFrame.ofMs(16);

  @Test
  void roundsUpToAPowerOfTwo() {
    assertThat(Quantum.slice(3, frame)).isEqualTo(4);
    assertThat(Quantum.slice(16, frame)).isEqualTo(16);
    assertThat(Quantum.slice(1, frame)).isEqualTo(1);
    assertThat(Quantum.slice(5, frame)).isEqualTo(8);
    assertThat(Quantum.slice(9, frame)).isEqualTo(16);
    assertThat(Quantum.waste(3, frame)).isEqualTo(1);
    assertThat(Quantum.order(3, frame)).isEqualTo(2);
  }

  @Test
  void refusesMoreThanAFrameClearly() {
    assertThatThrownBy(() -> Quantum.slice(17, frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 units")
        .hasMessageContaining("at most one frame of 16 units");
    assertThatThrownBy(() -> Quantum.slice(0, frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new BuddyPlacer(frame).place(17))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExactPlacer(frame).place(17))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameScheduler(
            FrameWorkload.of(List.of(new PeriodicTask("big", 1, 17))), new BuddyPlacer(frame), Policy.FIFO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("big");
  }

  @Test
  void aThreeMsRequestGetsAFourMsSliceFromTheAllocator() {
    FrameScheduler s = new FrameScheduler(
        new FrameWorkload(List.of(), List.of(new OneOffRequest("r", 0, frame.unitsFor(3.0)))),
        new BuddyPlacer(frame), Policy.FIFO);
    Slot slot = s.step().slots().getFirst();
    assertThat(slot.requestedUnits()).isEqualTo(3);
    assertThat(slot.grantedUnits()).isEqualTo(4);
    assertThat(frame.toMs(slot.grantedUnits())).isEqualTo(4.0);
  }

  @Test
  void exactTimeDoesNotRound() {
    ExactPlacer p = new ExactPlacer(frame);
    assertThat(p.place(3)).isZero();
    assertThat(p.place(3)).isEqualTo(3);
    assertThat(p.granted(3)).isEqualTo(3);
    assertThat(p.freeUnits()).isEqualTo(10);
    assertThat(p.place(10)).isEqualTo(6);
    assertThat(p.place(1)).isEqualTo(-1);
  }

  @Test
  void framesAndUnits() {
    TimeFrame half = TimeFrame.ofMs(16, 0.5);
    assertThat(half.units()).isEqualTo(32);
    assertThat(half.maxOrder()).isEqualTo(5);
    assertThat(half.unitsFor(3.0)).isEqualTo(6);
    assertThat(half.unitsFor(3.2)).isEqualTo(7);
    assertThat(Quantum.slice(half.unitsFor(3.0), half)).isEqualTo(8); // still a 4 ms slice
    assertThatThrownBy(() -> TimeFrame.ofMs(12)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two");
  }
}
