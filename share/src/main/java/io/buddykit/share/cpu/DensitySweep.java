package io.buddykit.share.cpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A sweep over task-set density: at each density, {@code setsPerDensity} random task sets ({@link
 * TaskSetGenerator}) are checked with {@link Schedulability} under buddy slices and exact time,
 * per policy; the same sets are used for every placer and policy. The sets of density i come from
 * {@code new Random(seed + i * 0x9E3779B97F4A7C15L)}, so the answer is the same whatever policies are
 * swept.
 */
public final class DensitySweep {
  private final TimeFrame frame;
  private final TaskSetGenerator generator;
  private final int setsPerDensity;
  private final List<Policy> policies;

  public DensitySweep(TimeFrame frame, TaskSetGenerator generator, int setsPerDensity, List<Policy> policies) {
    if (setsPerDensity < 1) {
      throw new IllegalArgumentException("setsPerDensity must be at least 1, got " + setsPerDensity);
    }
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("at least one policy is needed");
    }
    this.frame = frame;
    this.generator = generator;
    this.setsPerDensity = setsPerDensity;
    this.policies = List.copyOf(policies);
  }

  /** The sweep at each of {@code densities} (each in (0, 1]). */
  public List<SweepPoint> run(List<Double> densities, long seed) {
    List<SweepPoint> out = new ArrayList<>();
    for (int i = 0; i < densities.size(); i++) {
      out.add(point(densities.get(i), new Random(seed + i * 0x9E3779B97F4A7C15L)));
    }
    return out;
  }

  private SweepPoint point(double density, Random rnd) {
    Map<Policy, Integer> buddyFit = new EnumMap<>(Policy.class);
    Map<Policy, Integer> exactFit = new EnumMap<>(Policy.class);
    double densitySum = 0;
    for (int s = 0; s < setsPerDensity; s++) {
      List<PeriodicTask> set = generator.generate(density, rnd);
      densitySum += TaskSetGenerator.density(set, frame);
      for (Policy p : policies) {
        if (Schedulability.isSchedulable(set, frame, PlacerKind.BUDDY, p)) {
          buddyFit.merge(p, 1, Integer::sum);
        }
        if (Schedulability.isSchedulable(set, frame, PlacerKind.EXACT, p)) {
          exactFit.merge(p, 1, Integer::sum);
        }
      }
    }
    Map<Policy, Double> buddy = new EnumMap<>(Policy.class);
    Map<Policy, Double> exact = new EnumMap<>(Policy.class);
    for (Policy p : policies) {
      buddy.put(p, buddyFit.getOrDefault(p, 0) / (double) setsPerDensity);
      exact.put(p, exactFit.getOrDefault(p, 0) / (double) setsPerDensity);
    }
    return new SweepPoint(density, densitySum / setsPerDensity, setsPerDensity, buddy, exact);
  }
}
