package io.buddykit.experiments.tier;

import java.util.List;

/**
 * The shape of a tiering run: the two pools, the objects and their access skew, the latencies and
 * the migration test's numbers.
 *
 * @param dramPages DRAM pool size in 4 KiB pages
 * @param nvmPages NVM pool size in 4 KiB pages (must hold every object at its largest)
 * @param objects live objects at any time
 * @param orderWeights weights of object sizes 2^0, 2^1, ... pages
 * @param zipf Zipf exponent s of the popularity of objects (by a seeded random rank)
 * @param costBenefit latencies, copy cost and horizon of the migration test
 * @param hotFactor an object is hot when its accesses per page per epoch reach this many times the mean
 * @param accessesPerEpoch accesses per epoch
 * @param epochs epochs of the run
 * @param churn share of objects replaced per epoch by new ones (new objects take the old one's rank)
 * @param seed random seed: the same objects, churn and accesses for every policy
 */
public record TierConfig(
    long dramPages,
    long nvmPages,
    int objects,
    List<Double> orderWeights,
    double zipf,
    CostBenefit costBenefit,
    double hotFactor,
    int accessesPerEpoch,
    int epochs,
    double churn,
    long seed) {

  public TierConfig {
    orderWeights = List.copyOf(orderWeights);
    if (orderWeights.isEmpty() || orderWeights.size() > 11) {
      throw new IllegalArgumentException("need 1 to 11 order weights, got " + orderWeights.size());
    }
    double sum = 0;
    for (double w : orderWeights) {
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("order weights must be finite and >= 0: " + orderWeights);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("order weights are all zero");
    }
    if (objects < 1 || dramPages < 1) {
      throw new IllegalArgumentException("need at least one object and one DRAM page");
    }
    if (nvmPages < (long) objects << (orderWeights.size() - 1)) {
      throw new IllegalArgumentException("NVM of " + nvmPages + " pages cannot hold " + objects
          + " objects of " + (1 << (orderWeights.size() - 1)) + " pages");
    }
    if (!(hotFactor > 0) || accessesPerEpoch < 1 || epochs < 1 || !(churn >= 0 && churn <= 1)) {
      throw new IllegalArgumentException("need hot factor > 0, accesses and epochs >= 1, churn in [0, 1]");
    }
  }

  /** The same run with another migration test. */
  public TierConfig withCostBenefit(CostBenefit cb) {
    return new TierConfig(dramPages, nvmPages, objects, orderWeights, zipf, cb, hotFactor, accessesPerEpoch, epochs,
        churn, seed);
  }

  /** The largest object order. */
  public int maxObjectOrder() {
    return orderWeights.size() - 1;
  }
}
