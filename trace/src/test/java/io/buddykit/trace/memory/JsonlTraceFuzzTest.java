package io.buddykit.trace.memory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.trace.TraceParseException;

/**
 * Any input to {@link JsonlTrace} either parses or throws a {@link TraceParseException}
 * naming the file and a line of it, never another exception (see {@link TraceFuzzing} for all it
 * checks). Without JAZZER_FUZZ=1 it replays the stored inputs (a regression test); with it, Jazzer
 * searches for new ones.
 */
class JsonlTraceFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyInputParsesOrFailsWithTraceParseException(byte[] input) {
    TraceFuzzing.check(
        (in, file, sink, skipBad) -> JsonlTrace.read(in, file, sink, sink, skipBad), input);
  }
}
