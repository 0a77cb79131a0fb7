package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.ZoneWatermarks;
import org.junit.jupiter.api.Test;

/** The snapshot's numbers and its JSON, on the flat 64 MiB machine after one order-10 claim. */
class MachineSnapshotTest {
  private static final String ZEROS = "[0,0,0,0,0,0,0,0,0,0,0]";
  private static final String SATISFIABLE =
      "[-1000,-1000,-1000,-1000,-1000,-1000,-1000,-1000,-1000,-1000,-1000]";

  /** One GFP_KERNEL order-10 block: DMA32's first, claimed unmovable (two pageblocks). */
  private static Machine oneClaim() {
    Machine m = TestMachines.flat(false);
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 10, 1);
    return m;
  }

  @Test
  void readsZonesCountersAndTotals() {
    MachineSnapshot s = MachineSnapshot.of(oneClaim());
    assertThat(s.zones()).extracting(ZoneSnapshot::name).containsExactly("DMA", "DMA32");
    ZoneSnapshot dma32 = s.zone(0, ZoneType.DMA32);
    assertThat(dma32.buddyinfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11);
    assertThat(dma32.pagetypeinfo(Migratetype.UNMOVABLE)).containsOnly(0);
    assertThat(dma32.pageblocks()).containsExactly(2, 22, 0, 0, 0, 0);
    assertThat(dma32.watermarks()).isEqualTo(new ZoneWatermarks(192, 240, 288, 336));
    assertThat(dma32.freePages()).isEqualTo(11264);
    assertThat(s.zone(0, ZoneType.NORMAL)).isNull();
    assertThat(s.buddyinfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15);
    assertThat(s.freePages()).isEqualTo(15360);
    assertThat(s.vmstat()).containsEntry("pgalloc", 1024L).containsEntry("pgfree", 0L);
    assertThat(s.modelCounters()).containsEntry("fallback_claims", 1L);
    assertThat(MachineSnapshot.of(oneClaim())).isEqualTo(s);
  }

  @Test
  void snapshotsDoNotShareArraysWithCallers() {
    ZoneSnapshot z = MachineSnapshot.of(oneClaim()).zone(0, ZoneType.DMA);
    z.buddyinfo()[10] = 99;
    z.pagetypeinfo()[1][10] = 99;
    assertThat(z.buddyinfo()[10]).isEqualTo(4);
    assertThat(z.pagetypeinfo(Migratetype.MOVABLE)[10]).isEqualTo(4);
  }

  @Test
  void jsonHasAFixedKeyOrderAndPlainNumbers() {
    String dma = "{\"zone\":\"DMA\",\"startPfn\":0,\"spannedPages\":4096,\"presentPages\":4096,"
        + "\"managedPages\":4096,\"freePages\":4096,"
        + "\"watermarks\":{\"min\":64,\"low\":80,\"high\":96,\"promo\":112,\"boost\":0},"
        + "\"protection\":[0,48,48,48,48],\"buddyinfo\":[0,0,0,0,0,0,0,0,0,0,4],"
        + "\"pagetypeinfo\":{\"Unmovable\":" + ZEROS + ",\"Movable\":[0,0,0,0,0,0,0,0,0,0,4],"
        + "\"Reclaimable\":" + ZEROS + ",\"HighAtomic\":" + ZEROS + ",\"CMA\":" + ZEROS
        + ",\"Isolate\":" + ZEROS + "},"
        + "\"pageblocks\":{\"Unmovable\":0,\"Movable\":8,\"Reclaimable\":0,\"HighAtomic\":0,"
        + "\"CMA\":0,\"Isolate\":0},"
        + "\"extfragIndex\":" + SATISFIABLE + ",\"unusableIndex\":" + ZEROS + "}";
    String dma32 = "{\"zone\":\"DMA32\",\"startPfn\":4096,\"spannedPages\":12288,"
        + "\"presentPages\":12288,\"managedPages\":12288,\"freePages\":11264,"
        + "\"watermarks\":{\"min\":192,\"low\":240,\"high\":288,\"promo\":336,\"boost\":0},"
        + "\"protection\":[0,0,0,0,0],\"buddyinfo\":[0,0,0,0,0,0,0,0,0,0,11],"
        + "\"pagetypeinfo\":{\"Unmovable\":" + ZEROS + ",\"Movable\":[0,0,0,0,0,0,0,0,0,0,11],"
        + "\"Reclaimable\":" + ZEROS + ",\"HighAtomic\":" + ZEROS + ",\"CMA\":" + ZEROS
        + ",\"Isolate\":" + ZEROS + "},"
        + "\"pageblocks\":{\"Unmovable\":2,\"Movable\":22,\"Reclaimable\":0,\"HighAtomic\":0,"
        + "\"CMA\":0,\"Isolate\":0},"
        + "\"extfragIndex\":" + SATISFIABLE + ",\"unusableIndex\":" + ZEROS + "}";
    assertThat(MachineSnapshot.of(oneClaim()).toJson()).isEqualTo(
        "{\"pageShift\":12,\"maxOrder\":10,\"pageblockOrder\":9,"
      + "\"migratetypes\":[\"Unmovable\",\"Movable\",\"Reclaimable\",\"HighAtomic\",\"CMA\",\"Isolate\"],"
      + "\"totals\":{\"freePages\":15360,\"managedPages\":16384,\"presentPages\":16384,"
      + "\"buddyinfo\":[0,0,0,0,0,0,0,0,0,0,15]},"
      + "\"nodes\":[{\"node\":0,\"zones\":[" + dma + "," + dma32 + "]}],"
      + "\"vmstat\":{\"pgalloc\":1024,\"allocstall\":0,\"pgfree\":0,\"pgsteal_kswapd\":0,"
      + "\"pgsteal_direct\":0,\"pgmigrate_success\":0,\"compact_migrate_scanned\":0,"
      + "\"compact_free_scanned\":0,\"compact_stall\":0,\"compact_fail\":0,\"compact_success\":0,\"compact_daemon_wake\":0},"
      + "\"modelCounters\":{\"alloc_fail\":0,\"slowpath\":0,\"fallbacks\":1,\"fallback_claims\":1,"
      + "\"kswapd_wake\":0,\"pcp_drained\":0,\"watermark_boosts\":0,\"compact_deferred\":0,\"compact_proactive\":0}}");
  }
}
