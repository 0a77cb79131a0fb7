package io.buddykit.sim;

import java.util.Objects;

/**
 * Linux's internal allocation flags ({@code ALLOC_*} in mm/internal.h, 6.6 to 6.12 values, x86-64
 * with CONFIG_MMU, CONFIG_CMA and CONFIG_ZONE_DMA32): what the page allocator derives from a GFP
 * mask to decide which watermark applies and which reserves a request may use.
 */
final class AllocFlags {
  private AllocFlags() {}

  /** Check against the min watermark (the value is WMARK_MIN, an index). */
  public static final int ALLOC_WMARK_MIN = 0;
  /** Check against the low watermark: the fast path's first attempt. */
  public static final int ALLOC_WMARK_LOW = 1;
  /** Check against the high watermark: the last try before the OOM killer. */
  public static final int ALLOC_WMARK_HIGH = 2;
  /** Skip the watermark check entirely (__GFP_MEMALLOC, PF_MEMALLOC). */
  public static final int ALLOC_NO_WATERMARKS = 0x04;
  /** The bits that index {@code zone->_watermark[]}. */
  public static final int ALLOC_WMARK_MASK = ALLOC_NO_WATERMARKS - 1;
  /** OOM victim: may use half of what remains of the min watermark. */
  public static final int ALLOC_OOM = 0x08;
  /** Caller cannot block: with ALLOC_MIN_RESERVE it reaches a further quarter of the min mark. */
  public static final int ALLOC_NON_BLOCK = 0x10;
  /** __GFP_HIGH: may use half of the min watermark. */
  public static final int ALLOC_MIN_RESERVE = 0x20;
  /** Honour the cpuset's memory nodes. */
  public static final int ALLOC_CPUSET = 0x40;
  /** May take pages from CMA pageblocks (movable requests only). */
  public static final int ALLOC_CMA = 0x80;
  /** Do not steal pageblocks of another migratetype while other local zones may serve. */
  public static final int ALLOC_NOFRAGMENT = 0x100;
  /** May use, and create, MIGRATE_HIGHATOMIC pageblocks. */
  public static final int ALLOC_HIGHATOMIC = 0x200;
  /** May wake kswapd; equal in value to __GFP_KSWAPD_RECLAIM. */
  public static final int ALLOC_KSWAPD = 0x800;
  /** The flags that allow an allocation below the min watermark. */
  public static final int ALLOC_RESERVES =
      ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM;

  /**
   * The watermark in pages that {@code allocFlags} selects, Linux's {@code wmark_pages(zone,
   * alloc_flags & ALLOC_WMARK_MASK)}: min, low or high (index 3, never selected by the allocator,
   * is the promotion mark). Linux adds {@code zone->watermark_boost}; boosting is not modelled.
   */
  public static long mark(ZoneWatermarks w, int allocFlags) {
    Objects.requireNonNull(w, "watermarks");
    return switch (allocFlags & ALLOC_WMARK_MASK) {
      case ALLOC_WMARK_MIN -> w.min();
      case ALLOC_WMARK_LOW -> w.low();
      case ALLOC_WMARK_HIGH -> w.high();
      default -> w.promo();
    };
  }
}
