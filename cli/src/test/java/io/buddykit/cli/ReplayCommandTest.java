package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  private static final String FTRACE = "../trace/src/test/resources/ftrace/sample.trace";
  private static final String MTRACE = "../trace/src/test/resources/mtrace/tar.mtrace";
  private static final String SAMPLE_JSONL = "../trace/src/test/resources/jsonl/sample.jsonl";

  @Test
  void aRealFtraceReplaysAtItsPfnsAndEveryEventIsCounted() throws Exception {
    JsonNode j = Json.mapper().readTree(Run.of("replay", FTRACE, "--memory", "8G", "--json").out());
    assertThat(j.at("/summary/format").asText()).isEqualTo("ftrace");
    JsonNode replay = j.at("/summary/replay");
    long applied = replay.get("allocs").asLong() + replay.get("frees").asLong()
        + replay.get("modelFailures").asLong() + replay.get("busy").asLong() + replay.get("outOfRange").asLong()
        + replay.get("unknownFrees").asLong() + replay.get("orderMismatches").asLong()
        + replay.get("tracedFailures").asLong();
    assertThat(applied).isEqualTo(j.at("/summary/trace/events").asLong());
    assertThat(j.at("/buddyinfo/0/Normal").size()).isEqualTo(11);
  }

  @Test
  void writeJsonlConvertsAnFtraceThatThenReplaysTheSame(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sample.jsonl");
    Run r = Run.of("replay", FTRACE, "--write-jsonl", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("wrote ").contains("(ftrace, 812 lines", "as JSON lines");
    assertThat(Files.readAllLines(out).getFirst()).startsWith("{\"format\":\"buddykit-trace\"");
    JsonNode fromFtrace = Json.mapper().readTree(Run.of("replay", FTRACE, "--memory", "8G", "--json").out());
    JsonNode fromJsonl = Json.mapper().readTree(Run.of("replay", out.toString(), "--memory", "8G", "--json").out());
    assertThat(fromJsonl.at("/summary/format").asText()).isEqualTo("jsonl");
    assertThat(fromJsonl.at("/summary/replay")).isEqualTo(fromFtrace.at("/summary/replay"));
    assertThat(fromJsonl.at("/buddyinfo")).isEqualTo(fromFtrace.at("/buddyinfo"));
    // The sample the repository ships is this conversion, so it cannot drift from the readers.
    assertThat(Files.readString(out)).isEqualTo(Files.readString(Path.of(SAMPLE_JSONL)));
  }

  @Test
  void writeJsonlConvertsAnMtracesHeapEvents(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("tar.jsonl");
    assertThat(Run.of("replay", MTRACE, "--write-jsonl", out.toString()).exit()).isZero();
    JsonNode fromMtrace = Json.mapper().readTree(Run.of("replay", MTRACE, "--json").out());
    JsonNode fromJsonl = Json.mapper().readTree(Run.of("replay", out.toString(), "--json").out());
    assertThat(fromJsonl.at("/summary/heap/mallocs").asLong()).isPositive()
        .isEqualTo(fromMtrace.at("/summary/heap/mallocs").asLong());
    assertThat(fromJsonl.at("/summary/heap/reallocs").asLong()).isEqualTo(fromMtrace.at("/summary/heap/reallocs").asLong());
  }

  @Test
  void writeJsonlRefusesADirectoryAndTheTraceItselfInOneLine(@TempDir Path dir) throws Exception {
    Run toDir = Run.of("replay", FTRACE, "--write-jsonl", dir.toString());
    assertThat(toDir.exit()).isEqualTo(2);
    assertThat(toDir.out()).isEmpty();
    assertThat(toDir.err()).isEqualTo("buddykit: --write-jsonl " + dir + ": is a directory\n");
    Path copy = dir.resolve("copy.trace");
    Files.copy(Path.of(FTRACE), copy);
    Run onto = Run.of("replay", copy.toString(), "--write-jsonl", copy.toString());
    assertThat(onto.exit()).isEqualTo(2);
    assertThat(onto.err()).isEqualTo("buddykit: --write-jsonl " + copy + ": is the trace being read\n");
    assertThat(Files.readString(copy)).isEqualTo(Files.readString(Path.of(FTRACE)));
  }

  @Test
  void aRealMtraceReplaysOnAHeap() {
    Run r = Run.of("replay", MTRACE);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("heap buddyinfo (16-byte units)", "Node 0, zone     Heap", "reallocs in place", "peak waste");
  }

  /** Issue 16, defect 12: the text summary reads as rows, never as a Java record's toString. */
  @Test
  void theTextSummaryShowsStatisticsAsRowsNotJavaRecords() {
    for (String file : new String[] {FTRACE, MTRACE}) {
      Run r = Run.of("replay", file, "--memory", "8G");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).as(file).doesNotContain("Stats[", "[J@", "[I@").containsPattern("trace\\.lines +[0-9]+\n");
    }
    assertThat(Run.of("replay", FTRACE, "--memory", "8G").out()).containsPattern("replay\\.allocs +[0-9]+\n");
  }

  @Test
  void aMalformedLineIsAnErrorNamingFileAndLineUnlessSkipped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.trace");
    Files.writeString(f, "# tracer: nop\n  bash-1 [000] ..... 1.000000: mm_page_alloc: page=0 pfn=0x10 order=x migratetype=1 gfp_flags=GFP_KERNEL\n");
    Run r = Run.of("replay", f.toString(), "--format", "ftrace", "--memory", "64M");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad.trace:2:");
    Run skipped = Run.of("replay", f.toString(), "--format", "ftrace", "--memory", "64M", "--skip-bad");
    assertThat(skipped.exit()).isZero();
    assertThat(skipped.out()).containsPattern("trace\\.bad +1\n");
  }

  @Test
  void jsonLinesCarryPageAndHeapEventsThroughPolicyReplay(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.jsonl");
    Files.writeString(f, """
        {"format":"buddykit-trace","version":1}
        {"op":"alloc","pfn":4660,"order":2,"mt":1,"gfp":"0x100cca"}
        {"op":"alloc","pfn":9000,"order":0,"mt":0,"gfp":"0xcc0"}
        {"op":"free","pfn":4660,"order":2}
        {"op":"malloc","addr":"0x55d0c0a2b2a0","size":100}
        {"op":"realloc","old":"0x55d0c0a2b2a0","addr":"0x55d0c0a2c000","size":300}
        """);
    JsonNode j = Json.mapper().readTree(Run.of("replay", f.toString(), "--memory", "64M", "--mode", "policy", "--json").out());
    assertThat(j.at("/summary/format").asText()).isEqualTo("jsonl");
    assertThat(j.at("/summary/replay/allocs").asLong()).isEqualTo(2);
    assertThat(j.at("/summary/replay/frees").asLong()).isEqualTo(1);
    assertThat(j.at("/summary/heap/mallocs").asLong()).isEqualTo(1);
    assertThat(j.at("/summary/heap/liveBytesRequested").asLong()).isEqualTo(300);
    // The heap events are replayed with the page events, on a heap sized from them (the 1 MiB
    // floor), and counted as events of the trace; the one line skipped is the header.
    assertThat(j.at("/summary/heapBytes").asLong()).isEqualTo(1L << 20);
    assertThat(j.at("/summary/trace/events").asLong()).isEqualTo(5);
    assertThat(j.at("/summary/trace/skipped").asLong()).isEqualTo(1);
  }
}
