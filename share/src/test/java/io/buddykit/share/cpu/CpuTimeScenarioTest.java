package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuTimeScenarioTest {
  private final CpuTimeScenario scenario = new CpuTimeScenario();

  private Result run(Map<String, String> given) {
    return scenario.run(Params.of(scenario.params(), given));
  }

  private static final Map<String, String> SMALL = Map.of("frames", "200", "setsPerDensity", "20");

  @Test
  void nameAndParams() {
    assertThat(scenario.name()).isEqualTo("cputime");
    assertThat(scenario.description()).doesNotContain("\n");
    assertThat(scenario.params()).extracting(p -> p.name()).contains(
        "frameMs", "frames", "seed", "tasks", "oneOffs", "policy", "setsPerDensity");
    assertThat(Params.of(scenario.params(), Map.of()).asJson())
        .containsEntry("frameMs", 16.0).containsEntry("frames", 1000L).containsEntry("seed", 1L)
        .containsEntry("policy", "all").containsEntry("setsPerDensity", 200);
  }

  @Test
  void defaultRunMeasuresEverything() {
    long t0 = System.nanoTime();
    Result r = run(Map.of());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("cputime default run: " + ms + " ms");
    r.results().forEach((k, v) -> System.out.println("  " + k + " = " + show(v)));
    r.series().forEach((k, s) -> System.out.println("  series " + k + " " + s.x() + " -> " + s.y() + ": "
        + s.points().stream().map(Arrays::toString).toList()));

    Map<String, Object> n = r.results();
    assertThat(n.get("example.requestMs")).isEqualTo(3.0);
    assertThat(n.get("example.sliceMs")).isEqualTo(4.0);
    for (String placer : List.of("buddy", "exact")) {
      for (String policy : List.of("fifo", "smallest", "aging")) {
        String k = placer + "." + policy + ".";
        assertThat((double) n.get(k + "utilisation")).isBetween(0.3, 1.0);
        assertThat((double) n.get(k + "jain")).isBetween(0.0, 1.0);
        assertThat(n).containsKeys(k + "internalFragmentation", k + "meanDeferrals", k + "maxDeferrals",
            k + "worstWaitFrames", k + "deadlineMisses");
        if (placer.equals("exact")) {
          assertThat((double) n.get(k + "internalFragmentation")).isZero();
        } else {
          assertThat((double) n.get(k + "internalFragmentation")).isPositive();
        }
      }
    }
    ResultTable policies = (ResultTable) n.get("policies");
    assertThat(policies.rows()).hasSize(6);
    ResultTable sweep = (ResultTable) n.get("densitySweep");
    assertThat(sweep.rows()).hasSize(10);
    Series fifo = r.series().get("schedulable.fifo");
    assertThat(fifo.y()).containsExactly("buddy", "exact");
    assertThat(fifo.points()).hasSize(10);
    assertThat(fifo.points().getFirst()).containsExactly(0.1, 1.0, 1.0);
    for (double[] pt : fifo.points()) {
      assertThat(pt[1]).isLessThanOrEqualTo(pt[2]); // on these sets buddy slices never fit more than exact time
    }
    double[] last = fifo.points().getLast();
    assertThat(last[1]).isLessThan(0.5); // at density 1 rounding almost always overflows
    assertThat(r.series()).containsKeys("schedulable.smallest", "schedulable.aging");
  }

  @Test
  void sameSeedSameResultOtherSeedOtherResult() {
    Result a = run(SMALL);
    Result b = run(SMALL);
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.series().keySet()).isEqualTo(b.series().keySet());
    for (String k : a.series().keySet()) {
      assertThat(a.series().get(k).points().toArray(double[][]::new))
          .isDeepEqualTo(b.series().get(k).points().toArray(double[][]::new));
    }
    Result c = run(Map.of("frames", "200", "setsPerDensity", "20", "seed", "2"));
    assertThat(c.results()).isNotEqualTo(a.results());
  }

  @Test
  void onePolicyOnly() {
    Result r = run(Map.of("frames", "100", "setsPerDensity", "5", "policy", "aging"));
    assertThat(r.results()).containsKey("buddy.aging.utilisation").doesNotContainKey("buddy.fifo.utilisation");
    assertThat(r.series()).containsOnlyKeys("schedulable.aging");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "frameMs;12", "frameMs;0", "unitMs;-1", "frames;0", "tasks;0", "density;1.5", "maxPeriod;13",
      "oneOffs;-1", "oneOffMaxMs;17", "policy;lifo", "densities;0.5,2", "setsPerDensity;0",
      "seed;one", "frames;many"})
  void badParametersAreRefusedByName(String name, String value) {
    assertThatThrownBy(() -> run(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void unknownParameterIsRefused() {
    assertThatThrownBy(() -> run(Map.of("frame", "16")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame");
  }

  private static String show(Object v) {
    if (v instanceof ResultTable t) {
      StringBuilder sb = new StringBuilder("table " + t.columns());
      for (List<Object> row : t.rows()) {
        sb.append("\n      ").append(row.stream().map(CpuTimeScenarioTest::cell).toList());
      }
      return sb.toString();
    }
    return cell(v);
  }

  private static String cell(Object v) {
    return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4f", d) : String.valueOf(v);
  }
}
