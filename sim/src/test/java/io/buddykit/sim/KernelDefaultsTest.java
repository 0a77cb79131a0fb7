package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/**
 * The defaults a Linux 6.12-7.3 machine boots with and the rules that react to fragmentation:
 * khugepaged's min_free_kbytes, the high-atomic reserve since the Aug-2025 fix, watermark
 * boosting, each worked out by hand.
 */
class KernelDefaultsTest {
  /** A flat 1 GiB machine: DMA 4096 and DMA32 258048 managed pages, no per-CPU lists. */
  static MachineConfig oneGib() {
    return MachineConfig.of(1L << 30, 1).withBoot(BootLayout.none()).withPerCpuLists(false);
  }

  @Test
  void recommendedMinFreeKbytesByHand() {
    // This project's test machine (Linux 6.18, THP madvise): DMA, DMA32 and Normal populated,
    // 512-page pageblocks: 512 * 3 * 2 + 512 * 3 * 3 * 3 = 3072 + 13824 = 16896 pages, far below
    // 5% of its ~2.9 million free buffer pages; 16896 * 4 = 67584 KiB, what its
    // /proc/sys/vm/min_free_kbytes reads, where calculate_min_free_kbytes gave about 13715.
    assertThat(Watermarks.recommendedMinFreeKbytes(13715, 3, 2_900_000, 9, 12)).isEqualTo(67584);
    // Two zones capped at 5% of 60000 free buffer pages: min(11264, 3000) = 3000 pages, 12000 KiB.
    assertThat(Watermarks.recommendedMinFreeKbytes(979, 2, 60_000, 9, 12)).isEqualTo(12000);
    // A larger min_free_kbytes stays.
    assertThat(Watermarks.recommendedMinFreeKbytes(80_000, 3, 2_900_000, 9, 12)).isEqualTo(80_000);
  }

  @Test
  void thpRaisesMinFreeKbytesAtBoot() {
    // Without THP: int_sqrt(262144 pages * 4 KiB * 16) = 4096 KiB.
    assertThat(Machine.booted(oneGib().withThp(Thp.NEVER)).minFreeKbytes()).isEqualTo(4096);
    // With it: 1024 pages of min give DMA min 16, gap 4, high 24; DMA32 min 1008, gap
    // max(252, 258) = 258, high 1524. nr_free_buffer_pages = 4072 + 256524 = 260596, 5% is 13029;
    // two zones ask 512 * 2 * 2 + 512 * 2 * 9 = 11264 pages, the smaller: 45056 KiB.
    Machine m = Machine.booted(oneGib());
    assertThat(m.minFreeKbytes()).isEqualTo(45056);
    // 11264 pages of min: DMA32 11264 * 258048 / 262144 = 11088, gap 11088 / 4 = 2772.
    assertThat(m.node(0).zone(ZoneType.DMA32).watermarks()).isEqualTo(new ZoneWatermarks(11088, 13860, 16632, 19404));
    assertThat(Machine.booted(oneGib().withThp(Thp.ALWAYS)).minFreeKbytes()).isEqualTo(45056);
    // A value written to the sysctl wins.
    assertThat(Machine.booted(oneGib().withMinFreeKbytes(1000)).minFreeKbytes()).isEqualTo(1000);
  }

  @Test
  void boostWatermarkByHand() {
    // max_boost = 1000 * 15000 / 10000 = 1500: 0 -> 512 -> 1024 -> min(1536, 1500) = 1500.
    assertThat(Watermarks.boostWatermark(0, 100_000, 1000, 15000, 9)).isEqualTo(512);
    assertThat(Watermarks.boostWatermark(512, 100_000, 1000, 15000, 9)).isEqualTo(1024);
    assertThat(Watermarks.boostWatermark(1024, 100_000, 1000, 15000, 9)).isEqualTo(1500);
    // A small high mark: max_boost 150 is raised to one pageblock.
    assertThat(Watermarks.boostWatermark(512, 100_000, 100, 15000, 9)).isEqualTo(512);
    // No boost: the factor is 0, the zone is below 4 pageblocks (2047 < 2048), high is 0.
    assertThat(Watermarks.boostWatermark(0, 100_000, 1000, 0, 9)).isEqualTo(-1);
    assertThat(Watermarks.boostWatermark(0, 2047, 1000, 15000, 9)).isEqualTo(-1);
    assertThat(Watermarks.boostWatermark(0, 100_000, 0, 15000, 9)).isEqualTo(-1);
  }

  @Test
  void aFragmentingFallbackBoostsTheWatermarksUntilKswapdRuns() {
    // 64 MiB, min_free_kbytes 0: DMA low 4, high 8; DMA32 (12288 pages) low 12, high 24; DMA keeps
    // 12288 / 256 = 48 pages back from DMA32 and higher requests.
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false)
        .withMinFreeKbytes(0));
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    Zone dma = m.node(0).zone(ZoneType.DMA);
    int tag = 0;
    long last = -1;
    for (long p; (p = m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 8).tagged(++tag))) >= 0; ) {
      last = dma32.contains(p) ? p : last;
    }
    // The slow path's min mark is 0: DMA32 fills up; DMA keeps one order-8 block, since
    // 256 - 255 is not above its 48 reserved pages. Freeing one DMA32 block, whose buddy is held,
    // leaves one free order-8 movable block there.
    m.freePages(last);
    assertThat(dma32.buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
    assertThat(dma.freePages()).isEqualTo(256);
    // An unmovable page: no unmovable free block, so __rmqueue_claim takes the movable order-8
    // block, below pageblock order: boost = min(0 + 512, max(512, 24 * 15000 / 10000)) = 512.
    long pfn = m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(++tag));
    assertThat(dma32.contains(pfn)).isTrue();
    assertThat(dma32.watermarkBoost()).isEqualTo(512);
    assertThat(m.stat().watermarkBoosts()).isEqualTo(1);
    assertThat(m.stat().kswapdWake()).isEqualTo(1); // rmqueue woke kswapd for ZONE_BOOSTED_WATERMARK
    // DMA32's low mark is now 12 + 512: its 255 free pages fail it, so the next page comes from DMA.
    assertThat(dma32.wmarkPages(AllocFlags.ALLOC_WMARK_LOW)).isEqualTo(524);
    assertThat(dma.contains(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(++tag)))).isTrue();
    // kswapd: DMA is balanced for DMA32 requests (255 > 8 + 48), so it reclaims the boost itself;
    // nothing is reclaimable, and at the end the boost it started with is taken off.
    m.tick();
    assertThat(dma32.watermarkBoost()).isZero();
    assertThat(m.stat().compactDaemonWake()).isEqualTo(1); // kcompactd woken at pageblock order
    m.verify();
  }

  @Test
  void withoutBoostingTheMarksStay() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false)
        .withMinFreeKbytes(0).withWatermarkBoostFactor(0));
    int tag = 0;
    while (m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 8).tagged(++tag)) >= 0) {
      // fill as above
    }
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).tagged(++tag))).isNotNegative();
    assertThat(m.node(0).zone(ZoneType.DMA32).watermarkBoost()).isZero();
    assertThat(m.stat().watermarkBoosts()).isZero();
  }

  @Test
  void onlyHighAtomicRequestsFromTheSlowPathReserveAPageblock() {
    // 256 MiB flat, THP off: 65536 pages, min_free_kbytes int_sqrt(262144 * 16) = 2048 KiB = 512
    // pages. DMA32 (61440 pages) min 480, low 600; DMA (4096) min 32, low 40, keeping 240 back from
    // Normal requests. 1% of DMA32 is 614 pages, so it may reserve two pageblocks.
    Machine m = Machine.booted(MachineConfig.of(256L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false)
        .withThp(Thp.NEVER));
    Zone dma = m.node(0).zone(ZoneType.DMA);
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    assertThat(dma32.watermarks().low()).isEqualTo(600);
    takeDownTo(m, dma32, 600);
    takeDownTo(m, dma, 40 + 240);
    // The fast path (low mark) fails everywhere; the slow path's min mark lets both through.
    long nowait = m.allocPages(PageRequest.of(Gfp.GFP_NOWAIT, 1).tagged(1));
    assertThat(dma32.contains(nowait)).isTrue();
    assertThat(dma32.reservedHighatomic()).isZero(); // no __GFP_HIGH: no reserve since the fix
    long atomic = m.allocPages(PageRequest.of(Gfp.GFP_ATOMIC, 1).tagged(2));
    assertThat(dma32.contains(atomic)).isTrue();
    assertThat(dma32.reservedHighatomic()).isEqualTo(512);
    assertThat(dma32.pageblockType(atomic)).isEqualTo(Migratetype.HIGHATOMIC);
    m.verify();
  }

  @Test
  void pageblocksAreCountedOnlyWhereStructPagesExist() {
    // 4 GiB on one node: RAM to 3 GiB and 1 GiB behind the PCI hole. DMA32 spans [4096, 1048576),
    // 1044480 pages as on this project's test machine; the 3-4 GiB hole is whole 128 MiB
    // sections without struct pages, so pagetypeinfo counts (786432 - 4096) / 512 = 1528
    // pageblocks, as that machine's /proc/pagetypeinfo does, not 2040.
    Machine m = Machine.booted(MachineConfig.of(4L << 30, 1));
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    assertThat(dma32.spannedPages()).isEqualTo(1_044_480);
    assertThat(java.util.Arrays.stream(dma32.pageblockCounts()).sum()).isEqualTo(1528);
    // The 640 KiB-1 MiB hole lies in section 0, which has RAM: its struct pages exist.
    assertThat(m.pfnValid(200)).isTrue();
    assertThat(m.pfnValid(786_432)).isFalse();
    assertThat(m.pfnValid(1_048_576)).isTrue();
    // DMA spans [1, 4096): pageblocks at pfn 1, 513, ..., 3585 are 8, as the kernel counts them.
    assertThat(java.util.Arrays.stream(m.node(0).zone(ZoneType.DMA).pageblockCounts()).sum()).isEqualTo(8);
  }

  @Test
  void compactionDeferralByHand() {
    Zone z = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none())).node(0).zone(ZoneType.DMA32);
    // A fresh zone: compact_defer_shift 0, so the first attempt (1 << 0 = 1) goes ahead.
    assertThat(z.compactionDeferred(3)).isFalse();
    z.deferCompaction(3); // shift 1: skip one, then go
    assertThat(z.compactionDeferred(3)).isTrue();
    assertThat(z.compactionDeferred(3)).isFalse();
    z.deferCompaction(3); // shift 2: skip three, then go
    assertThat(z.compactionDeferred(3)).isTrue();
    assertThat(z.compactionDeferred(3)).isTrue();
    assertThat(z.compactionDeferred(3)).isTrue();
    assertThat(z.compactionDeferred(3)).isFalse();
    // A compaction that should serve order 3: compact_order_failed becomes 4, so lower orders are
    // never deferred while order 4 still is.
    z.compactionDeferReset(3, false);
    assertThat(z.compactionDeferred(2)).isFalse();
    z.deferCompaction(4); // shift 3
    assertThat(z.compactionDeferred(2)).isFalse();
    assertThat(z.compactionDeferred(4)).isTrue();
    // An allocation that succeeded clears the shift: the next attempt goes ahead.
    z.compactionDeferReset(4, true);
    assertThat(z.compactionDeferred(4)).isFalse();
    // At most COMPACT_MAX_DEFER_SHIFT 6: 63 attempts skipped, the 64th goes ahead.
    for (int i = 0; i < 10; i++) {
      z.deferCompaction(4);
    }
    int skipped = 0;
    while (z.compactionDeferred(4)) {
      skipped++;
    }
    assertThat(skipped).isEqualTo(63);
  }

  @Test
  void fragmentationScoreWatermarksByHand() {
    // proactiveness 20: low 100 - 20 = 80, high 80 + min(10, 40) = 90.
    assertThat(Compaction.fragmentationScoreWmark(20, true)).isEqualTo(80);
    assertThat(Compaction.fragmentationScoreWmark(20, false)).isEqualTo(90);
    // proactiveness 5: low 95, high min(95 + 10, 100) = 100; 90: low 10, high 10 + 5 = 15.
    assertThat(Compaction.fragmentationScoreWmark(5, false)).isEqualTo(100);
    assertThat(Compaction.fragmentationScoreWmark(90, false)).isEqualTo(15);
  }

  @Test
  void kcompactdCompactsProactivelyAboveTheHighMark() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    Zone dma = m.node(0).zone(ZoneType.DMA);
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    // Every page taken, then every other page freed: all free memory is order-0 pages, so each
    // zone's fragmentation score is 100. The node's: 4096 * 100 / 16385 = 24 plus 12288 * 100 /
    // 16385 = 74, 98, above the high mark 90.
    for (Zone z : new Zone[] {dma, dma32}) {
      takeDownTo(m, z, 0);
      for (long pfn = z.startPfn(); pfn < z.endPfn(); pfn += 2) {
        m.freePages(pfn);
      }
    }
    assertThat(Compaction.fragmentationScoreZone(dma32)).isEqualTo(100);
    assertThat(Compaction.fragmentationScoreNode(m.node(0))).isEqualTo(98);
    m.tick(); // no kswapd work: kcompactd's timer runs compact_node until each zone is at 80 or below
    assertThat(m.stat().compactProactive()).isEqualTo(1);
    assertThat(m.stat().pgmigrateSuccess()).isPositive();
    assertThat(Compaction.fragmentationScoreZone(dma)).isLessThanOrEqualTo(80);
    assertThat(Compaction.fragmentationScoreZone(dma32)).isLessThanOrEqualTo(80);
    m.tick(); // the node is at or below its high mark now: nothing more
    assertThat(m.stat().compactProactive()).isEqualTo(1);
    m.verify();
  }

  @Test
  void noProactiveCompactionAtProactivenessZero() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false)
        .withCompactionProactiveness(0));
    Zone dma32 = m.node(0).zone(ZoneType.DMA32);
    takeDownTo(m, dma32, 0);
    for (long pfn = dma32.startPfn(); pfn < dma32.endPfn(); pfn += 2) {
      m.freePages(pfn);
    }
    m.tick();
    assertThat(m.stat().compactProactive()).isZero();
    assertThat(Compaction.fragmentationScoreZone(dma32)).isEqualTo(100);
  }

  @Test
  void tunablesOutsideTheSysctlsBoundsAreRejected() {
    MachineConfig c = MachineConfig.of(64L << 20, 1);
    assertThat(c.thp()).isEqualTo(Thp.MADVISE);
    assertThat(c.watermarkBoostFactor()).isEqualTo(15000);
    assertThat(c.compactionProactiveness()).isEqualTo(20);
    assertThatThrownBy(() -> c.withWatermarkBoostFactor(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watermark_boost_factor -1");
    assertThatThrownBy(() -> c.withCompactionProactiveness(101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compaction_proactiveness 101");
    assertThatThrownBy(() -> c.withWatermarkScaleFactor(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withMinFreeKbytes(-2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withThp(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Thp.parse("sometimes")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Thp.parse("never").khugepaged()).isFalse();
  }

  /** Takes free pages of {@code z} one at a time, bypassing the policy, until {@code target} are free. */
  private static void takeDownTo(Machine m, Zone z, long target) {
    for (long pfn = z.startPfn(); pfn < z.endPfn() && z.freePages() > target; pfn++) {
      m.allocAt(pfn, 0, Migratetype.MOVABLE, 99);
    }
    assertThat(z.freePages()).isEqualTo(target);
  }
}
