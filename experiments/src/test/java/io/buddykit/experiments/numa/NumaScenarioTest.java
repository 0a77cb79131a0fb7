package io.buddykit.experiments.numa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumaScenarioTest {
  private static final List<String> POLICIES =
      List.of("local-first", "interleave", "protect-high-orders", "protect-when-scarce");
  private static final Map<String, String> SMALL = Map.of("memoryMiB", "128", "steps", "25", "accessesPerStep", "400");

  private final NumaScenario scenario = new NumaScenario();

  private Result run(Map<String, String> given) {
    return scenario.run(Params.of(scenario.params(), given));
  }

  @Test
  void nameAndDefaults() {
    assertThat(scenario.name()).isEqualTo("numa");
    assertThat(Params.of(scenario.params(), Map.of()).asJson())
        .containsEntry("remoteDistance", 21).containsEntry("localNs", 80.0).containsEntry("protectOrder", 9)
        .containsEntry("nodes", 2).containsEntry("seed", 1L);
  }

  @Test
  void everyPolicyIsMeasuredAndTheLatencyFollowsTheModel() {
    Result r = run(SMALL);
    Map<String, Object> n = r.results();
    assertThat(n.get("model.localNs")).isEqualTo(80.0);
    assertThat(n.get("model.remoteNs")).isEqualTo(168.0);
    for (String p : POLICIES) {
      double share = (double) n.get(p + ".localAccessShare");
      // two nodes: every access costs 80 or 168 ns, so the mean is fixed by the local share
      assertThat((double) n.get(p + ".meanLatencyNs")).as(p).isCloseTo(80 * share + 168 * (1 - share), within(1e-9));
      assertThat((long) n.get(p + ".hugeFaults")).as(p).isPositive();
    }
    assertThat((double) n.get("interleave.localAccessShare")).isBetween(0.4, 0.6);
    assertThat((double) n.get("local-first.localAccessShare")).isGreaterThan((double) n.get("interleave.localAccessShare"));
    assertThat((long) n.get("protect-high-orders.sentRemote")).isPositive();
    assertThat((long) n.get("local-first.sentRemote")).isZero();
    assertThat(((ResultTable) n.get("policies")).rows()).hasSize(4);
    assertThat(((ResultTable) n.get("nodes")).rows()).hasSize(8);
    for (String name : List.of("meanLatencyNs", "freeHugeBlocks", "localHugePageShare")) {
      Series s = r.series().get(name);
      assertThat(s.y()).containsExactlyElementsOf(POLICIES);
      assertThat(s.points()).hasSize(25);
    }
  }

  @Test
  void sameSeedSameResultOtherSeedOtherResult() {
    Result a = run(SMALL);
    Result b = run(SMALL);
    assertThat(a.results()).isEqualTo(b.results());
    for (String k : a.series().keySet()) {
      assertThat(a.series().get(k).points().toArray(double[][]::new))
          .isDeepEqualTo(b.series().get(k).points().toArray(double[][]::new));
    }
    Result c = run(Map.of("memoryMiB", "128", "steps", "25", "accessesPerStep", "400", "seed", "2"));
    assertThat(c.results()).isNotEqualTo(a.results());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "memoryMiB;16", "nodes;1", "nodes;9", "remoteDistance;10", "threadsPerNode;0", "localNs;0",
      "occupancy;0", "occupancy;0.5,0.5,0.5", "churn;1.5", "hugeShare;1", "protectOrder;11", "scarce;-1",
      "accessesPerStep;0", "steps;0", "seed;x", "occupancy;lots"})
  void badParametersAreRefusedByName(String name, String value) {
    assertThatThrownBy(() -> run(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }
}
