package io.buddykit.share.cpu;

import java.util.Map;

/**
 * One density of a {@link DensitySweep}: the share of random task sets that each policy schedules
 * with buddy slices and exactly.
 *
 * @param density the target density
 * @param meanDensity the mean real density of the sets (rounding to whole units moves it)
 * @param sets task sets drawn
 * @param buddy share schedulable with buddy slices, per policy
 * @param exact share schedulable with exact time, per policy
 */
public record SweepPoint(
    double density, double meanDensity, int sets, Map<Policy, Double> buddy, Map<Policy, Double> exact) {

  public SweepPoint {
    buddy = Map.copyOf(buddy);
    exact = Map.copyOf(exact);
  }
}
