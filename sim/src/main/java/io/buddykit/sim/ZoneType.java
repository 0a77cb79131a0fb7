package io.buddykit.sim;

/**
 * Linux's zone types on x86-64 as distributions configure it (CONFIG_ZONE_DMA, CONFIG_ZONE_DMA32
 * and CONFIG_ZONE_DEVICE, no HIGHMEM), in the kernel's order, so {@code ordinal()} is the zone
 * index ({@code zone_idx}, {@code highest_zoneidx}) that gfp_zone returns and lowmem_reserve is
 * indexed by. No request's gfp_zone is Device (its pages are device memory mapped with
 * memremap_pages, never in the buddy allocator), and the model never populates Movable or Device;
 * both are there because /proc/zoneinfo prints them and every zone's protection has a column for
 * each.
 */
public enum ZoneType {
  DMA("DMA", 16L << 20),
  DMA32("DMA32", 4L << 30),
  NORMAL("Normal", Long.MAX_VALUE),
  MOVABLE("Movable", Long.MAX_VALUE),
  DEVICE("Device", Long.MAX_VALUE);

  private static final ZoneType[] VALUES = values();

  private final String procName;
  private final long limitBytes;

  ZoneType(String procName, long limitBytes) {
    this.procName = procName;
    this.limitBytes = limitBytes;
  }

  /** The name /proc/zoneinfo, /proc/buddyinfo and ftrace print. */
  public String procName() {
    return procName;
  }

  /**
   * The physical address the zone ends below: 16 MiB for DMA (ISA devices), 4 GiB for DMA32
   * (32-bit devices), {@link Long#MAX_VALUE} for zones without an addressing limit.
   */
  public long limitBytes() {
    return limitBytes;
  }

  /** {@link #limitBytes()} as a page frame number for pages of {@code 1 << pageShift} bytes. */
  public long limitPfn(int pageShift) {
    if (pageShift < 10 || pageShift > 30) {
      throw new IllegalArgumentException("page shift " + pageShift + " outside 10..30");
    }
    return limitBytes == Long.MAX_VALUE ? Long.MAX_VALUE : limitBytes >> pageShift;
  }

  /** The zone with index {@code n}; throws for an unknown index. */
  public static ZoneType of(int n) {
    if (n < 0 || n >= VALUES.length) {
      throw new IllegalArgumentException("no zone type " + n + " (0.." + (VALUES.length - 1) + ")");
    }
    return VALUES[n];
  }

  /** The zone type /proc prints as {@code name} ("DMA32", "Normal"); throws for an unknown name. */
  public static ZoneType ofProcName(String name) {
    for (ZoneType z : VALUES) {
      if (z.procName.equals(name)) {
        return z;
      }
    }
    throw new IllegalArgumentException("no zone named '" + name + "'");
  }

  /** Number of zone types: Linux's MAX_NR_ZONES for this configuration. */
  public static int count() {
    return VALUES.length;
  }
}
