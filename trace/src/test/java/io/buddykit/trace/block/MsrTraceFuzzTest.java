package io.buddykit.trace.block;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.trace.TraceParseException;
import java.util.List;

/**
 * Any input to {@link MsrTrace} either parses or throws a {@link TraceParseException} naming the
 * file and a line of it, never another exception. Without JAZZER_FUZZ=1 it replays the stored
 * inputs (a regression test); with it, Jazzer searches for new ones.
 */
class MsrTraceFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyInputParsesOrFailsWithTraceParseException(byte[] input) {
    List<IoRequest> out = TraceFuzzing.check(MsrTrace::read, input);
    if (!out.isEmpty() && out.get(0).timeMs() != 0.0) {
      throw new AssertionError("the first request is not at time 0: " + out.get(0));
    }
  }
}
