package io.buddykit.trace.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link KmemRecorder} run recorded.
 *
 * @param trace the trace file
 * @param shape the shape file beside it
 * @param enabled the kmem events enabled
 * @param missing the kmem events asked for that the kernel lacks
 * @param events events read per name (all of them, also those past the byte limit), in first-seen
 *     order; lines without an event name count as "other"
 * @param textBytes trace text written, before compression
 * @param fileBytes the trace file's size
 * @param lostEvents events the ring buffer lost (overwritten or dropped before they were read)
 * @param elapsed from the first event enabled to the last disabled
 * @param stop why the recording stopped
 * @param commandExit the command's exit status, or null without a command
 * @param mountedTracefs whether tracefs had to be mounted (and was unmounted after)
 * @param problems what went wrong while stopping or cleaning up, one sentence each; empty normally
 */
public record Recording(Path trace, Path shape, List<String> enabled, List<String> missing, Map<String, Long> events,
    long textBytes, long fileBytes, long lostEvents, Duration elapsed, KmemRecorder.Stop stop, Integer commandExit,
    boolean mountedTracefs, List<String> problems) {

  public Recording {
    enabled = List.copyOf(enabled);
    missing = List.copyOf(missing);
    events = Map.copyOf(events);
    problems = List.copyOf(problems);
  }

  /** Every event read. */
  public long totalEvents() {
    return events.values().stream().mapToLong(Long::longValue).sum();
  }
}
