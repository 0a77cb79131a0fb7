package io.buddykit.sim.proc;

import io.buddykit.sim.Machine;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.ZoneFreeLists;
import io.buddykit.sim.ZoneType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /**
   * Reads /proc/pagetypeinfo as a kernel printed it (the inverse of {@link #render}): per zone,
   * free blocks per (migratetype, order) and pageblocks per migratetype. A count printed as
   * {@code >100000} (the kernel stops walking a list there) reads as 100000, a lower bound.
   * Migratetypes the model lacks are ignored; zones the model lacks (Device) too. Throws {@link
   * IllegalArgumentException} naming the line for anything else it cannot read.
   */
  public static List<ZoneFreeLists> parse(String text) {
    Map<String, long[][]> free = new LinkedHashMap<>();
    Map<String, long[]> blocks = new LinkedHashMap<>();
    String[] columns = null;
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      try {
        if (line.startsWith("Number of blocks type")) {
          columns = line.substring("Number of blocks type".length()).strip().split("\\s+");
        } else if (line.startsWith("Node") && line.contains(", type")) {
          String[] f = line.split("[,\\s]+");
          Migratetype mt = migratetype(f[5]);
          long[][] rows = free.computeIfAbsent(f[1] + " " + f[3], k -> new long[Migratetype.count()][]);
          long[] counts = new long[f.length - 6];
          for (int j = 0; j < counts.length; j++) {
            counts[j] = Long.parseLong(f[6 + j].replace(">", ""));
          }
          if (mt != null) {
            rows[mt.ordinal()] = counts;
          }
        } else if (line.startsWith("Node") && columns != null) {
          String[] f = line.split("[,\\s]+");
          long[] n = blocks.computeIfAbsent(f[1] + " " + f[3], k -> new long[Migratetype.count()]);
          for (int j = 0; j < columns.length && 4 + j < f.length; j++) {
            Migratetype mt = migratetype(columns[j]);
            if (mt != null) {
              n[mt.ordinal()] = Long.parseLong(f[4 + j]);
            }
          }
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("pagetypeinfo line " + (i + 1) + ": cannot read '" + line + "'", e);
      }
    }
    return zones(free, blocks);
  }

  private static List<ZoneFreeLists> zones(Map<String, long[][]> free, Map<String, long[]> blocks) {
    List<ZoneFreeLists> zones = new ArrayList<>();
    for (var e : free.entrySet()) {
      String[] key = e.getKey().split(" ");
      ZoneType type;
      try {
        type = ZoneType.ofProcName(key[1]);
      } catch (IllegalArgumentException notModelled) {
        continue;
      }
      long[][] rows = e.getValue();
      int orders = 0;
      for (long[] r : rows) {
        orders = Math.max(orders, r == null ? 0 : r.length);
      }
      for (int mt = 0; mt < rows.length; mt++) {
        rows[mt] = rows[mt] == null ? new long[orders] : rows[mt];
      }
      long[] pb = blocks.getOrDefault(e.getKey(), new long[Migratetype.count()]);
      zones.add(new ZoneFreeLists(Integer.parseInt(key[0]), type, rows, pb));
    }
    return zones;
  }

  private static Migratetype migratetype(String procName) {
    for (Migratetype mt : Migratetype.values()) {
      if (mt.procName().equals(procName)) {
        return mt;
      }
    }
    return null;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
