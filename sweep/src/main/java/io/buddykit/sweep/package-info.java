/**
 * Sweeps: many runs of one scenario over a parameter grid and seeds. Open {@link
 * io.buddykit.sweep.SweepSpec} first (the spec, read from YAML or JSON and checked before anything
 * runs), then {@link io.buddykit.sweep.SweepRunner} (the embedded runner: a thread pool in this
 * process writing {@code results.jsonl} one {@link io.buddykit.sweep.RunRow} a line, resumable) and
 * {@link io.buddykit.sweep.Summary} (per point and metric an {@link io.buddykit.sweep.Estimate}: n,
 * mean, sd and a 95% confidence interval). Its own module above {@code app} and below the front
 * ends, so that a distributed engine can run the same spec and rows without the command or the
 * report, and the YAML and statistics libraries stay out of {@code app}.
 */
package io.buddykit.sweep;
