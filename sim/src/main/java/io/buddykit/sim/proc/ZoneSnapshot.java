package io.buddykit.sim.proc;

import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.ZoneWatermarks;
import java.util.Arrays;
import java.util.Objects;

/**
 * One zone's state at one moment, as /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo
 * show it: a value, so that views, JSON and charts all read the same numbers. Public as the
 * parts of a {@link MachineSnapshot}.
 *
 * @param node the node id
 * @param type the zone type; its {@link ZoneType#procName()} is the name /proc prints
 * @param startPfn zone_start_pfn
 * @param spannedPages pages from the zone's start to its end, holes included
 * @param presentPages pages of RAM in the zone
 * @param managedPages pages the buddy allocator was given
 * @param watermarks min, low, high and promo in pages, unboosted ({@code _watermark[]})
 * @param watermarkBoost the zone's watermark_boost, which Linux adds to each of them
 * @param protection lowmem_reserve by {@link ZoneType} ordinal of the request's highest zone
 * @param buddyinfo free blocks per order over all migratetypes
 * @param pagetypeinfo free blocks per order, by {@link Migratetype} ordinal
 * @param pageblocks pageblocks per migratetype, by {@link Migratetype} ordinal
 */
public record ZoneSnapshot(
    int node,
    ZoneType type,
    long startPfn,
    long spannedPages,
    long presentPages,
    long managedPages,
    ZoneWatermarks watermarks,
    long watermarkBoost,
    long[] protection,
    long[] buddyinfo,
    long[][] pagetypeinfo,
    long[] pageblocks) {

  public ZoneSnapshot {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(watermarks, "watermarks");
    if (watermarkBoost < 0) {
      throw new IllegalArgumentException("watermark boost " + watermarkBoost + " is negative");
    }
    if (protection.length != ZoneType.count() || pageblocks.length != Migratetype.count()
        || pagetypeinfo.length != Migratetype.count()) {
      throw new IllegalArgumentException("protection needs one entry per zone type, pagetypeinfo"
          + " and pageblocks one per migratetype");
    }
    protection = protection.clone();
    buddyinfo = buddyinfo.clone();
    pagetypeinfo = deepCopy(pagetypeinfo);
    pageblocks = pageblocks.clone();
  }

  /** Reads a zone of the running machine. */
  public static ZoneSnapshot of(Zone z) {
    long[] reserve = new long[ZoneType.count()];
    for (ZoneType t : ZoneType.values()) {
      reserve[t.ordinal()] = z.lowmemReserve(t);
    }
    long[][] free = new long[Migratetype.count()][];
    for (Migratetype mt : Migratetype.values()) {
      free[mt.ordinal()] = z.buddyInfo(mt);
    }
    return new ZoneSnapshot(z.node().id(), z.type(), z.startPfn(), z.spannedPages(),
        z.presentPages(), z.managedPages(), z.watermarks(), z.watermarkBoost(), reserve, z.buddyInfo(), free,
        z.pageblockCounts());
  }

  /** The name /proc prints for the zone. */
  public String name() {
    return type.procName();
  }

  /** NR_FREE_PAGES: the pages in the buddy allocator's free lists. */
  public long freePages() {
    return BuddyInfo.freeUnits(buddyinfo);
  }

  /** Linux's __fragmentation_index per order, x1000: what extfrag_index prints. */
  public int[] extfragIndex() {
    int[] out = new int[buddyinfo.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = Fragmentation.fragmentationIndex(buddyinfo, k);
    }
    return out;
  }

  /** Linux's unusable_free_index per order, x1000: what unusable_index prints. */
  public int[] unusableIndex() {
    int[] out = new int[buddyinfo.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = Fragmentation.unusableFreeIndex(buddyinfo, k);
    }
    return out;
  }

  /** Free blocks per order on the lists of {@code mt}. */
  public long[] pagetypeinfo(Migratetype mt) {
    return pagetypeinfo[mt.ordinal()].clone();
  }

  @Override
  public long[] protection() {
    return protection.clone();
  }

  @Override
  public long[] buddyinfo() {
    return buddyinfo.clone();
  }

  @Override
  public long[][] pagetypeinfo() {
    return deepCopy(pagetypeinfo);
  }

  @Override
  public long[] pageblocks() {
    return pageblocks.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZoneSnapshot z && node == z.node && type == z.type
        && startPfn == z.startPfn && spannedPages == z.spannedPages
        && presentPages == z.presentPages && managedPages == z.managedPages
        && watermarks.equals(z.watermarks) && watermarkBoost == z.watermarkBoost
        && Arrays.equals(protection, z.protection)
        && Arrays.equals(buddyinfo, z.buddyinfo) && Arrays.deepEquals(pagetypeinfo, z.pagetypeinfo)
        && Arrays.equals(pageblocks, z.pageblocks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, type, startPfn, managedPages, Arrays.hashCode(buddyinfo),
        Arrays.deepHashCode(pagetypeinfo), Arrays.hashCode(pageblocks));
  }

  @Override
  public String toString() {
    return "Node " + node + ", zone " + name() + " " + Arrays.toString(buddyinfo);
  }

  private static long[][] deepCopy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
