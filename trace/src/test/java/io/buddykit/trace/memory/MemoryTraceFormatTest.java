package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTraceFormatTest {

  static Path resource(String name) throws Exception {
    return Path.of(MemoryTraceFormatTest.class.getResource(name).toURI());
  }

  @Test
  void formatsAreFoundByTheirCommandLineNames() {
    assertThat(MemoryTraceFormat.parse("ftrace")).isEqualTo(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.parse("MTrace")).isEqualTo(MemoryTraceFormat.MTRACE);
    assertThat(MemoryTraceFormat.parse(" jsonl ")).isEqualTo(MemoryTraceFormat.JSONL);
    assertThat(MemoryTraceFormat.JSONL).hasToString("jsonl");
    assertThat(MemoryTraceFormat.FTRACE.cliName()).isEqualTo("ftrace");
    assertThatThrownBy(() -> MemoryTraceFormat.parse("perf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown trace format \"perf\" (known: ftrace, mtrace, jsonl)");
  }

  /** Issue 19 item 6: a file without a newline was read whole into one String (2 GiB: OutOfMemoryError). */
  @Test
  void detectionReadsAtMostOneCappedLineOfAFileWithoutNewlines() {
    long size = 64L << 20;
    long[] consumed = {0};
    InputStream noNewline = new InputStream() {
      @Override
      public int read() {
        if (consumed[0] == size) {
          return -1;
        }
        consumed[0]++;
        return 'x';
      }

      @Override
      public int read(byte[] buf, int off, int len) {
        int n = (int) Math.min(len, size - consumed[0]);
        if (n <= 0) {
          return -1;
        }
        java.util.Arrays.fill(buf, off, off + n, (byte) 'x');
        consumed[0] += n;
        return n;
      }
    };
    assertThat(MemoryTraceFormat.detect(noNewline, "endless")).isEmpty();
    assertThat(consumed[0]).isLessThanOrEqualTo(2L << 20);
  }

  @Test
  void theSamplesAreRecognised() throws Exception {
    assertThat(MemoryTraceFormat.detect(resource("/ftrace/sample.trace"))).contains(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.detect(resource("/ftrace/trace-cmd-report.txt")))
        .contains(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.detect(resource("/mtrace/tar.mtrace"))).contains(MemoryTraceFormat.MTRACE);
  }

  @Test
  void theFirstLineThatOnlyOneFormatAcceptsDecides() {
    assertThat(MemoryTraceFormat.detect(List.of("", "{\"op\":\"mfree\",\"addr\":\"0x1\"}")))
        .contains(MemoryTraceFormat.JSONL);
    assertThat(MemoryTraceFormat.detect(List.of("{\"format\":\"buddykit-trace\",\"version\":1}")))
        .contains(MemoryTraceFormat.JSONL);
    assertThat(MemoryTraceFormat.detect(List.of("= Start"))).contains(MemoryTraceFormat.MTRACE);
    assertThat(MemoryTraceFormat.detect(List.of("@ [0x1] < 0x10"))).contains(MemoryTraceFormat.MTRACE);
    assertThat(MemoryTraceFormat.detect(List.of("# tracer: nop"))).contains(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.detect(List.of("cpus=4"))).contains(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.detect(List.of("hello", "  sh-1 [000] 1.5: sched_switch: x")))
        .contains(MemoryTraceFormat.FTRACE);
    assertThat(MemoryTraceFormat.detect(List.of())).isEmpty();
    assertThat(MemoryTraceFormat.detect(List.of("", " ", "hello"))).isEqualTo(Optional.empty());
  }

  @Test
  void readDispatchesToTheFormatsReaderAndNeedsItsSink(@TempDir Path dir) throws Exception {
    Path jsonl = dir.resolve("t.jsonl");
    Files.writeString(jsonl, "{\"op\":\"free\",\"pfn\":7,\"order\":1}\n");
    Recorder r = new Recorder();
    assertThat(MemoryTraceFormat.JSONL.read(jsonl, r, null, false).events()).isEqualTo(1);
    assertThat(r.events).containsExactly("free 0x7 1");
    assertThat(MemoryTraceFormat.MTRACE.read(resource("/mtrace/tar.mtrace"), null, r, false).events())
        .isEqualTo(4102);
    assertThatThrownBy(() -> MemoryTraceFormat.FTRACE.read(jsonl, null, r, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page events");
    assertThatThrownBy(() -> MemoryTraceFormat.MTRACE.read(jsonl, r, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap events");
  }
}
