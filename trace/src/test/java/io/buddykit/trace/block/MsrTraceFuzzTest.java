package io.buddykit.trace.block;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.trace.TraceFuzzing;
import io.buddykit.trace.TraceParseException;
import java.util.List;

/**
 * Any text given to {@link MsrTrace} either parses or throws a {@link TraceParseException} naming
 * the file and a line of it, never another exception (see {@link TraceFuzzing} for all it checks),
 * and the first request is at time 0. Without JAZZER_FUZZ=1 it replays the stored inputs (a
 * regression test); with it, Jazzer searches for new ones.
 */
class MsrTraceFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyInputParsesOrFailsWithTraceParseException(byte[] input) {
    List<IoRequest> out = TraceFuzzing.check(BlockTraceFormat.MSR::read, TraceFuzzing.asUtf8(input));
    if (!out.isEmpty() && out.get(0).timeMs() != 0.0) {
      throw new AssertionError("the first request is not at time 0: " + out.get(0));
    }
  }
}
