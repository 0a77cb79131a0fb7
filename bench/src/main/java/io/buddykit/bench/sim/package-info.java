/**
 * The simulator's trace replay speed: {@link Replay} replays a 1M-event page trace ({@code
 * TraceStream}, made by a stand-in kernel) on a booted machine, pre-parsed in both replay modes and
 * parsed from ftrace text and JSON lines. Its own package, as each measured module's benchmarks
 * are.
 */
package io.buddykit.bench.sim;
