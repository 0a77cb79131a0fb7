package io.buddykit.trace.memory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.trace.TraceFuzzing;
import io.buddykit.trace.TraceParseException;

/**
 * Any input to {@link FtraceReader} either parses or throws a {@link TraceParseException} naming the
 * file and a line of it, never another exception, and what it delivers survives JSON lines (see
 * {@link TraceFuzzing} and {@link JsonlRoundTrip} for all it checks). Without JAZZER_FUZZ=1 it
 * replays the stored inputs (a regression test); with it, Jazzer searches for new ones.
 */
class FtraceReaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyInputParsesOrFailsWithTraceParseException(byte[] input) {
    TraceFuzzing.check(new JsonlRoundTrip(FtraceReader::read), input);
  }
}
