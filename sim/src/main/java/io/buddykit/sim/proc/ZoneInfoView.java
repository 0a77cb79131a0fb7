package io.buddykit.sim.proc;

import io.buddykit.sim.Machine;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.ZoneWatermarks;
import java.util.Locale;

/**
 * The allocator's part of /proc/zoneinfo for a simulated machine: for every node and every zone
 * type (empty zones too, as zoneinfo_show prints them so lowmem_reserve_ratio's effect is
 * visible), the lines of mm/vmstat.c's zoneinfo_show_print from "pages free" to "protection:",
 * and for populated zones the {@code nr_free_pages} line. The other lines (per-node stats, LRU
 * and NUMA counters, pagesets, start_pfn) are left out; every line printed is a real line with
 * its real spacing, so the output is a subset of the kernel's file that a line filter on a real
 * machine reproduces.
 *
 * <p>Layout as mainline prints it, with the {@code promo} watermark line that 6.6 lacks: the
 * {@code boost} line, then each mark with the boost added ({@code min_wmark_pages} and friends);
 * a protection column for each of MAX_NR_ZONES zone types, Device included; an empty zone with
 * the marks __setup_per_zone_wmarks gives it (32 for Movable). CMA is not modelled: {@code cma}
 * is always 0.
 */
public final class ZoneInfoView {
  private ZoneInfoView() {}

  public static String render(Machine m) {
    return render(MachineSnapshot.of(m));
  }

  public static String render(MachineSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (int nid = 0; nid < s.nodes(); nid++) {
      for (ZoneType t : ZoneType.values()) {
        ZoneSnapshot z = s.zone(nid, t);
        if (z == null) {
          empty(b, nid, t);
        } else {
          zone(b, z);
        }
      }
    }
    return b.toString();
  }

  private static void zone(StringBuilder b, ZoneSnapshot z) {
    ZoneWatermarks w = z.watermarks();
    b.append(f("Node %d, zone %8s", z.node(), z.name()));
    counts(b, z.freePages(), z.watermarkBoost(), w, z.spannedPages(), z.presentPages(), z.managedPages());
    protection(b, z.protection());
    if (z.presentPages() > 0) { // populated_zone: the per-zone counters follow
      b.append(f("\n      %-12s %d", "nr_free_pages", z.freePages()));
    }
    b.append('\n');
  }

  /**
   * A zone type the node has no memory in. Linux still has the struct: no pages, reserves all 0
   * (setup_per_zone_lowmem_reserve clears the reserves of a zone without managed pages), and the
   * watermarks of {@link ZoneWatermarks#unpopulated}.
   */
  private static void empty(StringBuilder b, int nid, ZoneType t) {
    b.append(f("Node %d, zone %8s", nid, t.procName()));
    counts(b, 0, 0, ZoneWatermarks.unpopulated(t), 0, 0, 0);
    protection(b, new long[ZoneType.count()]);
    b.append('\n');
  }

  private static void counts(StringBuilder b, long free, long boost, ZoneWatermarks w, long spanned,
      long present, long managed) {
    b.append(f("\n  pages free     %d", free));
    b.append(f("\n        boost    %d", boost));
    b.append(f("\n        min      %d", w.min() + boost));
    b.append(f("\n        low      %d", w.low() + boost));
    b.append(f("\n        high     %d", w.high() + boost));
    b.append(f("\n        promo    %d", w.promo() + boost));
    b.append(f("\n        spanned  %d", spanned));
    b.append(f("\n        present  %d", present));
    b.append(f("\n        managed  %d", managed));
    b.append(f("\n        cma      %d", 0));
  }

  private static void protection(StringBuilder b, long[] reserve) {
    b.append(f("\n        protection: (%d", reserve[0]));
    for (int i = 1; i < reserve.length; i++) {
      b.append(f(", %d", reserve[i]));
    }
    b.append(')');
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
