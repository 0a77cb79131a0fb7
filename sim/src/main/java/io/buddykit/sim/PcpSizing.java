package io.buddykit.sim;

import java.util.Objects;

/**
 * Linux's per-CPU page list (pcp) geometry and sizing (mm/page_alloc.c and
 * include/linux/mmzone.h, 6.6 to 6.12, CONFIG_MMU and CONFIG_TRANSPARENT_HUGEPAGE): which list an
 * order and migratetype go to, how many pages move between a list and the buddy lists at a time
 * ({@code batch}), and how many a CPU may hold before it frees a batch back ({@code high}).
 */
final class PcpSizing {
  private PcpSizing() {}

  /** Orders up to this one are "cheap" and get per-CPU lists for each migratetype. */
  public static final int PAGE_ALLOC_COSTLY_ORDER = 3;
  /** One list per pcp migratetype for each order 0..3. */
  public static final int NR_LOWORDER_PCP_LISTS =
      Migratetype.PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1);
  /** THP-sized blocks get two lists since 6.5: one movable, one for the other pcp types. */
  public static final int NR_PCP_THP = 2;
  /** Lists per CPU per zone. */
  public static final int NR_PCP_LISTS = NR_LOWORDER_PCP_LISTS + NR_PCP_THP;
  /** pageblock_order = HPAGE_PMD_ORDER on x86-64 with 4 KiB pages: the THP order. */
  public static final int DEFAULT_THP_ORDER = 9;
  /** The smallest non-zero vm.percpu_pagelist_high_fraction, and the fraction of high_max. */
  public static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;

  /**
   * A zone's pcp limits as zone_set_pageset_high_and_batch sets them. From 6.7 {@code pcp->high}
   * floats between {@code highMin} and {@code highMax} (equal when the high fraction sysctl is
   * set); 6.6 has a single {@code high}, which is {@code highMin}.
   */
  public record Limits(int batch, int highMin, int highMax) {
    public Limits {
      if (batch < 1 || highMin < 0 || highMax < highMin) {
        throw new IllegalArgumentException(
            "need batch >= 1 and 0 <= highMin <= highMax: " + batch + ", " + highMin + ", "
                + highMax);
      }
    }
  }

  /**
   * Linux's zone_batchsize: about 0.1% of the zone, at most 1 MiB of pages, divided by 4 and then
   * rounded down to 2^n - 1 (from 1.5 times that) because power-of-two batches alias badly in
   * caches. Tiny zones get 0, which callers raise to 1 (see {@link #limits}).
   */
  public static int zoneBatchsize(long managedPages, int pageSize) {
    checkNonNegative(managedPages, "managedPages");
    if (pageSize < 1024 || pageSize > (1 << 20) || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException(
          "page size " + pageSize + " is not a power of two in 1 KiB..1 MiB");
    }
    int batch = (int) Math.min(managedPages >> 10, (1 << 20) / pageSize);
    batch /= 4;
    if (batch < 1) {
      batch = 1;
    }
    return Integer.highestOneBit(batch + batch / 2) - 1;
  }

  /**
   * Linux's zone_highsize: the pages a zone's pcp list may hold per CPU. With {@code highFraction}
   * 0 the zone's low watermark is the budget (so full pcp lists do not wake kswapd early),
   * otherwise managed / highFraction; the budget is split over {@code nrSplitCpus} and kept at
   * least 4 batches.
   *
   * @param nrSplitCpus the CPUs of the zone's node, plus 1 while a CPU is coming online (Linux's
   *     {@code cpu_online}); Linux uses all online CPUs when that sum is 0 (memory-only nodes)
   * @param highFraction vm.percpu_pagelist_high_fraction: 0, or 8 and above
   */
  public static int zoneHighsize(
      long managedPages, long lowWmarkPages, int batch, int nrSplitCpus, int highFraction) {
    checkNonNegative(managedPages, "managedPages");
    checkNonNegative(lowWmarkPages, "lowWmarkPages");
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    if (nrSplitCpus < 1) {
      throw new IllegalArgumentException("nrSplitCpus must be >= 1, got " + nrSplitCpus);
    }
    checkHighFraction(highFraction);
    long totalPages = highFraction == 0 ? lowWmarkPages : managedPages / highFraction;
    int high = (int) (totalPages / nrSplitCpus);
    return Math.max(high, batch << 2);
  }

  /**
   * Linux's zone_set_pageset_high_and_batch (6.7+ form): batch is max(1, zone_batchsize); with the
   * high fraction sysctl unset, highMin is the low-watermark based high and highMax the managed/8
   * based one; with it set, both are the fraction based high.
   */
  public static Limits limits(
      long managedPages, long lowWmarkPages, int nrSplitCpus, int highFraction, int pageSize) {
    checkHighFraction(highFraction);
    int batch = Math.max(1, zoneBatchsize(managedPages, pageSize));
    if (highFraction != 0) {
      int high = zoneHighsize(managedPages, lowWmarkPages, batch, nrSplitCpus, highFraction);
      return new Limits(batch, high, high);
    }
    int highMin = zoneHighsize(managedPages, lowWmarkPages, batch, nrSplitCpus, 0);
    int highMax =
        zoneHighsize(
            managedPages, lowWmarkPages, batch, nrSplitCpus, MIN_PERCPU_PAGELIST_HIGH_FRACTION);
    return new Limits(batch, highMin, highMax);
  }

  /** Linux's pcp_allowed_order: orders 0..3 and the THP order use the per-CPU lists. */
  public static boolean pcpAllowedOrder(int order, int thpOrder) {
    checkThpOrder(thpOrder);
    return order >= 0 && (order <= PAGE_ALLOC_COSTLY_ORDER || order == thpOrder);
  }

  /**
   * Linux's order_to_pindex: {@code PCPTYPES * order + migratetype} for orders 0..3, then the THP
   * lists (12 for unmovable and reclaimable, 13 for movable). Only the pcp migratetypes have
   * lists; Linux's free path files CMA and highatomic pages on the movable list before asking.
   */
  public static int orderToPindex(Migratetype type, int order, int thpOrder) {
    Objects.requireNonNull(type, "type");
    if (!type.mergeable()) {
      throw new IllegalArgumentException("migratetype " + type + " has no per-CPU list");
    }
    if (!pcpAllowedOrder(order, thpOrder)) {
      throw new IllegalArgumentException(
          "order " + order + " has no per-CPU list (0.." + PAGE_ALLOC_COSTLY_ORDER + " or "
              + thpOrder + ")");
    }
    if (order > PAGE_ALLOC_COSTLY_ORDER) {
      return NR_LOWORDER_PCP_LISTS + (type == Migratetype.MOVABLE ? 1 : 0);
    }
    return Migratetype.PCPTYPES * order + type.ordinal();
  }

  /** {@link #orderToPindex(Migratetype, int, int)} for a migratetype given by its number. */
  public static int orderToPindex(int migratetype, int order, int thpOrder) {
    return orderToPindex(Migratetype.of(migratetype), order, thpOrder);
  }

  /** {@link #orderToPindex(Migratetype, int, int)} with the x86-64 THP order 9. */
  public static int orderToPindex(Migratetype type, int order) {
    return orderToPindex(type, order, DEFAULT_THP_ORDER);
  }

  /** Linux's pindex_to_order: the order of the blocks on list {@code pindex}. */
  public static int pindexToOrder(int pindex, int thpOrder) {
    checkThpOrder(thpOrder);
    if (pindex < 0 || pindex >= NR_PCP_LISTS) {
      throw new IllegalArgumentException(
          "pcp list " + pindex + " outside 0.." + (NR_PCP_LISTS - 1));
    }
    return pindex >= NR_LOWORDER_PCP_LISTS ? thpOrder : pindex / Migratetype.PCPTYPES;
  }

  private static void checkThpOrder(int thpOrder) {
    if (thpOrder <= PAGE_ALLOC_COSTLY_ORDER || thpOrder > 30) {
      throw new IllegalArgumentException(
          "THP order " + thpOrder + " outside " + (PAGE_ALLOC_COSTLY_ORDER + 1) + "..30");
    }
  }

  private static void checkHighFraction(int highFraction) {
    if (highFraction != 0 && highFraction < MIN_PERCPU_PAGELIST_HIGH_FRACTION) {
      throw new IllegalArgumentException(
          "percpu_pagelist_high_fraction must be 0 or >= "
              + MIN_PERCPU_PAGELIST_HIGH_FRACTION + ", got " + highFraction);
    }
  }

  private static void checkNonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
  }
}
