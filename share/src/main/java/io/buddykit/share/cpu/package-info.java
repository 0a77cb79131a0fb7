/**
 * CPU time shared by the buddy system: a frame of time (16 ms by default) is one buddy block,
 * each request takes a power-of-two slice of it, and the frame coalesces whole again at its end.
 *
 * <p>The pieces: a {@link io.buddykit.share.cpu.TimeFrame} and the {@link
 * io.buddykit.share.cpu.Quantum} rounding; the work ({@link io.buddykit.share.cpu.PeriodicTask},
 * {@link io.buddykit.share.cpu.OneOffRequest}, {@link io.buddykit.share.cpu.FrameWorkload}); two ways to
 * place it in a frame ({@link io.buddykit.share.cpu.BuddyPlacer} on a real {@code BuddyAllocator},
 * {@link io.buddykit.share.cpu.ExactPlacer} as the baseline without rounding); who goes first
 * ({@link io.buddykit.share.cpu.Policy}); the frame loop ({@link
 * io.buddykit.share.cpu.FrameScheduler}) and what it measured ({@link
 * io.buddykit.share.cpu.CpuMetrics}, {@link io.buddykit.share.cpu.JainIndex}); the schedulability
 * check ({@link io.buddykit.share.cpu.Schedulability}) and the density sweep ({@link
 * io.buddykit.share.cpu.DensitySweep}); and the {@code cputime} scenario ({@link
 * io.buddykit.share.cpu.CpuTimeScenario}).
 */
package io.buddykit.share.cpu;
