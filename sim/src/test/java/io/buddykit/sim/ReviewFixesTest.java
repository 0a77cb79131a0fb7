package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.boot.BootLayout;
import io.buddykit.trace.memory.GfpBits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sequences a review found wrong, each now right. */
class ReviewFixesTest {
  @Test
  void kswapdForADmaRequestLeavesANodeWithoutADmaZoneAlone() {
    Machine m = Machine.booted(MachineConfig.of(2L << 30, 2).withPerCpuLists(false));
    Map<Integer, Long> held = AllocationPathTest.track(m);
    Gfp cache = Gfp.GFP_HIGHUSER_MOVABLE.with(GfpBits.__GFP_THISNODE);
    for (int tag = 1; tag <= 50_000; tag++) { // page cache on node 1 (CPUs 2 and 3)
      held.put(tag, m.allocPages(PageRequest.of(cache, 0).onCpu(2).preferNode(1).tagged(tag).reclaimable(true)));
    }
    Gfp dma = Gfp.GFP_DMA.with(GfpBits.__GFP_KSWAPD_RECLAIM);
    int tag = 100_000;
    while (m.allocPages(PageRequest.of(dma, 0).preferNode(0).tagged(++tag)) >= 0) {
      // exhaust node 0's DMA zone: kswapd wakes for zones up to DMA only
    }
    // Node 1 has no zone a DMA request may use: only node 0's kswapd wakes, and node 1's cache
    // stays (node 0 has none to give).
    assertThat(m.stat().kswapdWake()).isEqualTo(1);
    m.tick();
    assertThat(m.stat().pgstealKswapd()).isZero();
    assertThat(held).hasSize(50_000);
    AllocationPathTest.assertExact(m, held);
  }

  @Test
  void aBadCpuIsRefusedBeforeAnythingChanges() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1));
    long pfn = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(1));
    assertThatThrownBy(() -> m.freePages(pfn, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU -1");
    assertThatThrownBy(() -> m.freePages(pfn, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(7).tagged(2)))
        .isInstanceOf(IllegalArgumentException.class);
    m.verify();
    m.freePages(pfn, 1);
    m.verify();
  }

  @Test
  void shapesTheModelCannotRunAreRefusedAtConfiguration() {
    long odd = (17L << 20) + (64L << 10); // not a whole number of 4 MiB blocks
    assertThatThrownBy(() -> new MachineConfig(new long[] {odd}, new int[][] {{10}}, 2, 12, 10, 9, -1, 10, true,
        BootLayout.none(), true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_PAGE_ORDER");
    assertThatThrownBy(() -> new MachineConfig(new long[] {16L << 20}, new int[][] {{10}}, 2, 12, 10, 3, -1, 10, true,
        BootLayout.none(), true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageblock order");
  }

  @Test
  void aHighAtomicReserveNeedsOnePercentOfTheZoneToBeAWholePageblock() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    // 12288 managed pages: 1% is 122 pages, less than a 512-page pageblock: Linux reserves nothing.
    dma32.reserveHighatomic(dma32.startPfn(), 1);
    assertThat(dma32.reservedHighatomic()).isZero();
    assertThat(dma32.pageblockCounts()[Migratetype.HIGHATOMIC.ordinal()]).isZero();
  }

  @Test
  void theLastReservedPageblockStaysUnlessForced() {
    Machine m = Machine.booted(MachineConfig.of(256L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    long pfn = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 1).tagged(1));
    dma32.reserveHighatomic(pfn, 1); // 61440 managed: 1% = 614 pages, two pageblocks at most
    assertThat(dma32.reservedHighatomic()).isEqualTo(512);
    assertThat(dma32.unreserveHighatomic(Migratetype.UNMOVABLE, false)).isFalse();
    assertThat(dma32.unreserveHighatomic(Migratetype.UNMOVABLE, true)).isTrue();
    assertThat(dma32.reservedHighatomic()).isZero();
    m.verify();
  }
}
