package io.buddykit.trace;

/**
 * What a trace reader saw, so a caller can tell a clean replay from one that skipped or lost
 * events. Every reader of the trace module returns one.
 *
 * @param lines every line read, of any kind
 * @param events the calls made on the sinks: one a block request or a page or heap event (a
 *     realloc's two mtrace lines make one)
 * @param skipped lines that carry no event: blank lines, comments, headers and markers, events of
 *     other kinds, and no-op events such as mtrace's {@code - (nil)}
 * @param bad malformed lines skipped because the reader was told to skip bad lines (always 0
 *     otherwise: the first one throws)
 * @param lostEvents events the tracer itself reports as lost or dropped ({@code CPU:0 [LOST 12
 *     EVENTS]}); a marker without a count counts 1. A replay after a loss may be inconsistent.
 */
public record TraceStats(long lines, long events, long skipped, long bad, long lostEvents) {}
