package io.buddykit.share.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSimulationTest {
  private static FlowSimulation.Config config(double load, Placement p, boolean reassign) {
    return new FlowSimulation.Config(1024, load, List.of(3L, 10L, 25L, 50L, 100L), 20_000, 7, p, reassign);
  }

  /** Issue 19 item 9: NaN and Infinity passed the {@code load <= 0} check, and flows had no bound. */
  @Test
  void notANumberInfinityAndUnboundedFlowsAreRefused() {
    for (double load : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -1}) {
      assertThatThrownBy(() -> config(load, Placement.LOWEST, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("load must be a finite number above 0, got " + load);
    }
    assertThatThrownBy(() -> new FlowSimulation.Config(1024, 24, List.of(3L), Long.MAX_VALUE, 7, Placement.LOWEST,
        false)).isInstanceOf(IllegalArgumentException.class).hasMessage("flows must be in 1..10000000, got "
        + Long.MAX_VALUE);
  }

  @Test
  void countsAddUpAndTheSameSeedGivesTheSameRun() {
    FlowSimulation.Outcome o = FlowSimulation.run(config(24, Placement.LOWEST, false));
    assertThat(o.admitted() + o.blockedCapacity() + o.blockedFragmentation()).isEqualTo(o.offered());
    assertThat(o.utilisation()).isBetween(0.0, 1.0);
    assertThat(o.requestedUtilisation()).isLessThan(o.utilisation());
    assertThat(o.internalFragmentation()).isBetween(0.0, 0.5);
    assertThat(FlowSimulation.run(config(24, Placement.LOWEST, false))).isEqualTo(o);
  }

  @Test
  void moreLoadBlocksMore() {
    double light = FlowSimulation.run(config(4, Placement.LOWEST, false)).blockingProbability();
    double heavy = FlowSimulation.run(config(40, Placement.LOWEST, false)).blockingProbability();
    assertThat(light).isLessThan(heavy);
  }

  @Test
  void reassignmentRemovesFragmentationBlocking() {
    FlowSimulation.Outcome plain = FlowSimulation.run(config(28, Placement.CROWDED, false));
    FlowSimulation.Outcome moved = FlowSimulation.run(config(28, Placement.CROWDED, true));
    assertThat(moved.blockedFragmentation()).isLessThan(plain.blockedFragmentation());
    assertThat(moved.reassignments()).isPositive();
  }

  @Test
  void theScenarioMeasuresEveryBroker() {
    BandwidthScenario s = new BandwidthScenario();
    Result r = s.run(Params.of(s.params(), Map.of("flows", "4000", "loads", "10,30")));
    assertThat(r.results()).containsKeys("lowest.blockingProbability", "crowded.blockedFragmentation",
        "crowded+reassign.reassignmentsPerAdmitted", "brokers", "sweep");
    assertThat(r.series().get("blockingByLoad").points()).hasSize(2);
    assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of("capacity", "1000"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    assertThatThrownBy(() -> Params.of(s.params(), Map.of("lod", "3")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'lod'");
  }
}
