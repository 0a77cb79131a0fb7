package io.buddykit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
  @TempDir Path dir;

  private SweepSpec read(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return SweepSpec.read(f);
  }

  private String refusal(String yaml) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> read("s.yaml", yaml));
    assertThat(t).isInstanceOf(SweepSpecException.class);
    return t.getMessage();
  }

  @Test
  void yamlAndJsonReadTheSame() throws IOException {
    SweepSpec yaml = read("s.yaml", """
        scenario: bandwidth
        seeds: [1, 2, 3]
        grid:
          load: [8, 24]
          flows: [5000]
        keep: [lowest.blockingProbability, crowded.blockingProbability]
        """);
    SweepSpec json = read("s.json", """
        {"scenario":"bandwidth","seeds":[1,2,3],"grid":{"load":[8,24],"flows":[5000]},
         "keep":["lowest.blockingProbability","crowded.blockingProbability"]}
        """);
    assertThat(yaml).isEqualTo(json);
    assertThat(yaml.grid()).isEqualTo(Map.of("load", List.of("8", "24"), "flows", List.of("5000")));
    assertThat(yaml.runs()).hasSize(6);
    assertThat(yaml.points()).containsExactly(Map.of("load", "8", "flows", "5000"),
        Map.of("load", "24", "flows", "5000"));
    assertThat(yaml.paramsJson(yaml.runs().getFirst())).isEqualTo(Map.of("load", 8.0, "flows", 5000L));
  }

  @Test
  void seedsFromCountAndListParameters() throws IOException {
    SweepSpec s = read("s.yaml", """
        scenario: bandwidth
        seeds: {from: 5, count: 4}
        grid: {rates: [[3, 10], [25]], flows: 100}
        """);
    assertThat(s.seeds()).containsExactly(5L, 6L, 7L, 8L);
    assertThat(s.grid().get("rates")).containsExactly("3,10", "25");
    assertThat(s.grid().get("flows")).containsExactly("100");
    assertThat(s.keep()).isEmpty();
  }

  @Test
  void badSpecsNameTheKey() {
    String ok = "seeds: [1]\ngrid: {load: [8]}\n";
    assertThat(refusal("scenario: nosuch\n" + ok))
        .startsWith(dir.resolve("s.yaml") + ": scenario: no scenario 'nosuch'");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {lod: [8]}\n"))
        .contains(": grid.lod: scenario bandwidth has no parameter 'lod'");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {load: [8, -3]}\n"))
        .contains(": grid.load[1]: parameter load=-3: must be a number");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {}\n")).contains(": grid: empty");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\n")).contains(": grid: missing");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {load: []}\n")).contains(": grid.load: no values");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {seed: [1, 2]}\n")).contains(": grid.seed:");
    assertThat(refusal("scenario: bandwidth\nseeds: []\ngrid: {load: [8]}\n")).contains(": seeds: empty");
    assertThat(refusal("scenario: bandwidth\nseeds: [1, 1]\ngrid: {load: [8]}\n"))
        .contains(": seeds: a seed is listed twice");
    assertThat(refusal("scenario: bandwidth\nseeds: {from: 1, count: 0}\ngrid: {load: [8]}\n"))
        .contains(": seeds.count: must be at least 1");
    assertThat(refusal("scenario: bandwidth\nseeds: [1.5]\ngrid: {load: [8]}\n"))
        .contains(": seeds[0]: must be a whole number");
    assertThat(refusal("scenario: bandwidth\n" + ok + "keep: []\n")).contains(": keep: must be a non-empty list");
    assertThat(refusal("scenario: bandwidth\n" + ok + "grdi: 1\n")).contains(": grdi: unknown key");
    assertThat(refusal("scenario: bandwidth\nseeds: [1]\ngrid: {load: [8, 8]}\n"))
        .contains(": grid.load[1]: the value 8 is listed twice");
    String loads = String.join(", ", java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(Integer::toString)
        .toList());
    assertThat(refusal("scenario: bandwidth\nseeds: {from: 1, count: 100000}\ngrid: {load: [" + loads + "]}\n"))
        .contains(": grid: more than 10000000 runs");
  }

  @Test
  void syntaxErrorsNameTheLine() {
    assertThat(refusal("scenario: bandwidth\nseeds: [1\ngrid: {load: [8]}\n")).matches(".*s\\.yaml:[0-9]+: .*");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> SweepSpec.read(dir.resolve("none.yaml")))
        .isInstanceOf(SweepSpecException.class).hasMessageEndingWith("none.yaml: no such file");
  }
}
