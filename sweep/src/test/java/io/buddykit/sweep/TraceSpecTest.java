package io.buddykit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.FlashReplay;
import io.buddykit.app.TraceReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code traces:} kind: matching, the checks made before anything runs, and a row per trace. */
class TraceSpecTest {
  /** The trace module's recordings, from this module's directory (where Maven runs its tests). */
  private static final Path RECORDINGS = Path.of("../trace/src/test/resources").toAbsolutePath().normalize();

  @TempDir Path dir;

  private static final String MTRACE = """
      = Start
      @ ./a.out:[0x1] + 0x1000 0x20
      @ ./a.out:[0x2] + 0x2000 0x100
      @ ./a.out:[0x3] - 0x1000
      = End
      """;

  private SweepSpec read(String yaml) throws IOException {
    Path f = dir.resolve("spec.yaml");
    Files.writeString(f, yaml);
    return SweepSpec.read(f);
  }

  private String refusal(String yaml) {
    Throwable t = catchThrowable(() -> read(yaml));
    assertThat(t).isInstanceOf(SweepSpecException.class);
    return t.getMessage();
  }

  @Test
  void aGlobMatchesInTheSpecsDirectoryAndTheOptionsAreKeptAsText() throws IOException {
    Files.createDirectories(dir.resolve("rec"));
    Files.writeString(dir.resolve("rec/b.mtrace"), MTRACE);
    Files.writeString(dir.resolve("rec/a.mtrace"), MTRACE);
    Files.writeString(dir.resolve("rec/notes.txt"), "not a trace\n");
    SweepSpec s = read("""
        traces: rec/*.mtrace
        replay: {memory: 64M, unit: 16}
        """);
    assertThat(s.traces()).isTrue();
    assertThat(s.scenario()).isEqualTo("replay");
    assertThat(s.seeds()).containsExactly(0L);
    assertThat(s.grid().get("trace")).containsExactly(dir.resolve("rec/a.mtrace").toString(),
        dir.resolve("rec/b.mtrace").toString());
    assertThat(s.replay()).isEqualTo(Map.of("memory", "64M", "unit", "16"));
    assertThat(s.runs()).hasSize(2);
    // spec.json holds absolute paths, so the spec reads back the same from a sweep's directory.
    assertThat(SweepSpec.parse(dir.resolve("out/spec.json").toString(),
        io.buddykit.app.Json.mapper().valueToTree(s.asJson()))).isEqualTo(s);
  }

  @Test
  void badSpecsAreRefusedNamingTheKey() throws IOException {
    Files.writeString(dir.resolve("x.mtrace"), MTRACE);
    Files.writeString(dir.resolve("notes.txt"), "hello\n");
    assertThat(refusal("traces: nothing/*.trace\n")).contains("spec.yaml: traces: no file matches nothing/*.trace");
    assertThat(refusal("traces: [x.mtrace, none.trace]\n")).contains("traces[1]: no file matches none.trace");
    assertThat(refusal("traces: x.mtrace\nreplay: {memroy: 8G}\n"))
        .contains("replay.memroy: unknown replay option (known: format, memory,");
    assertThat(refusal("traces: x.mtrace\nreplay: {mode: guess}\n"))
        .contains("replay.mode: must be recorded or policy, not guess");
    assertThat(refusal("traces: x.mtrace\nreplay: {memory: lots}\n")).contains("replay.memory: ");
    assertThat(refusal("traces: notes.txt\n")).contains("traces: ").contains("notes.txt: cannot tell the trace"
        + " format");
    assertThat(refusal("traces: x.mtrace\nseeds: [1, 2]\n")).contains("seeds: a traces sweep runs each trace once");
    assertThat(refusal("traces: x.mtrace\nwhat: 1\n")).contains("what: unknown key (known: traces, replay, flash, keep)");
    assertThat(refusal("traces: []\n")).contains("traces: empty");
    assertThat(refusal("traces: '*/x.mtrace'\n")).contains("wildcards only in the file name");
  }

  @Test
  void aRowPerTraceHoldsTheReplaysNumbers() throws IOException {
    Files.writeString(dir.resolve("spec.yaml"), "traces: [" + RECORDINGS.resolve("ftrace/sample.trace") + ", "
        + RECORDINGS.resolve("jsonl/sample.jsonl") + "]\nreplay: {memory: 8G}\n");
    SweepSpec s = SweepSpec.read(dir.resolve("spec.yaml"));
    Path out = dir.resolve("out");
    SweepRunner.Outcome o = SweepRunner.run(s, out, 2, (done, todo) -> { });
    assertThat(o).isEqualTo(new SweepRunner.Outcome(2, 0, 2));
    List<JsonNode> rows = SweepRunner.rows(out);
    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      String trace = row.get("params").get("trace").asText();
      Map<String, Object> direct = TraceReplay.numbers(TraceReplay.run(Path.of(trace),
          TraceReplay.Options.parse("", Map.of("memory", "8G")), null));
      assertThat(row.get("results").toString())
          .isEqualTo(io.buddykit.app.Json.mapper().valueToTree(direct).toString());
      assertThat(row.get("scenario").asText()).isEqualTo("replay");
      assertThat(row.get("seed").asLong()).isZero();
    }
    JsonNode ftrace = rows.stream().filter(r -> r.get("params").get("trace").asText().endsWith(".trace"))
        .findFirst().orElseThrow().get("results");
    // The replay command's golden output for this recording at 8G has 615 events, 384 allocations and 160 frees.
    assertThat(ftrace.get("trace.events").asLong()).isEqualTo(615);
    assertThat(ftrace.get("replay.allocs").asLong()).isEqualTo(384);
    assertThat(ftrace.get("replay.frees").asLong()).isEqualTo(160);
    assertThat(ftrace.get("unusableIndex.pageblock").asInt()).isBetween(0, 1000);
    JsonNode jsonl = rows.stream().filter(r -> r.get("params").get("trace").asText().endsWith(".jsonl"))
        .findFirst().orElseThrow().get("results");
    assertThat(jsonl.get("trace.events").asLong()).isPositive();
    assertThat(jsonl.get("freePages").asLong()).isPositive();
    Summary summary = Summary.of(out);
    assertThat(summary.points()).hasSize(2);
    assertThat(summary.points().getFirst().estimates().get("trace.events").n()).isEqualTo(1);
  }

  private static final Path MSR = RECORDINGS.resolve("io/buddykit/trace/block/msr-sample.csv");
  private static final Path DISKSIM = RECORDINGS.resolve("io/buddykit/trace/block/disksim-sample.trace");

  @Test
  void blockTracesRunOnTheFlashDeviceARowPerTraceWithTheFlashRunsNumbers() throws IOException {
    Files.writeString(dir.resolve("spec.yaml"), "traces: [" + MSR + ", " + DISKSIM + "]\n"
        + "flash: {blocks: 64, pages-per-block: 16, op: 0.25, gc: cost-benefit}\n");
    SweepSpec s = SweepSpec.read(dir.resolve("spec.yaml"));
    assertThat(s.scenario()).isEqualTo("flash");
    assertThat(SweepSpec.parse("spec.json", io.buddykit.app.Json.mapper().valueToTree(s.asJson()))).isEqualTo(s);
    Path out = dir.resolve("out");
    assertThat(SweepRunner.run(s, out, 2, (done, todo) -> { })).isEqualTo(new SweepRunner.Outcome(2, 0, 2));
    List<JsonNode> rows = SweepRunner.rows(out);
    FlashReplay.Options options = FlashReplay.Options.parse("",
        Map.of("blocks", "64", "pages-per-block", "16", "op", "0.25", "gc", "cost-benefit"));
    for (JsonNode row : rows) {
      Path trace = Path.of(row.get("params").get("trace").asText());
      assertThat(row.get("scenario").asText()).isEqualTo("flash");
      assertThat(row.get("results").toString())
          .isEqualTo(io.buddykit.app.Json.mapper().valueToTree(FlashReplay.replay(trace, options)).toString());
    }
    // By hand, at 8 KiB pages: the MSR sample's two writes (4 KiB at 3716632576, 1 KiB at 512) touch one
    // page each; DiskSim's writes (even flags) are 16 sectors at lba 2048 (one page) and 256 sectors at
    // lba 2^32 (byte 2^41, page-aligned: 16 pages). hostWrites counts the fill of every logical page first.
    JsonNode msr = result(rows, ".csv");
    assertThat(msr.get("traceRequests").asLong()).isEqualTo(4);
    assertThat(msr.get("hostWrites").asLong()).isEqualTo(msr.get("initialFillWrites").asLong() + 2);
    JsonNode disksim = result(rows, ".trace");
    assertThat(disksim.get("traceRequests").asLong()).isEqualTo(5);
    assertThat(disksim.get("hostWrites").asLong()).isEqualTo(disksim.get("initialFillWrites").asLong() + 17);
    assertThat(disksim.get("lostPages").asLong()).isZero();
  }

  private static JsonNode result(List<JsonNode> rows, String suffix) {
    return rows.stream().filter(r -> r.get("params").get("trace").asText().endsWith(suffix)).findFirst()
        .orElseThrow().get("results");
  }

  @Test
  void badBlockTraceSpecsAreRefusedNamingTheKey() throws IOException {
    Files.writeString(dir.resolve("x.mtrace"), MTRACE);
    Files.copy(MSR, dir.resolve("a.csv"));
    assertThat(refusal("traces: a.csv\nflash: {blokcs: 64}\n"))
        .contains("spec.yaml: flash.blokcs: unknown flash option (known: blocks, pages-per-block,");
    assertThat(refusal("traces: a.csv\nflash: {op: 0.9}\n")).contains("spec.yaml: flash.op: must be in [0.02, 0.5]");
    assertThat(refusal("traces: a.csv\nflash: {gc: lru}\n")).contains("flash.gc: unknown GC policy 'lru'");
    assertThat(refusal("traces: a.csv\nflash: {blocks: 100}\n")).contains("flash.blocks 100 ");
    assertThat(refusal("traces: a.csv\nflash: {format: blk}\n")).contains("flash.format: unknown trace format");
    assertThat(refusal("traces: [x.mtrace, a.csv]\n")).contains("spec.yaml: traces: ").contains("x.mtrace is a memory"
        + " trace and ").contains("a.csv a block trace");
    assertThat(refusal("traces: a.csv\nreplay: {memory: 8G}\n")).contains("spec.yaml: replay: the traces are block");
    assertThat(refusal("traces: x.mtrace\nflash: {gc: greedy}\n")).contains("spec.yaml: flash: the traces are memory");
    assertThat(refusal("traces: a.csv\nreplay: {}\nflash: {}\n")).contains("spec.yaml: flash: replay options are");
  }
}
