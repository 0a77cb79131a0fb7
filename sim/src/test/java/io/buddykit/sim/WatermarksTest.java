package io.buddykit.sim;

import static io.buddykit.sim.AllocFlags.ALLOC_CMA;
import static io.buddykit.sim.AllocFlags.ALLOC_CPUSET;
import static io.buddykit.sim.AllocFlags.ALLOC_HIGHATOMIC;
import static io.buddykit.sim.AllocFlags.ALLOC_KSWAPD;
import static io.buddykit.sim.AllocFlags.ALLOC_MIN_RESERVE;
import static io.buddykit.sim.AllocFlags.ALLOC_NON_BLOCK;
import static io.buddykit.sim.AllocFlags.ALLOC_OOM;
import static io.buddykit.sim.AllocFlags.ALLOC_WMARK_HIGH;
import static io.buddykit.sim.AllocFlags.ALLOC_WMARK_LOW;
import static io.buddykit.sim.AllocFlags.ALLOC_WMARK_MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Linux's watermark arithmetic, checked against values computed by hand. */
class WatermarksTest {
  // Managed pages by zone (DMA, DMA32, Normal, Movable) of three x86-64 machines.
  private static final long[] MACHINE_2G = {3840, 500_000, 0, 0, 0};
  private static final long[] MACHINE_16G = {3840, 1_000_000, 3_000_000, 0, 0};
  private static final long[] MACHINE_64G = {3840, 1_000_000, 15_000_000, 500_000, 0};

  // Normal zone of the 16 GiB machine: min 2997, low 5997, high 8997 (see below).
  private static final ZoneWatermarks NORMAL_16G = new ZoneWatermarks(2997, 5997, 8997, 11997);
  private static final FreeAreaView NOTHING_FREE = (order, type) -> false;

  @Test
  void intSqrtIsTheFloor() {
    assertThat(Watermarks.intSqrt(0)).isZero();
    assertThat(Watermarks.intSqrt(1)).isEqualTo(1);
    assertThat(Watermarks.intSqrt(3)).isEqualTo(1);
    assertThat(Watermarks.intSqrt(4)).isEqualTo(2);
    assertThat(Watermarks.intSqrt(15)).isEqualTo(3);
    assertThat(Watermarks.intSqrt(99)).isEqualTo(9);
    assertThat(Watermarks.intSqrt(100)).isEqualTo(10);
    // 3037000499^2 = 9223372030926249001 <= 2^63-1 < 3037000500^2 = 9223372037000250000
    assertThat(Watermarks.intSqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
    assertThatThrownBy(() -> Watermarks.intSqrt(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void defaultMinFreeKbytesIsFourTimesTheRootOfLowmem() {
    // 1 GiB = 1048576 KiB: sqrt(1048576 * 16) = sqrt(16777216) = 4096 (kernel comment: 1024MB 4096k)
    assertThat(Watermarks.defaultMinFreeKbytes(1L << 20)).isEqualTo(4096);
    // 2 GiB: sqrt(2097152 * 16) = sqrt(33554432) = 5792.6 -> 5792 (kernel comment: 2048MB 5792k)
    assertThat(Watermarks.defaultMinFreeKbytes(2L << 20)).isEqualTo(5792);
    // 16 GiB: sqrt(16777216 * 16) = sqrt(268435456) = 16384
    assertThat(Watermarks.defaultMinFreeKbytes(16L << 20)).isEqualTo(16384);
    // 64 GiB: sqrt(67108864 * 16) = sqrt(1073741824) = 32768
    assertThat(Watermarks.defaultMinFreeKbytes(64L << 20)).isEqualTo(32768);
    // 1 MiB: sqrt(1024 * 16) = 128, exactly the floor; 512 KiB: sqrt(8192) = 90 -> 128; 0 -> 128
    assertThat(Watermarks.defaultMinFreeKbytes(1024)).isEqualTo(128);
    assertThat(Watermarks.defaultMinFreeKbytes(512)).isEqualTo(128);
    assertThat(Watermarks.defaultMinFreeKbytes(0)).isEqualTo(128);
    // 4 TiB = 2^32 KiB: sqrt(2^36) = 2^18 = 262144, exactly the ceiling; 16 TiB: 2^19 -> 262144
    assertThat(Watermarks.defaultMinFreeKbytes(4L << 30)).isEqualTo(262144);
    assertThat(Watermarks.defaultMinFreeKbytes(16L << 30)).isEqualTo(262144);
    assertThatThrownBy(() -> Watermarks.defaultMinFreeKbytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowmem");
  }

  @Test
  void lowmemKbytesCountsZonesUpToNormal() {
    // (3840 + 1000000 + 15000000) pages * 4 KiB = 16003840 * 4 = 64015360; Movable is left out
    assertThat(Watermarks.lowmemKbytes(MACHINE_64G, 12)).isEqualTo(64_015_360L);
    // 64 KiB pages: (3840 + 500000) * 64 = 32245760
    assertThat(Watermarks.lowmemKbytes(MACHINE_2G, 16)).isEqualTo(32_245_760L);
  }

  @Test
  void watermarksOfA2GiBMachine() {
    // lowmem = (3840 + 500000) * 4 = 2015360 KiB; * 16 = 32245760;
    // 5678^2 = 32239684 <= 32245760 < 5679^2 = 32251041, so min_free_kbytes = 5678
    long minFree = Watermarks.defaultMinFreeKbytes(Watermarks.lowmemKbytes(MACHINE_2G, 12));
    assertThat(minFree).isEqualTo(5678);
    ZoneWatermarks[] w = Watermarks.setupPerZoneWmarks(MACHINE_2G, minFree);
    // pages_min = 5678 >> 2 = 1419; lowmem_pages = 503840
    // DMA: tmp = 1419 * 3840 / 503840 = 5448960 / 503840 = 10; gap = max(10 >> 2 = 2,
    //   3840 * 10 / 10000 = 3) = 3 -> 10, 13, 16, 19
    assertThat(w[0]).isEqualTo(new ZoneWatermarks(10, 13, 16, 19));
    // DMA32: tmp = 1419 * 500000 / 503840 = 709500000 / 503840 = 1408;
    //   gap = max(352, 500000 * 10 / 10000 = 500) = 500 -> 1408, 1908, 2408, 2908
    assertThat(w[1]).isEqualTo(new ZoneWatermarks(1408, 1908, 2408, 2908));
    // Normal is empty: tmp = 0, gap = 0
    assertThat(w[2]).isEqualTo(new ZoneWatermarks(0, 0, 0, 0));
    // Movable is empty but capped: min = clamp(0 / 1024, 32, 128) = 32, gap = 0
    assertThat(w[3]).isEqualTo(new ZoneWatermarks(32, 32, 32, 32));
  }

  @Test
  void watermarksOfA16GiBMachine() {
    // lowmem = 4003840 * 4 = 16015360 KiB; * 16 = 256245760;
    // 16007^2 = 256224049 <= 256245760 < 16008^2 = 256256064 -> 16007
    long minFree = Watermarks.defaultMinFreeKbytes(Watermarks.lowmemKbytes(MACHINE_16G, 12));
    assertThat(minFree).isEqualTo(16007);
    ZoneWatermarks[] w = Watermarks.setupPerZoneWmarks(MACHINE_16G, minFree);
    // pages_min = 16007 >> 2 = 4001; lowmem_pages = 4003840
    // DMA: 4001 * 3840 / 4003840 = 15363840 / 4003840 = 3; gap = max(0, 3) = 3
    assertThat(w[0]).isEqualTo(new ZoneWatermarks(3, 6, 9, 12));
    // DMA32: 4001 * 1000000 / 4003840 = 999; gap = max(249, 1000) = 1000
    assertThat(w[1]).isEqualTo(new ZoneWatermarks(999, 1999, 2999, 3999));
    // Normal: 4001 * 3000000 / 4003840 = 12003000000 / 4003840 = 2997; gap = max(749, 3000)
    assertThat(w[2]).isEqualTo(NORMAL_16G);
  }

  @Test
  void watermarksOfA64GiBMachineWithAMovableZone() {
    // lowmem = 16003840 * 4 = 64015360 KiB; * 16 = 1024245760;
    // 32003^2 = 1024192009 <= 1024245760 < 32004^2 = 1024256016 -> 32003
    long minFree = Watermarks.defaultMinFreeKbytes(Watermarks.lowmemKbytes(MACHINE_64G, 12));
    assertThat(minFree).isEqualTo(32003);
    ZoneWatermarks[] w = Watermarks.setupPerZoneWmarks(MACHINE_64G, minFree);
    // pages_min = 32003 >> 2 = 8000; lowmem_pages = 3840 + 1000000 + 15000000 = 16003840
    // DMA: 8000 * 3840 / 16003840 = 30720000 / 16003840 = 1; gap = max(0, 3) = 3
    assertThat(w[0]).isEqualTo(new ZoneWatermarks(1, 4, 7, 10));
    // DMA32: 8000000000 / 16003840 = 499; gap = max(124, 1000) = 1000
    assertThat(w[1]).isEqualTo(new ZoneWatermarks(499, 1499, 2499, 3499));
    // Normal: 120000000000 / 16003840 = 7498; gap = max(1874, 15000000 * 10 / 10000 = 15000)
    assertThat(w[2]).isEqualTo(new ZoneWatermarks(7498, 22498, 37498, 52498));
    // Movable: tmp = 4000000000 / 16003840 = 249; min = clamp(500000 / 1024 = 488, 32, 128) = 128;
    //   gap = max(249 >> 2 = 62, 500000 * 10 / 10000 = 500) = 500
    assertThat(w[3]).isEqualTo(new ZoneWatermarks(128, 628, 1128, 1628));
  }

  @Test
  void watermarkScaleFactorAndPageSizeAreHonoured() {
    // Two lowmem zones of 100000 pages, min_free_kbytes 8192, scale factor 100, 16 KiB pages:
    // pages_min = 8192 >> (14 - 10) = 512; each zone: tmp = 512 * 100000 / 200000 = 256;
    // gap = max(256 >> 2 = 64, 100000 * 100 / 10000 = 1000) = 1000 -> 256, 1256, 2256, 3256
    ZoneWatermarks[] w =
        Watermarks.setupPerZoneWmarks(
            new long[] {100_000, 100_000}, new boolean[] {false, false}, 8192, 100, 14);
    assertThat(w).containsExactly(
        new ZoneWatermarks(256, 1256, 2256, 3256), new ZoneWatermarks(256, 1256, 2256, 3256));
    // A 1 GiB highmem zone (262144 pages) beside it: min = clamp(262144 / 1024 = 256, 32, 128)
    // = 128; tmp = 512 * 262144 / 200000 = 671; gap = max(167, 262144 * 100 / 10000 = 2621)
    ZoneWatermarks[] h =
        Watermarks.setupPerZoneWmarks(
            new long[] {100_000, 100_000, 262_144}, new boolean[] {false, false, true}, 8192, 100,
            14);
    assertThat(h[2]).isEqualTo(new ZoneWatermarks(128, 2749, 5370, 7991));
  }

  @Test
  void setupRejectsBadInput() {
    assertThatThrownBy(() -> Watermarks.setupPerZoneWmarks(new long[] {-1, 5, 5, 5, 5}, 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managedPages[0]");
    assertThatThrownBy(() -> Watermarks.setupPerZoneWmarks(new long[] {0, 0, 0, 100, 0}, 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no managed pages");
    assertThatThrownBy(() -> Watermarks.setupPerZoneWmarks(MACHINE_16G, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min_free_kbytes");
    assertThatThrownBy(
            () -> Watermarks.setupPerZoneWmarks(MACHINE_16G, new boolean[5], 1024, 0, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watermark_scale_factor");
    assertThatThrownBy(
            () -> Watermarks.setupPerZoneWmarks(MACHINE_16G, new boolean[3], 1024, 10, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("highmem");
    assertThatThrownBy(() -> Watermarks.setupPerZoneWmarks(null, 1024))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("managedPages");
    assertThatThrownBy(() -> new ZoneWatermarks(10, 5, 20, 30))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lowmemReserveOfA16GiBMachine() {
    long[][] r = Watermarks.lowmemReserve(MACHINE_16G);
    // DMA (ratio 256): vs DMA32 1000000 / 256 = 3906; vs Normal (1000000 + 3000000) / 256 = 15625;
    //   vs Movable the same 4000000 / 256 = 15625 (Movable is empty)
    assertThat(r[0]).containsExactly(0, 3906, 15625, 15625, 15625);
    // DMA32 (ratio 256): vs Normal 3000000 / 256 = 11718; vs Movable 11718
    assertThat(r[1]).containsExactly(0, 0, 11718, 11718, 11718);
    // Normal (ratio 32): vs Movable 0 / 32 = 0; Movable keeps nothing
    assertThat(r[2]).containsExactly(0, 0, 0, 0, 0);
    assertThat(r[3]).containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void lowmemReserveOfA64GiBMachineWithAMovableZone() {
    long[][] r = Watermarks.lowmemReserve(MACHINE_64G);
    // DMA: 1000000 / 256 = 3906; 16000000 / 256 = 62500; 16500000 / 256 = 64453
    assertThat(r[0]).containsExactly(0, 3906, 62500, 64453, 64453);
    // DMA32: 15000000 / 256 = 58593; 15500000 / 256 = 60546
    assertThat(r[1]).containsExactly(0, 0, 58593, 60546, 60546);
    // Normal: 500000 / 32 = 15625
    assertThat(r[2]).containsExactly(0, 0, 0, 15625, 15625);
  }

  @Test
  void lowmemReserveIsZeroForRatioBelowOneAndForEmptyZones() {
    // DMA32's ratio 0 clears its row; DMA keeps its reserves
    long[][] r = Watermarks.lowmemReserve(MACHINE_16G, new int[] {256, 0, 32, 0, 0});
    assertThat(r[0]).containsExactly(0, 3906, 15625, 15625, 15625);
    assertThat(r[1]).containsExactly(0, 0, 0, 0, 0);
    // A negative ratio counts as 0 as well
    assertThat(Watermarks.lowmemReserve(MACHINE_16G, new int[] {-3, 256, 32, 0, 0})[0])
        .containsExactly(0, 0, 0, 0, 0);
    // The 2 GiB machine's empty Normal zone reserves nothing even against Movable
    long[][] small = Watermarks.lowmemReserve(new long[] {3840, 500_000, 0, 64, 0});
    assertThat(small[2]).containsExactly(0, 0, 0, 0, 0);
    // DMA against Movable: (500000 + 0 + 64) / 256 = 1953
    assertThat(small[0][3]).isEqualTo(1953);
    assertThatThrownBy(() -> Watermarks.lowmemReserve(MACHINE_16G, new int[] {256}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio");
  }

  @Test
  void allocFlagsPickTheWatermark() {
    assertThat(AllocFlags.mark(NORMAL_16G, ALLOC_WMARK_MIN | ALLOC_CPUSET)).isEqualTo(2997);
    assertThat(AllocFlags.mark(NORMAL_16G, ALLOC_WMARK_LOW | ALLOC_KSWAPD)).isEqualTo(5997);
    assertThat(AllocFlags.mark(NORMAL_16G, ALLOC_WMARK_HIGH)).isEqualTo(8997);
    // ALLOC_RESERVES = NON_BLOCK 0x10 | MIN_RESERVE 0x20 | HIGHATOMIC 0x200 | OOM 0x08 = 0x238
    assertThat(AllocFlags.ALLOC_RESERVES).isEqualTo(0x238);
  }

  @Test
  void orderZeroFailsAtTheMarkItself() {
    // low = 5997: free 5998 > 5997 passes, 5997 <= 5997 fails
    assertThat(ok(5998, 0, 5997, 0, ALLOC_WMARK_LOW, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(5997, 0, 5997, 0, ALLOC_WMARK_LOW, 0, 0, NOTHING_FREE)).isFalse();
  }

  @Test
  void highPriorityReachesHalfTheMinMark() {
    // __GFP_HIGH with direct reclaim: min = 2997 - 2997 / 2 = 2997 - 1498 = 1499
    int flags = ALLOC_WMARK_MIN | ALLOC_MIN_RESERVE;
    assertThat(ok(1500, 0, 2997, 0, flags, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(1499, 0, 2997, 0, flags, 0, 0, NOTHING_FREE)).isFalse();
    // OOM victims alone also halve it: 2997 - 1498 = 1499
    assertThat(ok(1500, 0, 2997, 0, ALLOC_OOM, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(1499, 0, 2997, 0, ALLOC_OOM, 0, 0, NOTHING_FREE)).isFalse();
  }

  @Test
  void atomicRequestsGoAQuarterDeeper() {
    // GFP_ATOMIC's slow-path flags: min = 2997 - 1498 = 1499, then 1499 - 1499 / 4 = 1499 - 374
    // = 1125
    int atomic = Gfp.GFP_ATOMIC.toAllocFlags(0);
    assertThat(ok(1126, 0, 2997, 0, atomic, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(1125, 0, 2997, 0, atomic, 0, 0, NOTHING_FREE)).isFalse();
    // ... and an atomic OOM victim halves again: 1125 - 1125 / 2 = 1125 - 562 = 563
    assertThat(ok(564, 0, 2997, 0, atomic | ALLOC_OOM, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(563, 0, 2997, 0, atomic | ALLOC_OOM, 0, 0, NOTHING_FREE)).isFalse();
    // GFP_NOWAIT is non-blocking but not __GFP_HIGH: the mark stays 2997
    int nowait = Gfp.GFP_NOWAIT.toAllocFlags(0);
    assertThat(ok(2997, 0, 2997, 0, nowait, 0, 0, NOTHING_FREE)).isFalse();
    assertThat(ok(2998, 0, 2997, 0, nowait, 0, 0, NOTHING_FREE)).isTrue();
  }

  @Test
  void highatomicReserveIsHeldBackFromOrdinaryCallers() {
    // GFP_KERNEL's slow path (no reserve flags): 3500 - 512 = 2988 <= 2997 fails
    int kernel = Gfp.GFP_KERNEL.toAllocFlags(0);
    assertThat(ok(3500, 0, 2997, 0, kernel, 512, 0, NOTHING_FREE)).isFalse();
    // without the reserve it would pass: 3500 > 2997
    assertThat(ok(3500, 0, 2997, 0, kernel, 0, 0, NOTHING_FREE)).isTrue();
    // GFP_NOWAIT carries ALLOC_NON_BLOCK, one of ALLOC_RESERVES: nothing held back, 3500 > 2997
    int nowait = Gfp.GFP_NOWAIT.toAllocFlags(0);
    assertThat(ok(3500, 0, 2997, 0, nowait, 512, 0, NOTHING_FREE)).isTrue();
  }

  @Test
  void freeCmaPagesCountOnlyForCmaCapableRequests() {
    // not movable: 7000 - 1003 = 5997 <= 5997 fails; movable (ALLOC_CMA): 7000 > 5997 passes
    assertThat(ok(7000, 0, 5997, 0, ALLOC_WMARK_LOW, 0, 1003, NOTHING_FREE)).isFalse();
    assertThat(ok(7000, 0, 5997, 0, ALLOC_WMARK_LOW | ALLOC_CMA, 0, 1003, NOTHING_FREE)).isTrue();
  }

  @Test
  void lowmemReserveRaisesTheBarForRequestsThatCouldUseHigherZones() {
    // DMA32 of the 16 GiB machine, low 1999, reserve vs Normal 11718: needs > 13717 free
    assertThat(ok(13718, 0, 1999, 11718, ALLOC_WMARK_LOW, 0, 0, NOTHING_FREE)).isTrue();
    assertThat(ok(13717, 0, 1999, 11718, ALLOC_WMARK_LOW, 0, 0, NOTHING_FREE)).isFalse();
    // a GFP_DMA32 request (highest zone DMA32, reserve 0) needs only > 1999
    assertThat(ok(2000, 0, 1999, 0, ALLOC_WMARK_LOW, 0, 0, NOTHING_FREE)).isTrue();
  }

  @Test
  void higherOrdersDiscountTheBlockAndNeedASuitableFreeBlock() {
    FreeAreaView movableOrder5 = (order, type) -> order == 5 && type == Migratetype.MOVABLE;
    // order 2: 6001 - (4 - 1) = 5998 > 5997 passes; 6000 - 3 = 5997 fails
    assertThat(ok(6001, 2, 5997, 0, ALLOC_WMARK_LOW, 0, 0, movableOrder5)).isTrue();
    assertThat(ok(6000, 2, 5997, 0, ALLOC_WMARK_LOW, 0, 0, movableOrder5)).isFalse();
    // enough pages but only order-2 blocks: an order-3 request finds nothing at 3..10
    FreeAreaView order2Only = (order, type) -> order == 2;
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW, 0, 0, order2Only)).isFalse();
    // an unmovable request may use a movable block: any pcp type counts
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW, 0, 0, movableOrder5)).isTrue();
    // order 6 is above the only free block
    assertThat(ok(10_000, 6, 5997, 0, ALLOC_WMARK_LOW, 0, 0, movableOrder5)).isFalse();
  }

  @Test
  void highatomicBlocksServeOnlyHighatomicOrOomRequests() {
    FreeAreaView highatomic = (order, type) -> order == 4 && type == Migratetype.HIGHATOMIC;
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW, 0, 0, highatomic)).isFalse();
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW | ALLOC_HIGHATOMIC, 0, 0, highatomic))
        .isTrue();
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW | ALLOC_OOM, 0, 0, highatomic)).isTrue();
    // GFP_ATOMIC at order 3: ALLOC_HIGHATOMIC is set, min = 1125 (see above)
    assertThat(ok(2000, 3, 2997, 0, Gfp.GFP_ATOMIC.toAllocFlags(3), 0, 0, highatomic)).isTrue();
    // ALLOC_NON_BLOCK alone does not open the highatomic lists
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW | ALLOC_NON_BLOCK, 0, 0, highatomic))
        .isFalse();
  }

  @Test
  void cmaBlocksServeOnlyCmaCapableRequests() {
    long[][] nrFree = new long[11][Migratetype.count()];
    nrFree[3][Migratetype.CMA.ordinal()] = 1;
    FreeAreaView cmaOnly = FreeAreaView.ofCounts(nrFree);
    assertThat(cmaOnly.maxOrder()).isEqualTo(10);
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW, 0, 0, cmaOnly)).isFalse();
    assertThat(ok(10_000, 3, 5997, 0, ALLOC_WMARK_LOW | ALLOC_CMA, 0, 0, cmaOnly)).isTrue();
  }

  @Test
  void watermarkCheckRejectsBadInput() {
    assertThatThrownBy(() -> ok(10, 11, 5, 0, 0, 0, 0, NOTHING_FREE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order 11");
    assertThatThrownBy(() -> ok(10, -1, 5, 0, 0, 0, 0, NOTHING_FREE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order -1");
    assertThatThrownBy(() -> ok(-1, 0, 5, 0, 0, 0, 0, NOTHING_FREE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("freePages");
    assertThatThrownBy(() -> ok(10, 0, 5, 0, 0, -2, 0, NOTHING_FREE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("highatomicPages");
    assertThatThrownBy(() -> ok(10, 0, 5, 0, 0, 0, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("area");
  }

  private static boolean ok(
      long free, int order, long mark, long reserve, int flags, long highatomic, long cma,
      FreeAreaView area) {
    return Watermarks.zoneWatermarkOk(free, order, mark, reserve, flags, highatomic, cma, area);
  }
}
