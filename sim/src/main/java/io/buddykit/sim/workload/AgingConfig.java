package io.buddykit.sim.workload;

import java.util.List;

/**
 * The shape of an {@link AgingWorkload}: how long it runs, how full it keeps memory, how fast the
 * movable memory turns over and how much of what it allocates is long-lived kernel memory.
 *
 * @param steps the run length; the last step is a release, so a run ends fragmented and half empty
 * @param cycleSteps steps per cycle: churn steps, then one release step
 * @param occupancy share of the {@link AgingWorkload#usablePages usable pages} held after each churn step's
 *     frees; its allocations first fill memory up to all usable pages
 * @param releaseTo share of the usable pages still held after a release (movable pages freed at random)
 * @param churnRate share of the usable pages freed and allocated again per churn step
 * @param unmovableFraction kernel pages allocated per step, as a share of the step's churn (so a
 *     refill step, which allocates far more movable memory, gets no more kernel memory than any other)
 * @param cacheShare share of the movable pages that are page cache (the rest is anonymous)
 * @param cacheOrderWeights orders of page cache allocations (folios of a few pages, from readahead)
 * @param anonOrderWeights orders of anonymous allocations
 * @param unmovableOrderWeights orders of kernel allocations (slab pages, page tables, buffers)
 * @param unmovableLifetime how long kernel allocations live, in steps
 * @param cpuPolicy which CPU each request runs on
 */
public record AgingConfig(
    long steps,
    int cycleSteps,
    double occupancy,
    double releaseTo,
    double churnRate,
    double unmovableFraction,
    double cacheShare,
    List<Double> cacheOrderWeights,
    List<Double> anonOrderWeights,
    List<Double> unmovableOrderWeights,
    Lifetime unmovableLifetime,
    CpuPolicy cpuPolicy) {

  public AgingConfig {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (cycleSteps < 2) {
      throw new IllegalArgumentException(
          "a cycle needs a churn step and a release step: cycle steps >= 2, got " + cycleSteps);
    }
    if (!(occupancy > 0 && occupancy <= 1)) {
      throw new IllegalArgumentException("occupancy must be in (0, 1], got " + occupancy);
    }
    if (!(releaseTo >= 0 && releaseTo <= occupancy)) {
      throw new IllegalArgumentException(
          "release target must be in [0, occupancy " + occupancy + "], got " + releaseTo);
    }
    if (!(churnRate > 0 && churnRate <= 1)) {
      throw new IllegalArgumentException("churn rate must be in (0, 1], got " + churnRate);
    }
    if (!(unmovableFraction >= 0 && unmovableFraction <= 1)) {
      throw new IllegalArgumentException("unmovable fraction must be in [0, 1], got " + unmovableFraction);
    }
    if (!(cacheShare >= 0 && cacheShare <= 1)) {
      throw new IllegalArgumentException("cache share must be in [0, 1], got " + cacheShare);
    }
    Weights.check("page cache order", cacheOrderWeights);
    cacheOrderWeights = List.copyOf(cacheOrderWeights);
    Weights.check("anonymous order", anonOrderWeights);
    anonOrderWeights = List.copyOf(anonOrderWeights);
    Weights.check("unmovable order", unmovableOrderWeights);
    unmovableOrderWeights = List.copyOf(unmovableOrderWeights);
    if (unmovableLifetime == null) {
      throw new IllegalArgumentException("unmovable lifetime missing");
    }
    if (cpuPolicy == null) {
      throw new IllegalArgumentException("cpu policy missing");
    }
  }

  /**
   * One cycle of 24 steps: memory filled to the brim, then held at 97% while 1.5% of it turns
   * over per step, kernel memory coming in at 5% of that turnover (living ~200 steps, 30% of it
   * for good), then movable memory released down to 45%. Page cache comes in folios of 1-16
   * pages, anonymous memory in single pages, kernel memory in single pages and SLUB's order-3
   * slabs. Sized so that 16 GiB ages in a few seconds.
   */
  public static AgingConfig defaults() {
    return new AgingConfig(24, 24, 0.97, 0.45, 0.015, 0.05, 0.7,
        List.of(0.20, 0.10, 0.20, 0.20, 0.30),
        List.of(1.0),
        List.of(0.55, 0.10, 0.10, 0.25),
        new Lifetime(200, 0.3),
        CpuPolicy.ROUND_ROBIN);
  }

  public AgingConfig withSteps(long steps) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withCycleSteps(int cycleSteps) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withOccupancy(double occupancy, double releaseTo) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withChurnRate(double churnRate) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withUnmovableFraction(double unmovableFraction) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withCacheShare(double cacheShare) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withUnmovableLifetime(Lifetime unmovableLifetime) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }

  public AgingConfig withCpuPolicy(CpuPolicy cpuPolicy) {
    return new AgingConfig(steps, cycleSteps, occupancy, releaseTo, churnRate, unmovableFraction, cacheShare,
        cacheOrderWeights, anonOrderWeights, unmovableOrderWeights, unmovableLifetime, cpuPolicy);
  }
}
