package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.boot.BootLayout;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The zonelist walk, watermarks, per-CPU lists, reclaim and compaction, end to end. */
class AllocationPathTest {
  /**
   * 64 MiB, no reservations, THP off: DMA 4096 and DMA32 12288 managed pages. min_free_kbytes =
   * int_sqrt(65536 * 16) = 1024 KiB = 256 pages: DMA min 256*4096/16384 = 64, DMA32 192; low and
   * high add max(min/4, managed*10/10000): DMA 80/96, DMA32 240/288. DMA keeps back
   * 12288/256 = 48 pages from requests that could use DMA32 or above.
   */
  static Machine sixtyFour(boolean pcp) {
    return Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(pcp)
        .withThp(Thp.NEVER));
  }

  @Test
  void watermarksAreLinuxsForThisMachine() {
    Machine m = sixtyFour(false);
    Zone dma = m.node(0).zone(ZoneType.DMA);
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    assertThat(dma.watermarks()).isEqualTo(new ZoneWatermarks(64, 80, 96, 112));
    assertThat(dma32.watermarks()).isEqualTo(new ZoneWatermarks(192, 240, 288, 336));
    assertThat(dma.lowmemReserve(ZoneType.NORMAL)).isEqualTo(48);
    assertThat(dma.lowmemReserve(ZoneType.DMA)).isZero();
    assertThat(dma32.lowmemReserve(ZoneType.NORMAL)).isZero();
  }

  @Test
  void lowPriorityRequestsStopAtMinWhileAtomicOnesDigIntoTheReserve() {
    Machine m = sixtyFour(false);
    Zone dma = m.node(0).zone(ZoneType.DMA);
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    int tag = 0;
    while (m.allocPages(PageRequest.of(Gfp.GFP_NOWAIT, 0).tagged(++tag)) >= 0) {
      // fill: DMA32 first (highest zone first), then DMA
    }
    // A request fails once free_pages <= min + lowmem_reserve: DMA32 stops at 192, DMA at 64 + 48.
    assertThat(dma32.freePages()).isEqualTo(192);
    assertThat(dma.freePages()).isEqualTo(112);
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(++tag))).isEqualTo(-1); // nothing to reclaim
    // GFP_ATOMIC: __GFP_HIGH halves min, not blocking takes a quarter more: DMA32 192 -> 96 -> 72,
    // DMA 64 -> 32 -> 24 (+48): 120 + 40 more pages.
    int atomic = 0;
    while (m.allocPages(PageRequest.of(Gfp.GFP_ATOMIC, 0).tagged(++tag)) >= 0) {
      atomic++;
    }
    assertThat(atomic).isEqualTo(160);
    assertThat(dma32.freePages()).isEqualTo(72);
    assertThat(m.stat().allocFail()).isEqualTo(3);
    m.verify();
  }

  @Test
  void aDma32RequestNeverLandsAboveFourGib() {
    Machine m = Machine.booted(MachineConfig.of(6L << 30, 1).withPerCpuLists(false));
    for (int i = 0; i < 200; i++) {
      long pfn = m.allocPages(PageRequest.of(Gfp.GFP_DMA32, 4).tagged(i));
      assertThat(pfn).isBetween(0L, (4L << 30 >> 12) - 16).matches(p -> p % 16 == 0);
    }
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(999))).isGreaterThanOrEqualTo(1L << 20); // Normal
  }

  @Test
  void perCpuListsRefillInBatchesAndGiveBackLifo() {
    Machine m = sixtyFour(true);
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    // zone_batchsize(12288 pages) = rounddown_pow_of_two(3 + 1) - 1 = 3: one request takes 3 pages.
    long before = dma32.freePages();
    long first = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(1));
    assertThat(dma32.freePages()).isEqualTo(before - 3);
    m.freePages(first, 0);
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(2))).isEqualTo(first); // cache-hot page back
    m.verify();
    m.drainAllPages();
    assertThat(dma32.freePages()).isEqualTo(before - 1);
    m.verify();
  }

  /**
   * __alloc_pages_direct_reclaim (6.12, 7.3) drains the per-CPU lists only after reclaim made
   * progress: with nothing to reclaim, pages another CPU holds on its lists stay there and the
   * request fails (the model drained them unconditionally before).
   */
  @Test
  void directReclaimDrainsOtherCpusListsOnlyAfterProgress() {
    Machine m = sixtyFour(true);
    int tag = 0;
    long[] mine = new long[40];
    for (int i = 0; i < mine.length; i++) {
      mine[i] = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(1).tagged(++tag));
    }
    while (m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(0).tagged(++tag)) >= 0) {
      // fill through CPU 0 until the slow path gives up
    }
    for (long pfn : mine) {
      m.freePages(pfn, 1);
    }
    int held = m.node(0).zone(ZoneType.DMA32).pcp(1).count();
    assertThat(held).as("pages on CPU 1's lists").isPositive();
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(0).tagged(++tag))).isEqualTo(-1);
    assertThat(m.node(0).zone(ZoneType.DMA32).pcp(1).count()).as("not drained").isEqualTo(held);
    m.verify();
  }

  @Test
  void compactionMakesAnOrderNineBlockOutOfAlternatingFreePages() {
    Machine m = sixtyFour(false);
    Map<Integer, Long> held = track(m);
    int tag = 0;
    long pfn;
    while ((pfn = m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).tagged(++tag))) >= 0) {
      held.put(tag, pfn);
    }
    held.entrySet().removeIf(e -> {
      if (e.getValue() % 2 == 0) {
        m.freePages(e.getValue());
        return true;
      }
      return false;
    });
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    assertThat(dma32.buddyInfo()[9] + dma32.buddyInfo()[10]).isZero();
    long thp = m.allocPages(PageRequest.of(Gfp.GFP_TRANSHUGE, 9).tagged(++tag));
    assertThat(thp).isNotNegative();
    held.put(tag, thp);
    assertThat(m.stat().compactStall()).isPositive();
    assertThat(m.stat().pgmigrateSuccess()).isPositive();
    assertThat(m.stat().compactMigrateScanned()).isGreaterThanOrEqualTo(m.stat().pgmigrateSuccess());
    assertExact(m, held);
  }

  @Test
  void kswapdReclaimsPageCacheUpToTheHighWatermark() {
    Machine m = sixtyFour(false);
    Map<Integer, Long> held = track(m);
    int tag = 0;
    for (int i = 0; i < 16300; i++) { // past both zones' low watermarks
      long pfn = m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).tagged(++tag).reclaimable(true));
      if (pfn >= 0) {
        held.put(tag, pfn);
      }
    }
    assertThat(m.stat().kswapdWake()).isPositive();
    m.tick();
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    assertThat(dma32.freePages()).isGreaterThanOrEqualTo(dma32.watermarks().high());
    assertThat(m.stat().pgstealKswapd()).isPositive();
    assertExact(m, held);
  }

  @Test
  void freeingWhatIsNotAnAllocationIsRefusedAndChangesNothing() {
    Machine m = sixtyFour(true);
    long pfn = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 2).tagged(1));
    long[] info = m.node(0).zone(ZoneType.DMA32).buddyInfo();
    long stillFree = m.freePages();
    assertThatThrownBy(() -> m.freePages(pfn + 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heads no allocation");
    assertThatThrownBy(() -> m.freePages(1L << 40)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in no zone");
    assertThatThrownBy(() -> m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 11).tagged(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).preferNode(5).tagged(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(m.node(0).zone(ZoneType.DMA32).buddyInfo()).isEqualTo(info);
    assertThat(m.freePages()).isEqualTo(stillFree);
    m.freePages(pfn);
    assertThatThrownBy(() -> m.freePages(pfn)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heads no allocation");
    m.verify();
  }

  /** A listener keeping tag -> pfn exact, as a workload would. */
  static Map<Integer, Long> track(Machine m) {
    Map<Integer, Long> held = new HashMap<>();
    m.setListener(new PageListener() {
      @Override
      public void migrated(int tag, long oldPfn, long newPfn, int order) {
        assertThat(held.put(tag, newPfn)).isEqualTo(oldPfn);
      }

      @Override
      public void reclaimed(int tag, long pfn, int order) {
        assertThat(held.remove(tag)).isEqualTo(pfn);
      }
    });
    return held;
  }

  /** Every held page is where its owner thinks, and the machine is consistent. */
  static void assertExact(Machine m, Map<Integer, Long> held) {
    m.verify();
    for (Map.Entry<Integer, Long> e : held.entrySet()) {
      long pfn = e.getValue();
      assertThat(m.owners().isHead(pfn)).as("head at %d", pfn).isTrue();
      assertThat(m.owners().isPcp(pfn)).isFalse();
      assertThat(m.owners().owner(pfn)).as("owner of %d", pfn).isEqualTo(e.getKey());
    }
  }
}
