package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.ZoneWatermarks;
import io.buddykit.sim.boot.BootLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /proc/pagetypeinfo against pagetypeinfo_show: the header lines, {@code "%-43s "} and {@code
 * "%6d "} for the order row, {@code "Node %4d, zone %8s, type %12s "} and {@code "%6lu "} per free
 * list, {@code "\n%-23s"} and {@code "%12s "} for the block-count header, {@code "%12lu "} per type.
 */
class PagetypeInfoViewTest {
  private static final String HEADER =
      "Page block order: 9\n"
    + "Pages per block:  512\n"
    + "\n"
    + "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n";
  private static final String BLOCKS_HEADER =
      "\n"
    + "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n";
  private static final String ZEROS =
      "      0      0      0      0      0      0      0      0      0      0      0 \n";

  @Test
  void bootLayoutIsAllMovable() {
    // memmap_init marks every pageblock movable and the boot hand-over frees into that list.
    // DMA spans [1, 4096): pageblocks at pfn 1, 513, ... 3585 are 8; DMA32 [4096, 16384) 24.
    assertThat(PagetypeInfoView.render(TestMachines.bootedWithHoles())).isEqualTo(
        HEADER
      + "Node    0, zone      DMA, type    Unmovable" + ZEROS
      + "Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      1      1      3 \n"
      + "Node    0, zone      DMA, type  Reclaimable" + ZEROS
      + "Node    0, zone      DMA, type   HighAtomic" + ZEROS
      + "Node    0, zone      DMA, type          CMA" + ZEROS
      + "Node    0, zone      DMA, type      Isolate" + ZEROS
      + "Node    0, zone    DMA32, type    Unmovable" + ZEROS
      + "Node    0, zone    DMA32, type      Movable      0      0      0      0      0      1      1      1      2      2      8 \n"
      + "Node    0, zone    DMA32, type  Reclaimable" + ZEROS
      + "Node    0, zone    DMA32, type   HighAtomic" + ZEROS
      + "Node    0, zone    DMA32, type          CMA" + ZEROS
      + "Node    0, zone    DMA32, type      Isolate" + ZEROS
      + BLOCKS_HEADER
      + "Node 0, zone      DMA            0            8            0            0            0            0 \n"
      + "Node 0, zone    DMA32            0           24            0            0            0            0 \n");
  }

  @Test
  void unmovableClaimOfAWholeBlockShowsInBothSections() {
    Machine m = TestMachines.flat(false);
    // GFP_KERNEL order 10: no unmovable block anywhere, so __rmqueue_claim takes the first
    // movable order-10 block of DMA32 and retypes its two pageblocks.
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 10, 1);
    assertThat(PagetypeInfoView.render(m)).isEqualTo(
        HEADER
      + "Node    0, zone      DMA, type    Unmovable" + ZEROS
      + "Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      0      4 \n"
      + "Node    0, zone      DMA, type  Reclaimable" + ZEROS
      + "Node    0, zone      DMA, type   HighAtomic" + ZEROS
      + "Node    0, zone      DMA, type          CMA" + ZEROS
      + "Node    0, zone      DMA, type      Isolate" + ZEROS
      + "Node    0, zone    DMA32, type    Unmovable" + ZEROS
      + "Node    0, zone    DMA32, type      Movable      0      0      0      0      0      0      0      0      0      0     11 \n"
      + "Node    0, zone    DMA32, type  Reclaimable" + ZEROS
      + "Node    0, zone    DMA32, type   HighAtomic" + ZEROS
      + "Node    0, zone    DMA32, type          CMA" + ZEROS
      + "Node    0, zone    DMA32, type      Isolate" + ZEROS
      + BLOCKS_HEADER
      + "Node 0, zone      DMA            0            8            0            0            0            0 \n"
      + "Node 0, zone    DMA32            2           22            0            0            0            0 \n");
  }

  @Test
  void aListOfAHundredThousandBlocksIsPrintedAsTheKernelsCap() {
    // The kernel stops walking a free list at 100000 entries and prints ">100000".
    long[][] free = new long[Migratetype.count()][11];
    free[Migratetype.MOVABLE.ordinal()][0] = 100_000;
    free[Migratetype.MOVABLE.ordinal()][1] = 99_999;
    long[] buddy = free[Migratetype.MOVABLE.ordinal()].clone();
    ZoneSnapshot z = new ZoneSnapshot(0, ZoneType.NORMAL, 0, 1L << 20, 1L << 20, 1L << 20,
        new ZoneWatermarks(0, 0, 0, 0), 0, new long[ZoneType.count()], buddy, free, new long[Migratetype.count()]);
    MachineSnapshot s = new MachineSnapshot(1, 12, 10, 9, List.of(z), Map.of(), Map.of());
    assertThat(PagetypeInfoView.render(s)).contains(
        "Node    0, zone   Normal, type      Movable >100000  99999      0      0      0      0      0      0      0      0      0 \n");
  }

  @Test
  void everyNodeRepeatsTheHeaders() {
    Machine m = Machine.booted(MachineConfig.of(128L << 20, 2).withBoot(BootLayout.none()));
    String text = PagetypeInfoView.render(m);
    assertThat(text.split("Page block order: 9\n", -1)).hasSize(3);
    assertThat(text)
        .contains("Node    1, zone    DMA32, type      Movable"
            + "      0      0      0      0      0      0      0      0      0      0     16 \n")
        .endsWith("Node 1, zone    DMA32            0           32            0            0            0            0 \n");
  }
}
