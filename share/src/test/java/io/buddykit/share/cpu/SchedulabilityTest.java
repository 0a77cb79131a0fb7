package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulabilityTest {
  private final TimeFrame frame = TimeFrame.ofMs(16);

  private static List<PeriodicTask> everyFrame(long... budgets) {
    return IntStream.range(0, budgets.length)
        .mapToObj(i -> new PeriodicTask("T" + i, 1, budgets[i]))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void eightFourFourFitsUnderBuddy(Policy policy) {
    List<PeriodicTask> set = everyFrame(8, 4, 4);
    assertThat(Schedulability.isSchedulable(set, frame, PlacerKind.BUDDY, policy)).isTrue();
    assertThat(Schedulability.isSchedulable(set, frame, PlacerKind.EXACT, policy)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void fiveThreesFitExactlyButNotAsFourMsSlices(Policy policy) {
    List<PeriodicTask> set = everyFrame(3, 3, 3, 3, 3); // 15 ms, but 5 x 4 = 20 ms of slices
    assertThat(Schedulability.isSchedulable(set, frame, PlacerKind.EXACT, policy)).isTrue();
    Schedulability.Verdict v = Schedulability.check(set, frame, PlacerKind.BUDDY, policy);
    assertThat(v.schedulable()).isFalse();
    assertThat(v.firstMissFrame()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void wholeSlicesMatterNotJustDensity(Policy policy) {
    // 12 ms every 2 frames and 3 ms every frame: exact fits both into frame 0 (15 ms); as slices
    // (16 + 4) they never share a frame, and 3 ms is needed in every frame: buddy density is only
    // 0.75 but no schedule exists.
    List<PeriodicTask> set = List.of(new PeriodicTask("a", 2, 12), new PeriodicTask("b", 1, 3));
    assertThat(Schedulability.isSchedulable(set, frame, PlacerKind.EXACT, policy)).isTrue();
    assertThat(Schedulability.isSchedulable(set, frame, PlacerKind.BUDDY, policy)).isFalse();
  }

  @Test
  void theWholeFrameTwiceEveryTwoFramesFitsButNotOneUnitMore() {
    List<PeriodicTask> set = List.of(new PeriodicTask("a", 2, 16), new PeriodicTask("b", 2, 16));
    Schedulability.Verdict v = Schedulability.check(set, frame, PlacerKind.BUDDY, Policy.FIFO);
    assertThat(v).isEqualTo(new Schedulability.Verdict(true, 2, -1));
    List<PeriodicTask> more = List.of(set.get(0), set.get(1), new PeriodicTask("c", 2, 1));
    assertThat(Schedulability.isSchedulable(more, frame, PlacerKind.BUDDY, Policy.FIFO)).isFalse();
    assertThat(Schedulability.isSchedulable(more, frame, PlacerKind.EXACT, Policy.FIFO)).isFalse();
  }

  @Test
  void hyperperiodIsTheLcmOfThePeriods() {
    assertThat(Schedulability.hyperperiod(List.of())).isEqualTo(1);
    assertThat(Schedulability.hyperperiod(List.of(
        new PeriodicTask("a", 2, 1), new PeriodicTask("b", 3, 1), new PeriodicTask("c", 4, 1))))
        .isEqualTo(12);
    assertThatThrownBy(() -> Schedulability.hyperperiod(List.of(
        new PeriodicTask("a", 1009, 1), new PeriodicTask("b", 1013, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hyperperiod");
  }

  @Test
  void randomSetsAtLowDensityAllFitAndTheGeneratorHitsTheDensity() {
    TaskSetGenerator g = new TaskSetGenerator(frame, 6, 8);
    Random rnd = new Random(42);
    for (int i = 0; i < 50; i++) {
      List<PeriodicTask> set = g.generate(0.5, rnd);
      double d = TaskSetGenerator.density(set, frame);
      assertThat(d).isBetween(0.45, 0.5 + 1e-9);
      assertThat(set).allSatisfy(t -> {
        assertThat(t.budgetUnits()).isBetween(1L, 16L);
        assertThat(t.periodFrames()).isBetween(1, 8);
      });
    }
    List<PeriodicTask> light = g.generate(0.1, new Random(1));
    assertThat(Schedulability.isSchedulable(light, frame, PlacerKind.BUDDY, Policy.FIFO)).isTrue();
  }
}
