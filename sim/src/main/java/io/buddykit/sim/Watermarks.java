package io.buddykit.sim;

import static io.buddykit.sim.AllocFlags.ALLOC_CMA;
import static io.buddykit.sim.AllocFlags.ALLOC_HIGHATOMIC;
import static io.buddykit.sim.AllocFlags.ALLOC_MIN_RESERVE;
import static io.buddykit.sim.AllocFlags.ALLOC_NON_BLOCK;
import static io.buddykit.sim.AllocFlags.ALLOC_OOM;
import static io.buddykit.sim.AllocFlags.ALLOC_RESERVES;

import java.util.List;
import java.util.Objects;

/**
 * Linux's zone watermark arithmetic (mm/page_alloc.c, 6.6 to 6.12): the default min_free_kbytes,
 * the per-zone min/low/high/promo marks, the lowmem reserves that protect lower zones from
 * requests that could have used higher ones, and the watermark check every allocation passes.
 *
 * <p>Every mark here is the unboosted {@code _watermark[]} value; {@link #boostWatermark} gives
 * the boost a zone adds to all of them after a fragmenting fallback, and {@link
 * #recommendedMinFreeKbytes} khugepaged's raise of min_free_kbytes when THP is enabled.
 */
final class Watermarks {
  private Watermarks() {}

  /** Floor of the boot-time min_free_kbytes. */
  public static final int MIN_FREE_KBYTES_FLOOR = 128;
  /** Ceiling of the boot-time min_free_kbytes (256 MiB). */
  public static final int MIN_FREE_KBYTES_CEILING = 262144;
  /** vm.watermark_scale_factor's default: the low-min and high-low gaps are 0.1% of the zone. */
  public static final int DEFAULT_WATERMARK_SCALE_FACTOR = 10;
  /** Linux's SWAP_CLUSTER_MAX: the smallest min watermark of a highmem or movable zone. */
  public static final int SWAP_CLUSTER_MAX = 32;
  /**
   * vm.lowmem_reserve_ratio's defaults by {@link ZoneType} ordinal: DMA, DMA32, Normal, Movable,
   * Device (sysctl_lowmem_reserve_ratio, which leaves Device 0).
   */
  public static final List<Integer> DEFAULT_LOWMEM_RESERVE_RATIO = List.of(256, 256, 32, 0, 0);

  /** Linux's {@code int_sqrt}: the floor of the square root of {@code x}. */
  public static long intSqrt(long x) {
    if (x < 0) {
      throw new IllegalArgumentException("int_sqrt of negative " + x);
    }
    if (x <= 1) {
      return x;
    }
    // Digit-by-digit in base 4: start at the highest even bit at or below the top bit.
    long bit = 1L << ((63 - Long.numberOfLeadingZeros(x)) & ~1);
    long rest = x;
    long root = 0;
    while (bit != 0) {
      long trial = root + bit;
      root >>>= 1;
      if (rest >= trial) {
        rest -= trial;
        root += bit;
      }
      bit >>>= 2;
    }
    return root;
  }

  /**
   * The lowmem size that calculate_min_free_kbytes starts from at boot, in KiB: Linux's {@code
   * nr_free_buffer_pages() * (PAGE_SIZE >> 10)}, the managed pages of every zone up to Normal
   * (GFP_USER's highest zone) less their high watermarks, which are still 0 when
   * init_per_zone_wmark_min first runs. {@code managedPages[i]} is the zone of {@link
   * ZoneType#of(int) ZoneType i}, summed over the nodes.
   */
  public static long lowmemKbytes(long[] managedPages, int pageShift) {
    checkPageShift(pageShift);
    checkZones(managedPages, "managedPages");
    if (managedPages.length != ZoneType.count()) {
      throw new IllegalArgumentException(
          "managedPages needs one entry per ZoneType (" + ZoneType.count() + "), got "
              + managedPages.length);
    }
    long pages = 0;
    for (int i = 0; i <= ZoneType.NORMAL.ordinal(); i++) {
      pages = Math.addExact(pages, managedPages[i]);
    }
    return Math.multiplyExact(pages, 1L << (pageShift - 10));
  }

  /**
   * Linux's boot-time min_free_kbytes (calculate_min_free_kbytes, called by
   * init_per_zone_wmark_min): {@code int_sqrt(lowmem_kbytes * 16)} clamped to [128, 262144], that
   * is 4 * sqrt(lowmem) so it grows slower than memory. A value the user wrote to the sysctl is
   * the caller's business.
   */
  public static long defaultMinFreeKbytes(long lowmemKbytes) {
    if (lowmemKbytes < 0) {
      throw new IllegalArgumentException("lowmem kbytes must be >= 0, got " + lowmemKbytes);
    }
    long root = intSqrt(Math.multiplyExact(lowmemKbytes, 16L));
    return Math.clamp(root, MIN_FREE_KBYTES_FLOOR, MIN_FREE_KBYTES_CEILING);
  }

  /**
   * khugepaged's {@code set_recommended_min_free_kbytes} (mm/khugepaged.c, the same in 6.12 and
   * 7.3), run when THP is enabled at boot: two free pageblocks per populated zone up to Normal,
   * plus MIGRATE_PCPTYPES^2 pageblocks per zone "almost free of another type", capped at 5% of
   * {@code nr_free_buffer_pages()}; min_free_kbytes becomes that when it is larger.
   *
   * @param minFreeKbytes the value calculate_min_free_kbytes set
   * @param lowZones populated zones whose index is at most ZONE_NORMAL (gfp_zone(GFP_USER)), all nodes
   * @param freeBufferPages nr_free_buffer_pages(): managed less high watermark, summed over those zones
   */
  public static long recommendedMinFreeKbytes(long minFreeKbytes, int lowZones, long freeBufferPages,
      int pageblockOrder, int pageShift) {
    checkPageShift(pageShift);
    if (minFreeKbytes < 0 || lowZones < 0 || freeBufferPages < 0 || pageblockOrder < 0 || pageblockOrder > 20) {
      throw new IllegalArgumentException("recommended min_free_kbytes needs counts >= 0 and a pageblock order"
          + " 0..20: " + minFreeKbytes + ", " + lowZones + ", " + freeBufferPages + ", " + pageblockOrder);
    }
    long pageblock = 1L << pageblockOrder;
    long pages = pageblock * lowZones * 2
        + pageblock * lowZones * Migratetype.PCPTYPES * Migratetype.PCPTYPES;
    pages = Math.min(pages, freeBufferPages / 20);
    return Math.max(minFreeKbytes, pages << (pageShift - 10));
  }

  /**
   * Linux's {@code boost_watermark} (mm/page_alloc.c, 6.12 and 7.3): the zone's new {@code
   * watermark_boost} after a fallback that fragments another migratetype's pageblock, one
   * pageblock more, at most {@code max(pageblock, high * boostFactor / 10000)}; or -1 where
   * boost_watermark returns false: when the factor is 0, when the zone is smaller than four
   * pageblocks, or when its high mark is not set yet ({@code max_boost} is 0).
   */
  public static long boostWatermark(long boost, long managedPages, long high, int boostFactor, int pageblockOrder) {
    long pageblock = 1L << pageblockOrder;
    if (boostFactor == 0 || pageblock * 4 > managedPages) {
      return -1;
    }
    long maxBoost = multFrac(high, boostFactor, 10000);
    if (maxBoost == 0) {
      return -1;
    }
    maxBoost = Math.max(pageblock, maxBoost);
    return Math.min(boost + pageblock, maxBoost);
  }

  /**
   * Every zone's watermarks exactly as {@code __setup_per_zone_wmarks} computes them. The arrays
   * list every zone of every node ({@code for_each_zone}), empty ones included; {@code
   * highmem[i]} is true for ZONE_HIGHMEM and ZONE_MOVABLE, whose min mark is capped to
   * clamp(managed / 1024, 32, 128) because reserve users rarely need their pages. The low-min,
   * high-low and promo-high gaps are max(proportional min / 4, managed * scale / 10000).
   */
  public static ZoneWatermarks[] setupPerZoneWmarks(
      long[] managedPages,
      boolean[] highmem,
      long minFreeKbytes,
      int watermarkScaleFactor,
      int pageShift) {
    checkZones(managedPages, "managedPages");
    Objects.requireNonNull(highmem, "highmem");
    if (highmem.length != managedPages.length) {
      throw new IllegalArgumentException(
          "highmem has " + highmem.length + " zones, managedPages " + managedPages.length);
    }
    if (minFreeKbytes < 0) {
      throw new IllegalArgumentException("min_free_kbytes must be >= 0, got " + minFreeKbytes);
    }
    // The sysctl's own bounds (SYSCTL_ONE .. SYSCTL_THREE_THOUSAND).
    if (watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
      throw new IllegalArgumentException(
          "watermark_scale_factor " + watermarkScaleFactor + " outside 1..3000");
    }
    checkPageShift(pageShift);
    long pagesMin = minFreeKbytes >> (pageShift - 10);
    long lowmemPages = 0;
    for (int i = 0; i < managedPages.length; i++) {
      if (!highmem[i]) {
        lowmemPages = Math.addExact(lowmemPages, managedPages[i]);
      }
    }
    if (lowmemPages == 0) {
      // Linux would divide by zero; a machine without lowmem cannot boot.
      throw new IllegalArgumentException("no managed pages outside highmem/movable zones");
    }
    ZoneWatermarks[] out = new ZoneWatermarks[managedPages.length];
    for (int i = 0; i < managedPages.length; i++) {
      long managed = managedPages[i];
      // u64 arithmetic as in the kernel: the product wraps rather than overflowing.
      long tmp = Long.divideUnsigned(pagesMin * managed, lowmemPages);
      long min = highmem[i] ? Math.clamp(managed / 1024, SWAP_CLUSTER_MAX, 128L) : tmp;
      // The gaps drive kswapd, so they stay proportional even where min is capped.
      long gap = Math.max(tmp >>> 2, multFrac(managed, watermarkScaleFactor, 10000));
      long low = min + gap;
      long high = low + gap;
      out[i] = new ZoneWatermarks(min, low, high, high + gap);
    }
    return out;
  }

  /**
   * {@link #setupPerZoneWmarks(long[], boolean[], long, int, int)} for one x86-64 node with 4 KiB
   * pages and the default scale factor: {@code managedPages[i]} is the zone of {@link
   * ZoneType#of(int) ZoneType i}, and ZONE_MOVABLE is the capped zone.
   */
  public static ZoneWatermarks[] setupPerZoneWmarks(long[] managedPages, long minFreeKbytes) {
    checkZones(managedPages, "managedPages");
    if (managedPages.length != ZoneType.count()) {
      throw new IllegalArgumentException(
          "managedPages needs one entry per ZoneType (" + ZoneType.count() + "), got "
              + managedPages.length);
    }
    boolean[] highmem = new boolean[ZoneType.count()];
    highmem[ZoneType.MOVABLE.ordinal()] = true;
    return setupPerZoneWmarks(
        managedPages, highmem, minFreeKbytes, DEFAULT_WATERMARK_SCALE_FACTOR, 12);
  }

  /**
   * One node's lowmem reserves exactly as setup_per_zone_lowmem_reserve computes them: {@code
   * result[i][j]} is the number of pages zone {@code i} keeps back from a request whose highest
   * allowed zone is {@code j}, namely (managed pages of zones i+1..j) / ratio[i]. It is 0 when
   * {@code j <= i}, when ratio[i] is below 1 (the sysctl turns those into 0) and when zone {@code
   * i} manages no pages. The topmost zone never reserves anything.
   */
  public static long[][] lowmemReserve(long[] managedPages, int[] ratio) {
    checkZones(managedPages, "managedPages");
    Objects.requireNonNull(ratio, "ratio");
    if (ratio.length != managedPages.length) {
      throw new IllegalArgumentException(
          "ratio has " + ratio.length + " zones, managedPages " + managedPages.length);
    }
    int n = managedPages.length;
    long[][] reserve = new long[n][n];
    for (int i = 0; i < n - 1; i++) {
      boolean clear = ratio[i] < 1 || managedPages[i] == 0;
      long upper = 0;
      for (int j = i + 1; j < n; j++) {
        upper = Math.addExact(upper, managedPages[j]);
        reserve[i][j] = clear ? 0 : upper / ratio[i];
      }
    }
    return reserve;
  }

  /** {@link #lowmemReserve(long[], int[])} with {@link #DEFAULT_LOWMEM_RESERVE_RATIO}. */
  public static long[][] lowmemReserve(long[] managedPages) {
    int[] ratio = DEFAULT_LOWMEM_RESERVE_RATIO.stream().mapToInt(Integer::intValue).toArray();
    return lowmemReserve(managedPages, ratio);
  }

  /**
   * Linux's {@code __zone_watermark_ok} with {@code __zone_watermark_unusable_free}: may a request
   * of {@code order} with {@code allocFlags} take pages from a zone with {@code freePages} free?
   *
   * <p>Pages the request cannot use are taken off first: {@code (1 << order) - 1} (the block
   * itself must stay above the mark), the highatomic reserve unless the request may dip into
   * reserves, and free CMA pages unless it may use CMA. Reserve users lower the mark: half of it
   * for ALLOC_MIN_RESERVE (__GFP_HIGH), a further quarter of the rest when also ALLOC_NON_BLOCK
   * (GFP_ATOMIC), and half of what is left for ALLOC_OOM. The check fails when the remaining free
   * pages are {@code <= mark + lowmemReserve}; an order-0 request then passes, a higher one also
   * needs a free block of at least its order in an unmovable/movable/reclaimable list, or in the
   * CMA list with ALLOC_CMA, or in the highatomic list with ALLOC_HIGHATOMIC or ALLOC_OOM.
   *
   * <p>The order-0 shortcut of {@code zone_watermark_fast} gives the same answer once boosting is
   * ignored, so it has no method of its own.
   *
   * @param freePages the zone's NR_FREE_PAGES
   * @param mark the watermark, usually {@link AllocFlags#mark}
   * @param lowmemReserve {@code zone->lowmem_reserve[highest_zoneidx]}, see {@link #lowmemReserve}
   * @param highatomicPages the highatomic pages to hold back: Linux 6.6 subtracts {@code
   *     zone->nr_reserved_highatomic} (all reserved pages, an over-estimate); kernels carrying the
   *     late-2024 "keep track of free highatomic" change subtract {@code nr_free_highatomic}
   * @param freeCmaPages the zone's NR_FREE_CMA_PAGES
   * @param area the zone's free lists, for requests above order 0
   */
  public static boolean zoneWatermarkOk(
      long freePages,
      int order,
      long mark,
      long lowmemReserve,
      int allocFlags,
      long highatomicPages,
      long freeCmaPages,
      FreeAreaView area) {
    Objects.requireNonNull(area, "area");
    if (order < 0 || order > area.maxOrder()) {
      throw new IllegalArgumentException("order " + order + " outside 0.." + area.maxOrder());
    }
    checkCount(freePages, "freePages");
    checkCount(mark, "mark");
    checkCount(lowmemReserve, "lowmemReserve");
    checkCount(highatomicPages, "highatomicPages");
    checkCount(freeCmaPages, "freeCmaPages");

    long unusable = (1L << order) - 1;
    if ((allocFlags & ALLOC_RESERVES) == 0) {
      unusable += highatomicPages;
    }
    if ((allocFlags & ALLOC_CMA) == 0) {
      unusable += freeCmaPages;
    }
    // May go negative, as in the kernel.
    long free = freePages - unusable;

    long min = mark;
    if ((allocFlags & ALLOC_RESERVES) != 0) {
      if ((allocFlags & ALLOC_MIN_RESERVE) != 0) {
        min -= min / 2;
        // Only non-blocking __GFP_HIGH (GFP_ATOMIC) goes deeper; GFP_NOWAIT alone does not.
        if ((allocFlags & ALLOC_NON_BLOCK) != 0) {
          min -= min / 4;
        }
      }
      if ((allocFlags & ALLOC_OOM) != 0) {
        min -= min / 2;
      }
    }

    if (free <= min + lowmemReserve) {
      return false;
    }
    if (order == 0) {
      return true;
    }
    for (int o = order; o <= area.maxOrder(); o++) {
      for (int mt = 0; mt < Migratetype.PCPTYPES; mt++) {
        if (area.hasFree(o, Migratetype.of(mt))) {
          return true;
        }
      }
      if ((allocFlags & ALLOC_CMA) != 0 && area.hasFree(o, Migratetype.CMA)) {
        return true;
      }
      if ((allocFlags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) != 0
          && area.hasFree(o, Migratetype.HIGHATOMIC)) {
        return true;
      }
    }
    return false;
  }

  /** Linux's {@code mult_frac(x, n, d)}: x * n / d without overflowing the product. */
  private static long multFrac(long x, long n, long d) {
    long q = x / d;
    long r = x % d;
    return q * n + r * n / d;
  }

  private static void checkZones(long[] managedPages, String what) {
    Objects.requireNonNull(managedPages, what);
    for (int i = 0; i < managedPages.length; i++) {
      if (managedPages[i] < 0) {
        throw new IllegalArgumentException(
            what + "[" + i + "] must be >= 0, got " + managedPages[i]);
      }
    }
  }

  private static void checkPageShift(int pageShift) {
    if (pageShift < 10 || pageShift > 30) {
      throw new IllegalArgumentException("page shift " + pageShift + " outside 10..30");
    }
  }

  private static void checkCount(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
  }
}
