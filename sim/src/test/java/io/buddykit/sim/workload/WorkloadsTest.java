package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import org.junit.jupiter.api.Test;

/** The factory the CLI's --workload uses. */
class WorkloadsTest {
  @Test
  void everyKnownNameBuildsAWorkloadThatRuns() {
    for (String name : Workloads.names()) {
      Machine m = Machine.booted(MachineConfig.of(64L << 20, 1));
      Workload w = Workloads.of(name, m, 1);
      assertThat(w.name()).isEqualTo(name);
      assertThat(w.steps()).isPositive();
      Workloads.run(m, w, 5);
      assertThat(w.holdings().count()).isPositive();
      HoldingsCheck.assertExact(m, w.holdings());
      m.verify();
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1));
    assertThatThrownBy(() -> Workloads.of("fragment", m, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fragment'")
        .hasMessageContaining("aging, synthetic, steady");
    assertThatThrownBy(() -> Workloads.of(null, m, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
