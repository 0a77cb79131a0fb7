package io.buddykit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EstimateTest {
  @Test
  void fourValuesByHand() {
    // mean 2.5; squares 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = sqrt(5 / 3) = 1.290994;
    // t(0.975, 3) = 3.182446 (every t table); half width 3.182446 * 1.290994 / 2 = 2.054260.
    Estimate e = Estimate.of(new double[] {1, 2, 3, 4});
    assertThat(e.n()).isEqualTo(4);
    assertThat(e.mean()).isEqualTo(2.5);
    assertThat(e.sd()).isCloseTo(1.290994, within(1e-6));
    assertThat(e.ciLow()).isCloseTo(2.5 - 2.054260, within(1e-5));
    assertThat(e.ciHigh()).isCloseTo(2.5 + 2.054260, within(1e-5));
  }

  @Test
  void twoValuesUseOneDegreeOfFreedom() {
    // mean 11, sd sqrt(2); t(0.975, 1) = 12.706205; half width 12.706205 * sqrt(2) / sqrt(2).
    Estimate e = Estimate.of(new double[] {10, 12});
    assertThat(e.sd()).isCloseTo(Math.sqrt(2), within(1e-12));
    assertThat(e.ciLow()).isCloseTo(11 - 12.706205, within(1e-5));
    assertThat(e.ciHigh()).isCloseTo(11 + 12.706205, within(1e-5));
  }

  @Test
  void equalValuesHaveAPointInterval() {
    Estimate e = Estimate.of(new double[] {7, 7, 7});
    assertThat(e.sd()).isZero();
    assertThat(e.ciLow()).isEqualTo(7);
    assertThat(e.ciHigh()).isEqualTo(7);
  }

  @Test
  void oneValueHasNoSpread() {
    Estimate e = Estimate.of(new double[] {3});
    assertThat(e.mean()).isEqualTo(3);
    assertThat(e.sd()).isNaN();
    assertThat(e.ciLow()).isNaN();
  }

  @Test
  void separationIsOfIntervals() {
    Estimate low = Estimate.of(new double[] {1, 2, 3, 4});
    Estimate high = Estimate.of(new double[] {10, 11, 12, 13});
    Estimate near = Estimate.of(new double[] {3, 4, 5, 6});
    assertThat(low.separatedFrom(high)).isTrue();
    assertThat(high.separatedFrom(low)).isTrue();
    assertThat(low.separatedFrom(near)).isFalse();
  }

  @Test
  void noValuesIsRefused() {
    assertThatThrownBy(() -> Estimate.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOrderOfTheValuesDoesNotChangeABit() {
    // 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in the last bit; sorted first, both are the same.
    assertThat((0.1 + 0.2) + 0.3).isNotEqualTo((0.3 + 0.2) + 0.1);
    assertThat(Estimate.of(new double[] {0.1, 0.2, 0.3})).isEqualTo(Estimate.of(new double[] {0.3, 0.2, 0.1}));
  }
}
