package io.buddykit.sim.workload;

/**
 * How a workload spreads its requests over the machine's CPUs, so per-CPU lists all see traffic.
 * Public as a part of {@link AgingConfig}.
 */
public enum CpuPolicy {
  /** Each request on the next CPU in turn. */
  ROUND_ROBIN,
  /** Each request on a CPU drawn from the workload's seeded generator. */
  RANDOM
}
