package io.buddykit.sim;

/**
 * One zone's watermarks in pages, as __setup_per_zone_wmarks sets {@code zone->_watermark[]}:
 * allocations dip below {@code low} only in the slow path, {@code min} is the floor for ordinary
 * callers, kswapd reclaims until {@code high}, and {@code promo} is the memory-tiering promotion
 * target. The zone's watermark boost is not part of this value: Linux adds it to every mark
 * ({@code wmark_pages}), see {@link Zone#watermarkBoost()}.
 */
public record ZoneWatermarks(long min, long low, long high, long promo) {
  /**
   * The marks __setup_per_zone_wmarks gives a zone without managed pages (mm/page_alloc.c, 6.12
   * and 7.3): all 0, but Movable's min is capped from below like a highmem zone's, at
   * SWAP_CLUSTER_MAX, and its gaps are 0, so min, low, high and promo are all 32, as
   * /proc/zoneinfo prints for an empty Movable zone.
   */
  public static ZoneWatermarks unpopulated(ZoneType type) {
    long min = type == ZoneType.MOVABLE ? Watermarks.SWAP_CLUSTER_MAX : 0;
    return new ZoneWatermarks(min, min, min, min);
  }

  public ZoneWatermarks {
    if (min < 0 || low < min || high < low || promo < high) {
      throw new IllegalArgumentException(
          "watermarks must satisfy 0 <= min <= low <= high <= promo: " + min + ", " + low + ", "
              + high + ", " + promo);
    }
  }
}
