package io.buddykit.experiments.aging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgingScenarioTest {
  private final AgingScenario s = new AgingScenario();

  private Result run(Map<String, String> given) {
    return s.run(Params.of(s.params(), given));
  }

  @Test
  void agingBreaksUpTheHugeBlocksAndCompactionWinsSomeBack() {
    Result r = run(Map.of("memoryMiB", "256", "steps", "24"));
    ResultTable stages = (ResultTable) r.results().get("stages");
    assertThat(stages.rows()).extracting(row -> row.get(0))
        .containsExactly("memblock hand-over", "init memory freed", "aged", "compacted");
    long boot = (long) stages.rows().get(1).get(2);
    long aged = (long) stages.rows().get(2).get(2);
    long compacted = (long) stages.rows().get(3).get(2);
    // 256 MiB boots with its free memory in whole 2 MiB blocks; aging leaves about half the
    // memory free but almost none of it in 2 MiB blocks; compaction never loses any.
    assertThat(boot).isGreaterThan(100);
    assertThat(aged).isLessThan(boot / 10);
    assertThat(compacted).isGreaterThanOrEqualTo(aged);
    assertThat((long) stages.rows().get(3).get(4)).isPositive(); // pages migrated
    // buddyinfo rows: 4 stages x 2 zones (DMA, DMA32), 13 columns (stage, zone, o0..o10)
    ResultTable info = (ResultTable) r.results().get("buddyinfo");
    assertThat(info.rows()).hasSize(8);
    assertThat(info.columns()).hasSize(13);
    assertThat(r.series().get("aging").points()).hasSize(25);
    assertThat(run(Map.of("memoryMiB", "256", "steps", "24"))).usingRecursiveComparison().isEqualTo(r);
  }

  @Test
  void badParametersAreNamed() {
    assertThatThrownBy(() -> run(Map.of("memoryMiB", "8"))).hasMessageContaining("memoryMiB");
    assertThatThrownBy(() -> run(Map.of("steps", "0"))).hasMessageContaining("steps");
    assertThat(s.params()).extracting(p -> p.name()).isEqualTo(List.of("memoryMiB", "steps", "seed"));
  }
}
