/**
 * Recorded traces, read as the tools that record them write them, and what every reader shares.
 * The readers live in two subpackages: {@link io.buddykit.trace.memory} for the page allocator's
 * and a process heap's events (Linux ftrace kmem events, glibc mtrace, buddykit's JSON lines) and
 * {@link io.buddykit.trace.block} for block I/O requests (MSR Cambridge, DiskSim). Here: {@link
 * io.buddykit.trace.TraceFormat}, the one notion of a format known by its command-line name, which
 * each subpackage's enum implements; {@link io.buddykit.trace.LineParser}, the line loop every
 * reader extends (lines handed out in place by the package-private {@code LineReader}, byte-level
 * field parsers, bad lines counted instead of thrown when the caller skips them); {@link
 * io.buddykit.trace.ByteScan}, the eight-bytes-a-step searches under it; {@link
 * io.buddykit.trace.TraceParseException}, the {@code file:line: reason} error; and {@link
 * io.buddykit.trace.TraceStats}, what a read saw. The module depends on no model: readers deliver
 * events to sinks that the simulator and the flash translation layer implement.
 */
package io.buddykit.trace;
