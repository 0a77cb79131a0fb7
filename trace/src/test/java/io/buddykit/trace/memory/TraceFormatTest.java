package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFormatTest {

  static Path resource(String name) throws Exception {
    return Path.of(TraceFormatTest.class.getResource(name).toURI());
  }

  @Test
  void formatsAreFoundByTheirCommandLineNames() {
    assertThat(TraceFormat.parse("ftrace")).isEqualTo(TraceFormat.FTRACE);
    assertThat(TraceFormat.parse("MTrace")).isEqualTo(TraceFormat.MTRACE);
    assertThat(TraceFormat.parse(" jsonl ")).isEqualTo(TraceFormat.JSONL);
    assertThat(TraceFormat.JSONL).hasToString("jsonl");
    assertThat(TraceFormat.FTRACE.cliName()).isEqualTo("ftrace");
    assertThatThrownBy(() -> TraceFormat.parse("perf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown trace format \"perf\" (known: ftrace, mtrace, jsonl)");
  }

  @Test
  void theSamplesAreRecognised() throws Exception {
    assertThat(TraceFormat.detect(resource("/ftrace/sample.trace"))).contains(TraceFormat.FTRACE);
    assertThat(TraceFormat.detect(resource("/ftrace/trace-cmd-report.txt")))
        .contains(TraceFormat.FTRACE);
    assertThat(TraceFormat.detect(resource("/mtrace/tar.mtrace"))).contains(TraceFormat.MTRACE);
  }

  @Test
  void theFirstLineThatOnlyOneFormatAcceptsDecides() {
    assertThat(TraceFormat.detect(List.of("", "{\"op\":\"mfree\",\"addr\":\"0x1\"}")))
        .contains(TraceFormat.JSONL);
    assertThat(TraceFormat.detect(List.of("{\"format\":\"buddykit-trace\",\"version\":1}")))
        .contains(TraceFormat.JSONL);
    assertThat(TraceFormat.detect(List.of("= Start"))).contains(TraceFormat.MTRACE);
    assertThat(TraceFormat.detect(List.of("@ [0x1] < 0x10"))).contains(TraceFormat.MTRACE);
    assertThat(TraceFormat.detect(List.of("# tracer: nop"))).contains(TraceFormat.FTRACE);
    assertThat(TraceFormat.detect(List.of("cpus=4"))).contains(TraceFormat.FTRACE);
    assertThat(TraceFormat.detect(List.of("hello", "  sh-1 [000] 1.5: sched_switch: x")))
        .contains(TraceFormat.FTRACE);
    assertThat(TraceFormat.detect(List.of())).isEmpty();
    assertThat(TraceFormat.detect(List.of("", " ", "hello"))).isEqualTo(Optional.empty());
  }

  @Test
  void readDispatchesToTheFormatsReaderAndNeedsItsSink(@TempDir Path dir) throws Exception {
    Path jsonl = dir.resolve("t.jsonl");
    Files.writeString(jsonl, "{\"op\":\"free\",\"pfn\":7,\"order\":1}\n");
    Recorder r = new Recorder();
    assertThat(TraceFormat.JSONL.read(jsonl, r, null, false).events()).isEqualTo(1);
    assertThat(r.events).containsExactly("free 0x7 1");
    assertThat(TraceFormat.MTRACE.read(resource("/mtrace/tar.mtrace"), null, r, false).events())
        .isEqualTo(4102);
    assertThatThrownBy(() -> TraceFormat.FTRACE.read(jsonl, null, r, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page events");
    assertThatThrownBy(() -> TraceFormat.MTRACE.read(jsonl, r, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap events");
  }
}
