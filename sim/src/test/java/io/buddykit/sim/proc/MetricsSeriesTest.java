package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Series;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.VmStat;
import org.junit.jupiter.api.Test;

/**
 * A hand-driven run on the flat 64 MiB machine without per-CPU lists, sampled after each phase,
 * with the expected free-list state worked out from the watermark checks (DMA32 low 240, DMA
 * low 80 plus a reserve of 48 against GFP_KERNEL).
 */
class MetricsSeriesTest {
  /** Runs the phases, sampling before the first and after each; returns the machine. */
  private static Machine run(MetricsSeries s) {
    Machine m = TestMachines.flat(false);
    s.sample(0, m);
    // 11 order-10 blocks fit DMA32's low mark (12288 - 1024 j - 1023 > 240 for j <= 10), 3 DMA's.
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 10, 14);
    s.sample(1, m);
    // 2048 free: an order-10 block leaves 1025 - 1024 = 1 page, below every mark: it fails.
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 10).tagged(1))).isEqualTo(-1);
    s.sample(2, m);
    // Order 8: DMA32 serves 3 (769, 513, 257 > 240 after the request), DMA the next 3.
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 8, 6);
    s.sample(3, m);
    // One page from each zone splits its last order-8 block into one block of orders 0..7.
    TestMachines.allocate(m, Gfp.GFP_KERNEL, 0, 1);
    TestMachines.allocate(m, Gfp.GFP_DMA, 0, 1);
    s.sample(5, m);
    return m;
  }

  @Test
  void recordsFreeMemoryAndPageblockAvailability() {
    MetricsSeries s = new MetricsSeries();
    run(s);
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.column(MetricsSeries.STEP)).containsExactly(0, 1, 2, 3, 5);
    assertThat(s.column(MetricsSeries.FREE_PAGES)).containsExactly(16384, 2048, 2048, 512, 510);
    // Order-10 blocks count twice; no block of order 9 or more is left after phase 3.
    assertThat(s.column(MetricsSeries.FREE_PAGEBLOCKS)).containsExactly(32, 4, 4, 0, 0);
    assertThat(s.freeBlocks(10)).containsExactly(16, 2, 2, 0, 0);
    assertThat(s.freeBlocks(8)).containsExactly(0, 0, 0, 2, 0);
    assertThat(s.freeBlocks(0)).containsExactly(0, 0, 0, 0, 2);
    // Phase 3: two order-8 blocks, 512 pages: 1000 - (1000 + 512000/512) / 2 = 0, lack of
    // memory. Phase 4: 16 blocks, 510 pages: 1000 - (1000 + 996) / 16 = 876, fragmentation.
    assertThat(s.column(MetricsSeries.EXTFRAG_PAGEBLOCK))
        .containsExactly(-1000, -1000, -1000, 0, 876);
    assertThat(s.column(MetricsSeries.ALLOC_FAIL)).containsExactly(0, 0, 1, 1, 1);
  }

  @Test
  void workColumnsAreTheVmstatCounters() {
    MetricsSeries s = new MetricsSeries();
    VmStat end = run(s).stat();
    // Nothing is reclaimable or movable here, so reclaim and migration find no work; the
    // failed request still made compaction scan.
    assertThat(s.column(MetricsSeries.PGSTEAL)).containsOnly(0);
    assertThat(s.column(MetricsSeries.PGMIGRATE_SUCCESS)).containsOnly(0);
    long scanned = end.compactMigrateScanned() + end.compactFreeScanned();
    assertThat(s.column(MetricsSeries.COMPACT_SCANNED)).startsWith(0, 0).endsWith(scanned);
    assertThat(end.pgstealKswapd() + end.pgstealDirect()).isZero();
  }

  @Test
  void convertsToAScenarioSeries() {
    MetricsSeries s = new MetricsSeries();
    run(s);
    Series all = s.toSeries();
    assertThat(all.x()).isEqualTo("step");
    assertThat(all.y()).startsWith("free_pages", "free_pageblocks", "extfrag_pageblock")
        .endsWith("free_blocks_o9", "free_blocks_o10")
        .hasSize(7 + 11);
    Series two = s.toSeries(MetricsSeries.FREE_PAGES, MetricsSeries.ALLOC_FAIL);
    assertThat(two.points()).hasSize(5);
    assertThat(two.points().get(2)).containsExactly(2, 2048, 1);
    assertThat(two.points().get(4)).containsExactly(5, 510, 1);
  }

  @Test
  void refusesStepsGoingBackAndUnknownColumns() {
    MetricsSeries s = new MetricsSeries();
    Machine m = TestMachines.flat(false);
    assertThat(s.toSeries().points()).isEmpty();
    s.sample(3, m);
    assertThatThrownBy(() -> s.sample(2, m)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.column("nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
