package io.buddykit.experiments.tier;

import java.util.random.RandomGenerator;

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, by binary search of the CDF. */
public final class ZipfSampler {
  private final double[] cdf;

  public ZipfSampler(int n, double s) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one rank, got " + n);
    }
    if (!(s >= 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("zipf exponent must be >= 0, got " + s);
    }
    cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
  }

  /** The probability of rank {@code r}. */
  public double probability(int r) {
    return r == 0 ? cdf[0] : cdf[r] - cdf[r - 1];
  }

  public int draw(RandomGenerator random) {
    double x = random.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
