package io.buddykit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 19 item 17: what a front end runs is read and sized before anything runs. */
class ScenarioCheckedTest {
  static final Param<Long> GIB = Param.longInteger("gib", 1, 1, 1 << 20, "memory the model takes");

  /** A model that takes a GiB of heap per {@code gib}, and says so. */
  static final Scenario SIZED = new Scenario() {
    @Override
    public String name() {
      return "sized";
    }

    @Override
    public String description() {
      return "takes gib GiB of heap";
    }

    @Override
    public List<Param<?>> params() {
      return List.of(GIB);
    }

    @Override
    public Result run(Params p) {
      throw new AssertionError("never run by these tests");
    }

    @Override
    public long heapBytes(Params p) {
      return p.get(GIB) << 30;
    }
  };

  @Test
  void aRunTheHeapHoldsIsReadAndReturned() {
    Params p = Scenario.checked(SIZED, Map.of());
    assertThat(p.get(GIB)).isEqualTo(1);
  }

  @Test
  void aRunPastTheHeapIsRefusedNamingTheScenarioAndTheValuesGiven() {
    // 2^20 GiB is 1024 TiB (Sizes stops at TiB): more than any heap.
    assertThatThrownBy(() -> Scenario.checked(SIZED, Map.of("gib", "1048576")))
        .isInstanceOf(HeapBudget.TooSmall.class)
        .hasMessageStartingWith("scenario sized with gib=1048576 needs about 1024 TiB of Java heap, more than the ");
  }

  @Test
  void aBadValueIsRefusedBeforeTheSizing() {
    assertThatThrownBy(() -> Scenario.checked(SIZED, Map.of("gib", "0")))
        .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(HeapBudget.TooSmall.class)
        .hasMessageStartingWith("parameter gib");
  }
}
