/**
 * Seeded synthetic loads that drive a machine a step at a time. Open {@link Workload} first, then
 * {@link SyntheticWorkload} and {@link AgingWorkload} with their configs: each allocates and frees
 * through a {@link MachineClient}, whose {@link Holdings} stay exact as the machine's listener
 * while compaction moves and reclaim takes pages; {@link PageKind} picks each request's GFP mask,
 * {@link Lifetime} and {@link Expiries} decide when it is freed, {@link CpuPolicy} spreads requests
 * over the CPUs, and {@link Workloads} names the loads for {@code buddykit sim} and the live view.
 * Its own package: it uses only the engine's public API, and the command, the live view and the
 * experiments share it.
 */
package io.buddykit.sim.workload;
