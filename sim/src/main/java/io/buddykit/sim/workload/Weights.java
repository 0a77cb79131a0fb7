package io.buddykit.sim.workload;

import java.util.List;
import java.util.random.RandomGenerator;

/** A discrete distribution over 0..n-1 from non-negative weights, drawn in O(n) with n small. */
final class Weights {
  private final double[] cumulative;
  private final int lastPositive;

  Weights(List<Double> weights) {
    cumulative = new double[weights.size()];
    double sum = 0;
    int last = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += weights.get(i);
      cumulative[i] = sum;
      if (weights.get(i) > 0) {
        last = i;
      }
    }
    lastPositive = last;
  }

  /** Throws unless every weight is finite and non-negative and some weight is positive. */
  static void check(String what, List<Double> weights) {
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException(what + " weights missing");
    }
    double sum = 0;
    for (Double w : weights) {
      if (w == null || !Double.isFinite(w) || w < 0) {
        throw new IllegalArgumentException(what + " weights must be finite and >= 0: " + weights);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException(what + " weights are all zero: " + weights);
    }
  }

  int draw(RandomGenerator random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < lastPositive; i++) {
      if (x < cumulative[i]) {
        return i;
      }
    }
    return lastPositive; // rounding may put x at the total: never land on a zero-weight tail
  }
}
