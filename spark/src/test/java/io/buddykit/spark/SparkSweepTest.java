package io.buddykit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sweep.Estimate;
import io.buddykit.sweep.ResultsFile;
import io.buddykit.sweep.Summary;
import io.buddykit.sweep.SweepRunner;
import io.buddykit.sweep.SweepSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against the embedded runner on the same specs: the same rows byte for byte once
 * sorted (with the wall time, the one field a run does not fix, cut off), and the same estimates.
 * One session of {@code local[2]} for the class, and tiny specs: Spark's start is most of the time.
 */
class SparkSweepTest {
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("SparkSweepTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SweepSpec spec(String name, String yaml) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, yaml);
    return SweepSpec.read(f);
  }

  /** A line without its {@code millis}, the last member a {@link io.buddykit.sweep.RunRow} writes. */
  private static String timeless(String line) {
    assertThat(line).matches(".*,\"millis\":[0-9]+}");
    return line.replaceFirst(",\"millis\":[0-9]+}$", "}");
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().map(SparkSweepTest::timeless).sorted().toList();
  }

  /** Runs {@code spec} on both engines and checks rows and estimates agree; returns the Spark output's path. */
  private Path bothAgree(SweepSpec spec) throws IOException {
    Path embedded = tmp.resolve("embedded");
    SweepRunner.run(spec, embedded, 2, (done, todo) -> { });
    List<String> expected = sorted(Files.readAllLines(embedded.resolve(ResultsFile.NAME), StandardCharsets.UTF_8));
    Path out = tmp.resolve("spark");
    List<String> collected = SparkSweep.lines(SparkSweep.job(spark, spec, out.toUri().toString()));
    assertThat(sorted(collected)).isEqualTo(expected);
    // What it wrote: the same lines in part files, and as many Parquet rows.
    List<String> written = new ArrayList<>();
    try (var parts = Files.list(out.resolve("results.jsonl"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        written.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    assertThat(sorted(written)).isEqualTo(expected);
    assertThat(spark.read().parquet(out.resolve("results.parquet").toString()).count()).isEqualTo(expected.size());
    // The summary computed in Spark: exactly sweep's Summary, estimate by estimate.
    Summary s = Summary.of(embedded);
    List<Row> rows = spark.read().json(out.resolve("summary.jsonl").toString()).collectAsList();
    int estimates = 0;
    for (Summary.Point p : s.points()) {
      String params = io.buddykit.app.Json.mapper().valueToTree(p.params()).toString();
      for (Map.Entry<String, Estimate> e : p.estimates().entrySet()) {
        Row r = rows.stream().filter(x -> x.getAs("params").equals(params) && x.getAs("metric").equals(e.getKey()))
            .findFirst().orElseThrow(() -> new AssertionError("no estimate of " + e.getKey() + " at " + params));
        Estimate want = e.getValue();
        assertThat(((Number) r.getAs("n")).intValue()).isEqualTo(want.n());
        assertThat((Double) r.getAs("mean")).isEqualTo(want.mean());
        assertThat((Double) r.getAs("sd")).isEqualTo(Double.isNaN(want.sd()) ? null : want.sd());
        assertThat((Double) r.getAs("ci95_low")).isEqualTo(Double.isNaN(want.ciLow()) ? null : want.ciLow());
        assertThat((Double) r.getAs("ci95_high")).isEqualTo(Double.isNaN(want.ciHigh()) ? null : want.ciHigh());
        estimates++;
      }
    }
    assertThat(rows).hasSize(estimates);
    return out;
  }

  @Test
  void aGridGivesTheEmbeddedRunnersRowsAndEstimates() throws IOException {
    // 2 loads x 2 seeds of a short bandwidth run: 4 tasks.
    SweepSpec spec = spec("grid.yaml", """
        scenario: bandwidth
        seeds: [1, 2]
        grid: {load: [8, 24], flows: 300, loads: 8}
        keep: [lowest.blockingProbability, crowded.blockingProbability]
        """);
    Path out = bothAgree(spec);
    assertThatThrownBy(() -> SparkSweep.job(spark, spec, out.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
  }

  @Test
  void anUnknownKeptNameIsRefusedBeforeAnythingIsWritten() throws IOException {
    SweepSpec spec = spec("keep.yaml", """
        scenario: bandwidth
        seeds: [1]
        grid: {load: [8], flows: 300, loads: 8}
        keep: [lowest.blockingProbabilty]
        """);
    Path out = tmp.resolve("keep");
    assertThatThrownBy(() -> SparkSweep.job(spark, spec, out.toString()))
        .isInstanceOf(io.buddykit.sweep.SweepSpecException.class)
        .hasMessageStartingWith("keep: lowest.blockingProbabilty is not a named number of scenario bandwidth");
    assertThat(out).doesNotExist();
  }

  @Test
  void aFleetOfTracesGivesTheEmbeddedRunnersRows() throws IOException {
    Path recordings = Path.of("../trace/src/test/resources").toAbsolutePath().normalize();
    SweepSpec spec = spec("traces.yaml", "traces: [" + recordings.resolve("ftrace/sample.trace") + ", "
        + recordings.resolve("jsonl/sample.jsonl") + "]\nreplay: {memory: 8G}\n");
    bothAgree(spec);
  }

  @Test
  void aFleetOfBlockTracesGivesTheEmbeddedRunnersRows() throws IOException {
    Path block = Path.of("../trace/src/test/resources/io/buddykit/trace/block").toAbsolutePath().normalize();
    SweepSpec spec = spec("block.yaml", "traces: [" + block.resolve("msr-sample.csv") + ", "
        + block.resolve("disksim-sample.trace") + "]\nflash: {blocks: 64, pages-per-block: 16, op: 0.25}\n");
    bothAgree(spec);
  }

  @Test
  void theCommandFindsTheEngineByItsName() {
    assertThat(ServiceLoader.load(io.buddykit.sweep.SweepEngine.class).stream().map(p -> p.get().name()))
        .contains("spark");
  }
}
