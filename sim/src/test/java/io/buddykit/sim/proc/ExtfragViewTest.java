package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import org.junit.jupiter.api.Test;

/**
 * debugfs extfrag_index ({@code "%2d.%03d "}) and unusable_index ({@code "%d.%03d "}) per zone,
 * with the indices worked out by hand from __fragmentation_index and unusable_free_index.
 */
class ExtfragViewTest {
  @Test
  void bootLayoutHasEveryOrderFreeButFragmentsTheSmallBlocks() {
    Machine m = TestMachines.bootedWithHoles();
    // Order-10 blocks are free in both zones, so every order is satisfiable: -1.000.
    assertThat(ExtfragView.extfragIndex(m)).isEqualTo(
        "Node 0, zone      DMA -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 \n"
      + "Node 0, zone    DMA32 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 \n");
    // DMA has 3840 free pages (the first 1 MiB is reserved): o8, o9 and three o10. Order 9 cannot
    // use the o8's 256: 256000/3840 = 66 -> 0.066; order 10 also loses the o9's 512: 768000/3840 = 0.200.
    // DMA32 has 9952: 32, 96, 224, 736 and 1760 pages unusable from order 6 to 10.
    assertThat(ExtfragView.unusableIndex(m)).isEqualTo(
        "Node 0, zone      DMA 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.066 0.200 \n"
      + "Node 0, zone    DMA32 0.000 0.000 0.000 0.000 0.000 0.000 0.003 0.009 0.022 0.073 0.176 \n");
  }

  @Test
  void zonesSplitDownToOneBlockOfEachSmallOrder() {
    Machine m = TestMachines.flat(false);
    // 11 order-10 blocks from DMA32 and 3 from DMA pass the low watermark, then 3 order-8
    // blocks from each zone; last, one order-0 page from each splits the remaining order-8.
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 10, 14);
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 8, 6);
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 0, 1);
    TestMachines.allocate(m, Gfp.GFP_DMA, 0, 1);
    // Each zone: one free block of each order 0..7, 8 blocks, 255 pages. Order 8 asks for 256:
    // 1000 - (1000 + 255000/256) / 8 = 1000 - 1996/8 = 751; order 9: 1000 - 1498/8 = 813;
    // order 10: 1000 - 1249/8 = 844.
    assertThat(ExtfragView.extfragIndex(m)).isEqualTo(
        "Node 0, zone      DMA -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.751  0.813  0.844 \n"
      + "Node 0, zone    DMA32 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.751  0.813  0.844 \n");
    // Order k cannot use the blocks below it: 2^k - 1 of the 255 pages.
    assertThat(ExtfragView.unusableIndex(m)).isEqualTo(
        "Node 0, zone      DMA 0.000 0.003 0.011 0.027 0.058 0.121 0.247 0.498 1.000 1.000 1.000 \n"
      + "Node 0, zone    DMA32 0.000 0.003 0.011 0.027 0.058 0.121 0.247 0.498 1.000 1.000 1.000 \n");
  }
}
