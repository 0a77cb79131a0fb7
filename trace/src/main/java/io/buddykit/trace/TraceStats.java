package io.buddykit.trace;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param duplicateFrees records dropped because they are the second record of one free: Linux
 *     traces a batched free of a page as both mm_page_free and mm_page_free_batched (see {@code
 *     FtraceReader}); 0 for formats without such pairs
 * @param unknownGfpFlags GFP flag names a page trace carried that the reader's table does not
 *     know, each with the number of records that carried it, sorted by name; those records were
 *     read with the flag's bits left out
 */
public record TraceStats(
    long lines,
    long events,
    long skipped,
    long bad,
    long lostEvents,
    long duplicateFrees,
    Map<String, Long> unknownGfpFlags) {

  public TraceStats {
    Objects.requireNonNull(unknownGfpFlags, "unknownGfpFlags");
    unknownGfpFlags = Collections.unmodifiableMap(new TreeMap<>(unknownGfpFlags));
  }

  /** The counts of a reader that finds no duplicate frees and no unknown flags. */
  public TraceStats(long lines, long events, long skipped, long bad, long lostEvents) {
    this(lines, events, skipped, bad, lostEvents, 0, Map.of());
  }
}
