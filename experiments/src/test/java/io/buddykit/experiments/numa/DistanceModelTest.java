package io.buddykit.experiments.numa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.MachineConfig;
import org.junit.jupiter.api.Test;

/** Latency = local ns x SLIT distance / 10, by hand. */
class DistanceModelTest {
  @Test
  void twoSocketDefaults() {
    DistanceModel m = DistanceModel.of(MachineConfig.of(64L << 20, 2), 80);
    assertThat(m.latencyNs(0, 0)).isEqualTo(80.0); // 80 x 10 / 10
    assertThat(m.latencyNs(1, 1)).isEqualTo(80.0);
    assertThat(m.latencyNs(0, 1)).isEqualTo(168.0); // 80 x 21 / 10
    assertThat(m.latencyNs(1, 0)).isEqualTo(168.0);
  }

  @Test
  void anAsymmetricThreeNodeMatrix() {
    int[][] d = {{10, 16, 32}, {16, 10, 22}, {32, 22, 10}};
    DistanceModel m = DistanceModel.of(MachineConfig.of(96L << 20, 3).withDistance(d), 100);
    assertThat(m.latencyNs(0, 1)).isEqualTo(160.0); // 100 x 16 / 10
    assertThat(m.latencyNs(0, 2)).isEqualTo(320.0); // 100 x 32 / 10
    assertThat(m.latencyNs(2, 1)).isEqualTo(220.0); // 100 x 22 / 10
    assertThat(m.latencyNs(2, 2)).isEqualTo(100.0);
  }

  @Test
  void theMatrixIsCopied() {
    int[][] d = {{10, 21}, {21, 10}};
    DistanceModel m = new DistanceModel(80, d);
    d[0][1] = 99;
    m.distance()[0][1] = 99;
    assertThat(m.latencyNs(0, 1)).isEqualTo(168.0);
  }

  @Test
  void aLatencyMustBePositive() {
    assertThatThrownBy(() -> new DistanceModel(0, new int[][] {{10}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local latency");
  }
}
