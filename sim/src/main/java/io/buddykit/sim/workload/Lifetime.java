package io.buddykit.sim.workload;

import java.util.random.RandomGenerator;

/**
 * How long an allocated object lives, in steps: geometric with mean {@code meanSteps} (memoryless,
 * as most short-lived kernel and page-cache objects behave), except a {@code foreverFraction}
 * that lives until the workload is drained, the objects that pin memory on long-running systems.
 * Public as a part of {@link AgingConfig}.
 *
 * @param meanSteps mean lifetime of the mortal objects, at least 1
 * @param foreverFraction share of objects that never expire, 0..1
 */
public record Lifetime(double meanSteps, double foreverFraction) {
  public Lifetime {
    if (!(meanSteps >= 1) || !Double.isFinite(meanSteps)) {
      throw new IllegalArgumentException("mean lifetime must be a finite number of steps >= 1, got " + meanSteps);
    }
    if (!(foreverFraction >= 0 && foreverFraction <= 1)) {
      throw new IllegalArgumentException("forever fraction must be in 0..1, got " + foreverFraction);
    }
  }

  /** Steps to live, at least 1, or {@link Expiries#NEVER}. */
  public long draw(RandomGenerator random) {
    if (foreverFraction > 0 && random.nextDouble() < foreverFraction) {
      return Expiries.NEVER;
    }
    if (meanSteps == 1) {
      return 1;
    }
    double u = 1 - random.nextDouble(); // (0, 1]: the log is finite
    return 1 + (long) Math.floor(Math.log(u) / Math.log1p(-1 / meanSteps));
  }
}
