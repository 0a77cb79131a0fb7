package io.buddykit.sim.proc;

import io.buddykit.sim.Machine;
import io.buddykit.sim.Migratetype;
import java.util.Locale;

/**
 * /proc/pagetypeinfo of a simulated machine, as mm/vmstat.c's pagetypeinfo_show prints it for
 * each node with memory: the pageblock size, free blocks per order for every migratetype of
 * every populated zone, then pageblocks per migratetype. The "mixed blocks" section needs
 * CONFIG_PAGE_OWNER and is not printed, as on most distribution kernels.
 */
public final class PagetypeInfoView {
  /** pagetypeinfo_showfree_print stops counting a free list here and prints {@code >100000}. */
  static final long LIST_WALK_CAP = 100_000;

  private PagetypeInfoView() {}

  public static String render(Machine m) {
    return render(MachineSnapshot.of(m));
  }

  public static String render(MachineSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (int nid = 0; nid < s.nodes(); nid++) {
      var zones = s.zones(nid).stream().filter(z -> z.presentPages() > 0).toList();
      if (zones.isEmpty()) {
        continue; // memoryless node: !node_state(nid, N_MEMORY)
      }
      b.append(f("Page block order: %d\n", s.pageblockOrder()));
      b.append(f("Pages per block:  %d\n", 1L << s.pageblockOrder()));
      b.append('\n');
      b.append(f("%-43s ", "Free pages count per migrate type at order"));
      for (int k = 0; k <= s.maxOrder(); k++) {
        b.append(f("%6d ", k));
      }
      b.append('\n');
      for (ZoneSnapshot z : zones) {
        for (Migratetype mt : Migratetype.values()) {
          b.append(f("Node %4d, zone %8s, type %12s ", nid, z.name(), mt.procName()));
          for (long n : z.pagetypeinfo(mt)) {
            b.append(n >= LIST_WALK_CAP ? ">" + LIST_WALK_CAP + " " : f("%6d ", n));
          }
          b.append('\n');
        }
      }
      b.append(f("\n%-23s", "Number of blocks type "));
      for (Migratetype mt : Migratetype.values()) {
        b.append(f("%12s ", mt.procName()));
      }
      b.append('\n');
      for (ZoneSnapshot z : zones) {
        b.append(f("Node %d, zone %8s ", nid, z.name()));
        for (long n : z.pageblocks()) {
          b.append(f("%12d ", n));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
