package io.buddykit.sweep;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * One metric at one point over its seeds: the count, the mean, the sample standard deviation
 * (divided by n - 1) and the two-sided 95% confidence interval of the mean from Student's t with
 * n - 1 degrees of freedom, {@code mean ± t(0.975, n-1) · sd / √n}. With one value there is no
 * spread to speak of: sd and the interval are {@code NaN} (written as null).
 */
public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh) {
  /** The confidence level of the interval. */
  public static final double LEVEL = 0.95;

  /**
   * The estimate of {@code values}, which must not be empty. The values are summed in ascending
   * order, so the estimate does not depend on the order the runs finished in (threads, Spark
   * tasks): every engine gets the same bits from the same rows.
   */
  public static Estimate of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("an estimate needs at least one value");
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = 0;
    for (double v : sorted) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    double half = t * sd / Math.sqrt(n);
    return new Estimate(n, mean, sd, mean - half, mean + half);
  }

  /** Whether the intervals of this and {@code other} share no value: the one kind of "wins" the page claims. */
  public boolean separatedFrom(Estimate other) {
    return ciHigh < other.ciLow || other.ciHigh < ciLow;
  }
}
