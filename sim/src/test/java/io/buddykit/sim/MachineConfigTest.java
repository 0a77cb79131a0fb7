package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.core.FreeListOrder;
import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/** Each with-er changes its one component, keeps every other, and is checked as the constructor checks. */
class MachineConfigTest {

  private final MachineConfig base = MachineConfig.of(64L << 20, 2);

  @Test
  void eachWitherChangesOnlyItsComponent() {
    MachineConfig changed = base.withBoot(BootLayout.forMemory(32L << 20)).withPerCpuLists(false)
        .withMinFreeKbytes(4096).withMobilityGrouping(false).withFallbackGate(FallbackGate.values()[1])
        .withCpusPerNode(4).withDistance(new int[][] {{10, 30}, {30, 10}})
        .withFreeListOrder(FreeListOrder.LOWEST_ADDRESS).withThp(Thp.NEVER).withWatermarkScaleFactor(200)
        .withWatermarkBoostFactor(0).withCompactionProactiveness(0);

    assertThat(changed.perCpuLists()).isFalse();
    assertThat(changed.minFreeKbytes()).isEqualTo(4096);
    assertThat(changed.mobilityGrouping()).isFalse();
    assertThat(changed.fallbackGate()).isEqualTo(FallbackGate.values()[1]);
    assertThat(changed.cpusPerNode()).isEqualTo(4);
    assertThat(changed.distance(0, 1)).isEqualTo(30);
    assertThat(changed.freeListOrder()).isEqualTo(FreeListOrder.LOWEST_ADDRESS);
    assertThat(changed.thp()).isEqualTo(Thp.NEVER);
    assertThat(changed.watermarkScaleFactor()).isEqualTo(200);
    assertThat(changed.watermarkBoostFactor()).isZero();
    assertThat(changed.compactionProactiveness()).isZero();
    assertThat(changed.nodeBytes()).isEqualTo(base.nodeBytes());
    assertThat(changed.pageShift()).isEqualTo(base.pageShift());
    assertThat(changed.maxOrder()).isEqualTo(base.maxOrder());
    assertThat(changed.pageblockOrder()).isEqualTo(base.pageblockOrder());

    assertThat(base.withThp(Thp.NEVER).withThp(base.thp())).isEqualTo(base);
    assertThat(base.withCpusPerNode(4).cpusPerNode()).isEqualTo(4);
    assertThat(base.withCpusPerNode(4).withPerCpuLists(false))
        .isEqualTo(base.withPerCpuLists(false).withCpusPerNode(4));
  }

  @Test
  void witherValuesAreCheckedLikeTheConstructors() {
    assertThatThrownBy(() -> base.withWatermarkScaleFactor(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watermark_scale_factor 0");
    assertThatThrownBy(() -> base.withDistance(new int[][] {{10, 5}, {5, 10}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must exceed");
    assertThatThrownBy(() -> base.withFreeListOrder(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
