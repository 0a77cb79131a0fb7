package io.buddykit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
  @TempDir Path tmp;

  /** 2 loads x 2 rate mixes x 3 seeds = 12 short bandwidth runs. */
  private SweepSpec spec() throws IOException {
    Path f = tmp.resolve("spec.yaml");
    Files.writeString(f, """
        scenario: bandwidth
        seeds: {from: 1, count: 3}
        grid:
          load: [8, 24]
          rates: [[3, 10, 25], [50, 100]]
          flows: 400
          loads: 8
        """);
    return SweepSpec.read(f);
  }

  /** The rows without their wall time, sorted: what must not depend on the engine or the order. */
  static List<String> rows(Path dir) throws IOException {
    return SweepRunner.rows(dir).stream().map(r -> {
      ObjectNode o = ((ObjectNode) r).deepCopy();
      assertThat(o.remove("millis")).isNotNull();
      return o.toString();
    }).sorted().toList();
  }

  @Test
  void aRowHoldsWhatTheScenarioGives() throws IOException {
    SweepSpec spec = spec();
    SweepRunner.Outcome o = SweepRunner.run(spec, tmp.resolve("out"), 2, (d, t) -> { });
    assertThat(o).isEqualTo(new SweepRunner.Outcome(12, 0, 12));
    List<JsonNode> rows = SweepRunner.rows(tmp.resolve("out"));
    assertThat(rows).hasSize(12);
    JsonNode row = rows.stream().filter(r -> r.get("seed").asLong() == 2
        && r.get("params").get("load").asDouble() == 24 && r.get("params").get("rates").size() == 2).findFirst()
        .orElseThrow();
    assertThat(row.get("scenario").asText()).isEqualTo("bandwidth");
    assertThat(row.get("params").toString())
        .isEqualTo("{\"load\":24.0,\"rates\":[50,100],\"flows\":400,\"loads\":[8.0]}");
    Scenario s = Catalogue.require("bandwidth");
    var expected = s.run(Params.of(s.params(), Map.of("load", "24", "rates", "50,100", "flows", "400",
        "loads", "8", "seed", "2")));
    // Byte for byte: the results member of `scenario run bandwidth -p ... --json`, written on one line.
    assertThat(row.get("results").toString()).isEqualTo(Json.mapper().valueToTree(expected.results()).toString());
    assertThat(row.get("millis").isIntegralNumber()).isTrue();
  }

  @Test
  void threadsAndRepeatsGiveTheSameRows() throws IOException {
    SweepSpec spec = spec();
    SweepRunner.run(spec, tmp.resolve("one"), 1, (d, t) -> { });
    SweepRunner.run(spec, tmp.resolve("two"), 2, (d, t) -> { });
    SweepRunner.run(spec, tmp.resolve("again"), 2, (d, t) -> { });
    assertThat(rows(tmp.resolve("two"))).hasSize(12).isEqualTo(rows(tmp.resolve("one")))
        .isEqualTo(rows(tmp.resolve("again")));
  }

  @Test
  void anInterruptedSweepResumesToTheSameRows() throws IOException {
    SweepSpec spec = spec();
    Path whole = tmp.resolve("whole");
    SweepRunner.run(spec, whole, 2, (d, t) -> { });
    // Interrupted: five whole rows, then half of the sixth, as a kill during a write leaves it.
    Path cut = tmp.resolve("cut");
    Files.createDirectories(cut);
    Files.copy(whole.resolve(SweepRunner.SPEC), cut.resolve(SweepRunner.SPEC));
    List<String> lines = Files.readAllLines(whole.resolve(ResultsFile.NAME));
    String half = lines.get(5).substring(0, lines.get(5).length() / 2);
    Files.writeString(cut.resolve(ResultsFile.NAME), String.join("\n", lines.subList(0, 5)) + "\n" + half,
        StandardCharsets.UTF_8);
    SweepRunner.Outcome o = SweepRunner.run(spec, cut, 2, (d, t) -> { });
    assertThat(o).isEqualTo(new SweepRunner.Outcome(12, 5, 7));
    assertThat(rows(cut)).isEqualTo(rows(whole));
    assertThat(SweepRunner.run(spec, cut, 2, (d, t) -> { })).isEqualTo(new SweepRunner.Outcome(12, 12, 0));
  }

  @Test
  void progressCountsEveryRun() throws IOException {
    int[] last = new int[2];
    SweepRunner.run(spec(), tmp.resolve("p"), 2, (d, t) -> {
      last[0] = d;
      last[1] = t;
    });
    assertThat(last).containsExactly(12, 12);
  }

  @Test
  void anotherSpecInTheSameDirectoryIsRefused() throws IOException {
    SweepRunner.run(spec(), tmp.resolve("d"), 1, (d, t) -> { });
    Path f = tmp.resolve("other.yaml");
    Files.writeString(f, "scenario: bandwidth\nseeds: [1]\ngrid: {flows: 300, loads: 8}\n");
    assertThatThrownBy(() -> SweepRunner.run(SweepSpec.read(f), tmp.resolve("d"), 1, (d, t) -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds another sweep");
  }

  @Test
  void anUnknownKeptNameIsRefusedAtTheFirstRun() throws IOException {
    Path f = tmp.resolve("keep.yaml");
    Files.writeString(f, "scenario: bandwidth\nseeds: [1, 2]\ngrid: {flows: 300, loads: 8}\nkeep: [nosuch]\n");
    assertThatThrownBy(() -> SweepRunner.run(SweepSpec.read(f), tmp.resolve("k"), 1, (d, t) -> { }))
        .isInstanceOf(SweepSpecException.class)
        .hasMessageStartingWith("keep: nosuch is not a named number of scenario bandwidth");
  }

  @Test
  void theSummaryHasAnEstimatePerPointAndMetric() throws IOException {
    SweepSpec spec = spec();
    Path out = tmp.resolve("s");
    SweepRunner.run(spec, out, 2, (d, t) -> { });
    Summary s = Summary.of(out);
    assertThat(s.runs()).isEqualTo(12);
    assertThat(s.points()).hasSize(4);
    assertThat(s.metrics()).contains("lowest.blockingProbability", "crowded.utilisation");
    // By hand from the rows: the three seeds of the first point.
    double[] v = SweepRunner.rows(out).stream()
        .filter(r -> r.get("params").get("load").asDouble() == 8 && r.get("params").get("rates").size() == 3)
        .mapToDouble(r -> r.get("results").get("lowest.utilisation").asDouble()).toArray();
    Estimate e = s.points().getFirst().estimates().get("lowest.utilisation");
    assertThat(e.n()).isEqualTo(3);
    assertThat(e.mean()).isCloseTo((v[0] + v[1] + v[2]) / 3, org.assertj.core.api.Assertions.within(1e-12));
    s.write(out);
    List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(csv.getFirst()).isEqualTo("load,rates,flows,loads,metric,n,mean,sd,ci95_low,ci95_high");
    assertThat(csv.get(1)).startsWith("8,\"3,10,25\",400,8,lowest.offered,3,400.0,0.0,400.0,400.0");
    JsonNode json = Json.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(json.get("points").get(0).get("metrics").get("lowest.utilisation").get("ci95").size()).isEqualTo(2);
  }
}
