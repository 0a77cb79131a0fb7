package io.buddykit.sim;

/**
 * One zone's watermarks in pages, as __setup_per_zone_wmarks sets {@code zone->_watermark[]}:
 * allocations dip below {@code low} only in the slow path, {@code min} is the floor for ordinary
 * callers, kswapd reclaims until {@code high}, and {@code promo} is the memory-tiering promotion
 * target. Watermark boosting is not part of this value (see {@link Watermarks}).
 */
public record ZoneWatermarks(long min, long low, long high, long promo) {
  public ZoneWatermarks {
    if (min < 0 || low < min || high < low || promo < high) {
      throw new IllegalArgumentException(
          "watermarks must satisfy 0 <= min <= low <= high <= promo: " + min + ", " + low + ", "
              + high + ", " + promo);
    }
  }
}
