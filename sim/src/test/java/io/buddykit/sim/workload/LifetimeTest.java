package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lifetimes and weighted draws: their means and shares, and the values they refuse. */
class LifetimeTest {
  @Test
  void geometricLifetimesHaveTheirMeanAndForeverShare() {
    Lifetime l = new Lifetime(40, 0.2);
    SplittableRandom r = new SplittableRandom(11);
    int n = 200_000;
    long forever = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      long d = l.draw(r);
      assertThat(d).isPositive();
      if (d == Expiries.NEVER) {
        forever++;
      } else {
        sum += d;
      }
    }
    assertThat((double) forever / n).isCloseTo(0.2, within(0.01));
    assertThat(sum / (n - forever)).isCloseTo(40, within(1.0));
    assertThat(new Lifetime(1, 0).draw(r)).isEqualTo(1);
  }

  @Test
  void weightsDrawInProportionAndNeverPickAZeroWeight() {
    Weights w = new Weights(List.of(3.0, 0.0, 1.0, 0.0));
    SplittableRandom r = new SplittableRandom(5);
    int[] n = new int[4];
    for (int i = 0; i < 40_000; i++) {
      n[w.draw(r)]++;
    }
    assertThat(n[1]).isZero();
    assertThat(n[3]).isZero();
    assertThat(n[0] / 40_000.0).isCloseTo(0.75, within(0.01));
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> new Lifetime(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lifetime(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lifetime(10, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weights.check("x", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weights.check("x", List.of(0.0, 0.0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weights.check("x", List.of(1.0, -1.0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weights.check("x", List.of(1.0, Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
