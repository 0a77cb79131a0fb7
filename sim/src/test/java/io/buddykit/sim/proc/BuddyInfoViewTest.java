package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/**
 * /proc/buddyinfo text against frag_show_print's {@code "Node %d, zone %8s "} and {@code "%6lu "},
 * with the free counts of BootTest's hand-made layouts.
 */
class BuddyInfoViewTest {
  @Test
  void wholeMaxOrderBlocks() {
    assertThat(BuddyInfoView.render(TestMachines.flat(true))).isEqualTo(
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 \n"
      + "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 \n");
  }

  @Test
  void blocksAroundBootReservations() {
    assertThat(BuddyInfoView.render(TestMachines.bootedWithHoles())).isEqualTo(
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
      + "Node 0, zone    DMA32      0      0      0      0      0      1      1      1      2      2      8 \n");
  }

  @Test
  void secondNodeFollowsTheFirst() {
    // 64 MiB per node: node 1 is [16384, 32768), all of it below 4 GiB, so DMA32 only.
    Machine m = Machine.booted(MachineConfig.of(128L << 20, 2).withBoot(BootLayout.none()));
    assertThat(BuddyInfoView.render(m)).isEqualTo(
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 \n"
      + "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 \n"
      + "Node 1, zone    DMA32      0      0      0      0      0      0      0      0      0      0     16 \n");
  }
}
