package io.buddykit.trace.block;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.trace.TraceFuzzing;
import io.buddykit.trace.TraceParseException;
import java.util.List;

/**
 * Any text given to {@link DiskSimTrace} either parses or throws a {@link TraceParseException}
 * naming the file and a line of it, never another exception (see {@link TraceFuzzing} for all it
 * checks), and its requests are whole sectors at times of at least 0. Without JAZZER_FUZZ=1 it
 * replays the stored inputs (a regression test); with it, Jazzer searches for new ones.
 */
class DiskSimTraceFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyInputParsesOrFailsWithTraceParseException(byte[] input) {
    List<IoRequest> out = TraceFuzzing.check(BlockTraceFormat.DISKSIM::read, TraceFuzzing.asUtf8(input));
    for (IoRequest r : out) {
      if (r.offsetBytes() % DiskSimTrace.SECTOR_BYTES != 0
          || r.sizeBytes() % DiskSimTrace.SECTOR_BYTES != 0
          || r.timeMs() < 0) {
        throw new AssertionError("not whole sectors or negative time: " + r);
      }
    }
  }
}
