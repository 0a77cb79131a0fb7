package io.buddykit.sim.workload;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a {@link SyntheticWorkload}: what it allocates, for how long, how much of memory
 * it keeps in use and how fast it works.
 *
 * @param orderWeights relative frequency of each order from 0 (list index = order)
 * @param kindWeights relative frequency of each kind of memory; kinds left out are never asked for
 * @param lifetime how long objects live
 * @param occupancy the share of the machine's managed pages the workload tries to hold, 0..1
 * @param eventsPerStep allocation attempts per step at most (frees of expired objects come on top)
 * @param cpuPolicy which CPU each request runs on
 * @param steps the run length the workload is shaped for
 */
record SyntheticConfig(
    List<Double> orderWeights,
    Map<PageKind, Double> kindWeights,
    Lifetime lifetime,
    double occupancy,
    int eventsPerStep,
    CpuPolicy cpuPolicy,
    long steps) {

  public SyntheticConfig {
    Weights.check("order", orderWeights);
    orderWeights = List.copyOf(orderWeights);
    if (kindWeights == null) {
      throw new IllegalArgumentException("kind weights missing");
    }
    for (Map.Entry<PageKind, Double> e : kindWeights.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("kind weights must name a kind and a weight: " + kindWeights);
      }
    }
    Weights.check("kind", kindWeights(kindWeights));
    kindWeights = Map.copyOf(kindWeights);
    if (lifetime == null) {
      throw new IllegalArgumentException("lifetime missing");
    }
    if (!(occupancy > 0 && occupancy <= 1)) {
      throw new IllegalArgumentException("occupancy must be in (0, 1], got " + occupancy);
    }
    if (eventsPerStep < 1) {
      throw new IllegalArgumentException("events per step must be >= 1, got " + eventsPerStep);
    }
    if (cpuPolicy == null) {
      throw new IllegalArgumentException("cpu policy missing");
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
  }

  /**
   * A general-purpose mix sized for a machine of {@code managedPages}: mostly order 0, some 1-3,
   * rare order-9 THPs; two thirds movable; objects living ~50 steps, 5% for good; 60% occupancy.
   * A step may make managed/256 attempts, enough to fill in ~25 steps and then keep up with
   * expiry, so 200 steps turn memory over a few times at any size.
   */
  public static SyntheticConfig defaults(long managedPages) {
    Map<PageKind, Double> kinds = new EnumMap<>(PageKind.class);
    kinds.put(PageKind.KERNEL, 0.20);
    kinds.put(PageKind.SLAB_RECLAIMABLE, 0.10);
    kinds.put(PageKind.ANON, 0.30);
    kinds.put(PageKind.PAGE_CACHE, 0.40);
    return new SyntheticConfig(
        List.of(0.80, 0.08, 0.06, 0.05, 0.0, 0.0, 0.0, 0.0, 0.0, 0.01),
        kinds,
        new Lifetime(50, 0.05),
        0.6,
        Math.clamp(managedPages / 256, 16, 1 << 20),
        CpuPolicy.ROUND_ROBIN,
        200);
  }

  /**
   * A calm load for contrast with aging: half of memory in single pages and small blocks, every
   * object mortal (~100 steps), nothing bigger than order 3, so free memory keeps merging back.
   * Up to managed/128 attempts a step fill it in ~50 steps and then keep up with expiry.
   */
  public static SyntheticConfig steady(long managedPages) {
    Map<PageKind, Double> kinds = new EnumMap<>(PageKind.class);
    kinds.put(PageKind.KERNEL, 0.20);
    kinds.put(PageKind.ANON, 0.40);
    kinds.put(PageKind.PAGE_CACHE, 0.40);
    return new SyntheticConfig(
        List.of(0.85, 0.07, 0.05, 0.03),
        kinds,
        new Lifetime(100, 0),
        0.5,
        Math.clamp(managedPages / 128, 16, 1 << 20),
        CpuPolicy.ROUND_ROBIN,
        200);
  }

  public SyntheticConfig withOccupancy(double occupancy) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withEventsPerStep(int eventsPerStep) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withLifetime(Lifetime lifetime) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withOrderWeights(List<Double> orderWeights) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withKindWeights(Map<PageKind, Double> kindWeights) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withCpuPolicy(CpuPolicy cpuPolicy) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  public SyntheticConfig withSteps(long steps) {
    return new SyntheticConfig(orderWeights, kindWeights, lifetime, occupancy, eventsPerStep, cpuPolicy, steps);
  }

  /** The kind weights as a list by {@link PageKind} ordinal, 0 for kinds left out. */
  List<Double> kindWeightList() {
    return kindWeights(kindWeights);
  }

  private static List<Double> kindWeights(Map<PageKind, Double> weights) {
    Double[] w = new Double[PageKind.count()];
    for (PageKind k : PageKind.values()) {
      w[k.ordinal()] = weights.getOrDefault(k, 0.0);
    }
    return List.of(w);
  }
}
