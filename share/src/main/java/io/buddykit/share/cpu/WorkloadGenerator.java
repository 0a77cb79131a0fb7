package io.buddykit.share.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random {@link FrameWorkload} for a run: a periodic task set from {@link TaskSetGenerator}, and in
 * every frame a Poisson number of one-off requests (mean {@code oneOffMean}) with budgets uniform
 * in 1 to {@code oneOffMaxUnits}. Deterministic given the seed.
 */
public final class WorkloadGenerator {
  private WorkloadGenerator() {}

  /** The workload of {@code frames} frames. */
  public static FrameWorkload generate(
      TaskSetGenerator tasks,
      double density,
      double oneOffMean,
      long oneOffMaxUnits,
      long frames,
      long seed) {
    if (!(oneOffMean >= 0) || oneOffMean > 64) {
      throw new IllegalArgumentException("oneOffMean must be in [0, 64], got " + oneOffMean);
    }
    if (oneOffMaxUnits < 1) {
      throw new IllegalArgumentException("oneOffMaxUnits must be at least 1, got " + oneOffMaxUnits);
    }
    Random rnd = new Random(seed);
    List<PeriodicTask> periodic = tasks.generate(density, rnd);
    List<OneOffRequest> oneOffs = new ArrayList<>();
    for (long f = 0; f < frames; f++) {
      int k = poisson(oneOffMean, rnd);
      for (int i = 0; i < k; i++) {
        long budget = 1 + (long) rnd.nextInt((int) Math.min(Integer.MAX_VALUE, oneOffMaxUnits));
        oneOffs.add(new OneOffRequest("R" + (oneOffs.size() + 1), f, budget));
      }
    }
    return new FrameWorkload(periodic, oneOffs);
  }

  /** Knuth's method: fine for the small means used here. */
  static int poisson(double mean, Random rnd) {
    if (mean == 0) {
      return 0;
    }
    double limit = Math.exp(-mean);
    double prod = rnd.nextDouble();
    int k = 0;
    while (prod > limit) {
      k++;
      prod *= rnd.nextDouble();
    }
    return k;
  }
}
