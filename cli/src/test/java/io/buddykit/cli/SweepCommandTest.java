package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
  @TempDir Path tmp;

  private Path spec(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private Path bandwidth() throws IOException {
    return spec("bw.yaml", """
        scenario: bandwidth
        seeds: [1, 2, 3]
        grid:
          load: [8, 24]
          flows: [500]
          loads: 8
        keep: [lowest.blockingProbability, crowded.blockingProbability]
        """);
  }

  @Test
  void eachRowHoldsTheResultsOfScenarioRun() throws IOException {
    Path out = tmp.resolve("out");
    Run r = Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "--threads", "2", "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep bandwidth: 6 runs (2 points x 3 seeds); 0 already in results.jsonl, 6 run now");
    List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
    assertThat(lines).hasSize(6);
    for (String line : lines) {
      JsonNode row = Json.mapper().readTree(line);
      Run one = Run.of("scenario", "run", "bandwidth", "-p", "load=" + row.get("params").get("load").asText(),
          "-p", "flows=500", "-p", "loads=8", "-p", "seed=" + row.get("seed").asLong(), "--json");
      assertThat(row.get("results").toString())
          .isEqualTo(Json.mapper().readTree(one.out()).get("results").toString());
    }
    JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("points")).hasSize(2);
    assertThat(summary.get("metrics").toString())
        .isEqualTo("[\"lowest.blockingProbability\",\"crowded.blockingProbability\"]");
    assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(1 + 2 * 2);
    assertThat(Files.readString(out.resolve("index.html"))).contains("data-metric=\"lowest.blockingProbability\"");

    Run again = Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "-q");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("6 already in results.jsonl, 0 run now");
    assertThat(Files.readAllLines(out.resolve("results.jsonl"))).isEqualTo(lines);
  }

  @Test
  void helpSaysWhatASpecHolds() {
    Run r = Run.of("sweep", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("95% confidence intervals").contains("grid: {PARAM: [VALUE, ...], ...}");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void reportRebuildsSummaryAndPage() throws IOException {
    Path out = tmp.resolve("rep");
    assertThat(Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "-q").exit()).isZero();
    String csv = Files.readString(out.resolve("summary.csv"));
    Files.delete(out.resolve("summary.csv"));
    Files.delete(out.resolve("summary.json"));
    Files.delete(out.resolve("index.html"));
    Run r = Run.of("sweep", "report", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("summary.csv"))).isEqualTo(csv);
    assertThat(out.resolve("summary.json")).exists();
    assertThat(out.resolve("index.html")).exists();
  }

  @Test
  void badInputIsOneLineAndExitTwoBeforeAnyRun() throws IOException {
    Path out = tmp.resolve("bad");
    String[][] cases = {
      {"scenario: bandwidth\nseeds: [1]\ngrid: {lod: [8]}\n", "grid.lod: scenario bandwidth has no parameter 'lod'"},
      {"scenario: bandwidth\nseeds: [1]\ngrid: {load: [0]}\n", "grid.load[0]: parameter load=0: must be"},
      {"scenario: nosuch\nseeds: [1]\ngrid: {load: [8]}\n", "scenario: no scenario 'nosuch'"},
      {"scenario: bandwidth\nseeds: [1]\ngrid: {}\n", "grid: empty"},
      {"scenario: bandwidth\nseeds: [1\n", "bad.yaml:"},
    };
    for (String[] c : cases) {
      Path f = spec("bad.yaml", c[0]);
      Run r = Run.of("sweep", f.toString(), "--out", out.toString());
      assertThat(r.exit()).as(c[0]).isEqualTo(2);
      assertThat(r.err()).startsWith("buddykit: " + f + (c[1].startsWith("bad.yaml") ? "" : ": " + c[1]));
      assertThat(r.err().lines()).hasSize(1);
      assertThat(out).doesNotExist();
    }
    assertThat(Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "--threads", "0").err())
        .isEqualTo("buddykit: --threads 0: must be at least 1\n");
    assertThat(Run.of("sweep", "--out", out.toString()).exit()).isEqualTo(2);
    assertThat(Run.of("sweep", bandwidth().toString()).err()).startsWith("buddykit: Missing required option: '--out=DIR'");
    assertThat(Run.of("sweep", tmp.resolve("none.yaml").toString(), "--out", out.toString()).err())
        .startsWith("buddykit: SPEC " + tmp.resolve("none.yaml") + ": no such file");
    Run notSweep = Run.of("sweep", "report", tmp.toString());
    assertThat(notSweep.exit()).isEqualTo(2);
    assertThat(notSweep.err()).contains("no spec.json here");
    assertThat(out).doesNotExist();
  }

  @Test
  void sparkWithoutTheSparkModulesBuildIsOneLineSayingHowToBuildIt() throws IOException {
    Path out = tmp.resolve("spark-out");
    String before = System.getProperty("buddykit.home");
    System.setProperty("buddykit.home", tmp.toString());
    try {
      Run r = Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "--engine", "spark");
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).startsWith("buddykit: --engine spark: the spark module is not built (no "
          + tmp.resolve("spark/target/buddykit-spark.jar") + "); build it with `mvn -B -q package -pl spark -am");
      assertThat(r.err().lines()).hasSize(1);
    } finally {
      if (before == null) {
        System.clearProperty("buddykit.home");
      } else {
        System.setProperty("buddykit.home", before);
      }
    }
    assertThat(Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "--engine", "flink").err())
        .isEqualTo("buddykit: --engine must be embedded or spark, not flink\n");
    assertThat(Run.of("sweep", bandwidth().toString(), "--out", out.toString(), "--master", "local[2]").err())
        .isEqualTo("buddykit: --master local[2]: only with --engine spark\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aTracesSpecReplaysEachTraceOnce() throws IOException {
    Path recordings = Path.of("../trace/src/test/resources").toAbsolutePath().normalize();
    Path f = spec("traces.yaml", "traces: [" + recordings.resolve("ftrace/sample.trace") + ", "
        + recordings.resolve("mtrace/tar.mtrace") + "]\nreplay: {memory: 64M}\n");
    Path out = tmp.resolve("traces-out");
    Run r = Run.of("sweep", f.toString(), "--out", out.toString(), "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep replay: 2 runs (one replay run per trace); 0 already in results.jsonl, 2 run now");
    List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
    assertThat(lines).hasSize(2);
    // The mtrace row holds the numbers `buddykit replay FILE --memory 64M --json` prints in its summary.
    JsonNode mtrace = lines.stream().map(l -> {
      try {
        return Json.mapper().readTree(l);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).filter(n -> n.get("params").get("trace").asText().endsWith("tar.mtrace")).findFirst().orElseThrow();
    Run one = Run.of("replay", recordings.resolve("mtrace/tar.mtrace").toString(), "--memory", "64M", "--json");
    JsonNode summary = Json.mapper().readTree(one.out()).get("summary");
    assertThat(mtrace.get("results").get("heap.mallocs").asLong()).isEqualTo(summary.get("heap").get("mallocs").asLong());
    assertThat(mtrace.get("results").get("trace.events").asLong()).isEqualTo(summary.get("trace").get("events").asLong());
    assertThat(mtrace.get("results").get("peakWaste").asDouble()).isEqualTo(summary.get("peakWaste").asDouble());
  }

  @Test
  void aTracesSpecOfBlockTracesHasTheRowsFlashPrints() throws IOException {
    Path block = Path.of("../trace/src/test/resources/io/buddykit/trace/block").toAbsolutePath().normalize();
    Path f = spec("block.yaml", "traces: [" + block.resolve("msr-sample.csv") + ", "
        + block.resolve("disksim-sample.trace") + "]\nflash: {blocks: 64, pages-per-block: 16, op: 0.25,"
        + " wear-threshold: 4}\n");
    Path out = tmp.resolve("block-out");
    Run r = Run.of("sweep", f.toString(), "--out", out.toString(), "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep flash: 2 runs (one flash run per trace)");
    List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode row = Json.mapper().readTree(line);
      String trace = row.get("params").get("trace").asText();
      Run one = Run.of("flash", "--trace", trace, "--format", trace.endsWith(".csv") ? "msr" : "disksim",
          "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--wear-threshold", "4", "--json");
      assertThat(one.exit()).as(one.err()).isZero();
      assertThat(row.get("results")).isEqualTo(Json.mapper().readTree(one.out()));
    }
  }

  @Test
  void aBadFlashOptionIsOneLineNamingTheKey() throws IOException {
    Path block = Path.of("../trace/src/test/resources/io/buddykit/trace/block").toAbsolutePath().normalize();
    Path f = spec("bad.yaml", "traces: " + block.resolve("msr-sample.csv") + "\nflash: {op: lots}\n");
    Run r = Run.of("sweep", f.toString(), "--out", tmp.resolve("bad-out").toString(), "-q");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("buddykit: " + f + ": flash.op: must be a fraction such as 0.07, not lots\n");
    assertThat(tmp.resolve("bad-out")).doesNotExist();
  }
}
