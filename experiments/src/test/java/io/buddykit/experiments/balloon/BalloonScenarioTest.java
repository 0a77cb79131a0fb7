package io.buddykit.experiments.balloon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BalloonScenarioTest {
  private static final Map<String, String> SMALL = Map.of("guestMiB", "32", "trials", "4");
  private final BalloonScenario scenario = new BalloonScenario();

  private Result run(Map<String, String> given) {
    return scenario.run(Params.of(scenario.params(), given));
  }

  @Test
  void everyStrategyIsMeasured() {
    assertThat(scenario.name()).isEqualTo("balloon");
    Result r = run(SMALL);
    Map<String, Object> n = r.results();
    assertThat(n.get("targeted.successes")).isEqualTo(4L);
    assertThat((double) n.get("targeted.meanPages")).isLessThanOrEqualTo((double) n.get("random.meanPages"));
    assertThat(((ResultTable) n.get("strategies")).rows()).hasSize(3);
    assertThat(r.series().get("pagesPerTrial").points()).hasSize(4);
  }

  @Test
  void sameSeedSameResult() {
    Result a = run(SMALL);
    Result b = run(SMALL);
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.series().get("pagesPerTrial").points().toArray(double[][]::new))
        .isDeepEqualTo(b.series().get("pagesPerTrial").points().toArray(double[][]::new));
    assertThat(run(Map.of("guestMiB", "32", "trials", "4", "seed", "9")).results()).isNotEqualTo(a.results());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"guestMiB;8", "guestMiB;30", "trials;0", "agingSteps;0", "seed;x", "trials;many"})
  void badParametersAreRefusedByName(String name, String value) {
    assertThatThrownBy(() -> run(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }
}
