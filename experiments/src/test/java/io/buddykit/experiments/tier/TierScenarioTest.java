package io.buddykit.experiments.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierScenarioTest {
  private static final Map<String, String> SMALL = Map.of("dramMiB", "2", "nvmMiB", "32", "objects", "512",
      "epochs", "20", "horizonSweep", "4,16");
  private final TierScenario scenario = new TierScenario();

  private Result run(Map<String, String> given) {
    return scenario.run(Params.of(scenario.params(), given));
  }

  @Test
  void defaultsAreTheSeeds() {
    assertThat(scenario.name()).isEqualTo("tier");
    assertThat(Params.of(scenario.params(), Map.of()).asJson())
        .containsEntry("dramNs", 90.0).containsEntry("nvmNs", 300.0).containsEntry("zipf", 1.0);
  }

  @Test
  void measuresEveryPolicyAgainstAllDram() {
    Result r = run(SMALL);
    Map<String, Object> n = r.results();
    assertThat(n.get("allDram.meanAccessNs")).isEqualTo(90.0);
    assertThat(n.get("no-migration.bytesMigrated")).isEqualTo(0L);
    assertThat((long) n.get("always-promote.bytesMigrated")).isPositive();
    assertThat((double) n.get("always-promote.dramShare")).isGreaterThanOrEqualTo((double) n.get("no-migration.dramShare"));
    for (String p : new String[] {"no-migration", "always-promote", "cost-benefit"}) {
      assertThat((double) n.get(p + ".meanAccessNs")).isBetween(90.0, 300.0);
      assertThat((double) n.get(p + ".effectiveAccessNs")).isGreaterThanOrEqualTo((double) n.get(p + ".meanAccessNs"));
    }
    assertThat(((ResultTable) n.get("policies")).rows()).hasSize(3);
    assertThat(((ResultTable) n.get("costBenefitByHorizon")).rows()).hasSize(2);
    assertThat(r.series().get("meanAccessNs").points()).hasSize(20);
    assertThat(r.series().get("meanAccessNs").y()).containsExactly("no-migration", "always-promote", "cost-benefit");
  }

  @Test
  void sameSeedSameResult() {
    Result a = run(SMALL);
    Result b = run(SMALL);
    assertThat(a.results()).isEqualTo(b.results());
    for (String k : a.series().keySet()) {
      assertThat(a.series().get(k).points().toArray(double[][]::new))
          .isDeepEqualTo(b.series().get(k).points().toArray(double[][]::new));
    }
    Map<String, String> other = new java.util.HashMap<>(SMALL);
    other.put("seed", "2");
    assertThat(run(other).results()).isNotEqualTo(a.results());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "dramMiB;0", "nvmMiB;1", "objects;0", "orderWeights;0,0", "orderWeights;1,-1", "zipf;-1", "dramNs;0",
      "nvmNs;50", "copyNsPerPage;-5", "horizonEpochs;0", "hotFactor;0", "accessesPerEpoch;0", "epochs;0",
      "churn;2", "horizonSweep;0", "seed;s"})
  void badParametersAreRefusedByName(String name, String value) {
    assertThatThrownBy(() -> run(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }
}
