package io.buddykit.experiments.boot;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.sim.Boot;
import io.buddykit.sim.BootLayout;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Memblock;
import io.buddykit.sim.Zone;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The seed's boot story, run on the simulator: memblock reserves the kernel, the initrd, the
 * temporary page tables and the memmap, hands the rest to the buddy allocator as maximal aligned
 * blocks, and after boot the initrd and page tables are freed. Measures what that release gives
 * back: buddyinfo before and after, the merges it made, and the order >= pageblock blocks gained.
 */
public final class BootScenario implements Scenario {
  private static final String AUTO = "auto";

  @Override
  public String name() {
    return "boot";
  }

  @Override
  public String description() {
    return "boot: memblock reservations, hand-over to the buddy allocator, and how freeing initrd and boot page tables coalesces";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("memory", "4G", "RAM of the machine (e.g. 64M, 4G)"),
        Param.text("nodes", "1", "NUMA nodes, RAM split evenly"),
        Param.text("kernel", AUTO, "kernel image size, or auto for BootLayout.forMemory's (24M from 1G of RAM per node)"),
        Param.text("initrd", AUTO, "initial ramdisk size, or auto for BootLayout.forMemory's (a 56 MiB Debian initrd from 1G of RAM per node)"));
  }

  @Override
  public Result run(Params p) {
    long bytes = ByteSize.parse("memory", p.string("memory"));
    p.require(bytes >= 16L << 20 && bytes <= 64L << 30, "memory", "must be in [16M, 64G]");
    int nodes = p.getInt("nodes");
    p.require(nodes >= 1 && nodes <= 64, "nodes", "must be in [1, 64]");
    MachineConfig base;
    try {
      base = MachineConfig.of(bytes, nodes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameters memory/nodes: " + e.getMessage(), e);
    }
    BootLayout d = BootLayout.forMemory(base.nodeBytes()[0]);
    long kernel = size(p, "kernel", d.kernelBytes());
    long initrd = size(p, "initrd", d.initrdBytes());
    BootLayout layout = new BootLayout(d.firmwareHoles(), kernel, initrd, d.memmapBytesPerPage(),
        d.bootPageTableBytes(), d.swiotlbBytes());
    Machine m;
    try {
      m = Machine.boot(base.withBoot(layout));
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalArgumentException("parameters kernel/initrd do not fit the machine: " + e.getMessage(), e);
    }
    return measure(m, Result.builder(name(), p));
  }

  private static long size(Params p, String name, long auto) {
    String text = p.string(name).trim();
    long v = text.equalsIgnoreCase(AUTO) ? auto : ByteSize.parse(name, text);
    p.require(v >= 0 && v <= 1L << 40, name, "must be in [0, 1T]");
    return v;
  }

  /** Releases {@code m}'s init memory (it must be just booted) and reports what changed. */
  static Result measure(Machine m, Result.Builder out) {
    int maxOrder = m.config().maxOrder();
    int pbOrder = m.config().pageblockOrder();
    List<Memblock.Region> reserved = m.memblock().reserved();
    List<Memblock.Region> released = reserved.stream()
        .filter(r -> r.name().equals(Boot.INITRD) || r.name().equals(Boot.BOOT_PAGE_TABLES)).toList();
    List<Zone> zones = m.zones();
    List<long[]> before = zones.stream().map(Zone::buddyInfo).toList();
    long managedBefore = m.managedPages();
    long releasedPages = m.releaseInitMemory();

    ResultTable.Builder resv = ResultTable.builder("name", "node", "start pfn", "end pfn", "pages", "KiB", "zone",
        "released after boot");
    long ram = 0;
    for (Memblock.Region r : m.memblock().memory()) {
      ram += r.pages();
    }
    long reservedPages = 0;
    for (Memblock.Region r : reserved) {
      reservedPages += r.pages();
      resv.row(r.name(), r.nid(), r.start(), r.end(), r.pages(), r.pages() * (m.config().pageSize() >> 10),
          zonesOf(m, r), released.contains(r) ? "yes" : "no");
    }

    List<ZoneRelease> changes = new ArrayList<>();
    for (int i = 0; i < zones.size(); i++) {
      Zone z = zones.get(i);
      long pages = 0;
      long[] pieces = new long[maxOrder + 1];
      for (Memblock.Region r : released) {
        long s = Math.max(r.start(), z.startPfn());
        long e = Math.min(r.end(), z.endPfn());
        if (s < e) {
          pages += e - s;
          for (HandOver.Piece piece : HandOver.pieces(s, e, maxOrder)) {
            pieces[piece.order()]++;
          }
        }
      }
      changes.add(new ZoneRelease(z.node().id(), z.type().procName(), before.get(i), z.buddyInfo(), pages, pieces));
    }

    String[] cols = new String[3 + maxOrder + 1];
    cols[0] = "node";
    cols[1] = "zone";
    cols[2] = "when";
    for (int k = 0; k <= maxOrder; k++) {
      cols[3 + k] = Integer.toString(k);
    }
    ResultTable.Builder info = ResultTable.builder(cols);
    String big = "order>=" + pbOrder;
    ResultTable.Builder coal = ResultTable.builder("node", "zone", "released pages", "pieces freed",
        "blocks before", "blocks after", "merges", big + " before", big + " after", big + " gained",
        big + " gained without merging", "pages in " + big + " before", "pages in " + big + " after",
        "o" + maxOrder + " gained", "o" + maxOrder + " gained without merging");
    long merges = 0;
    long pieces = 0;
    long bigBefore = 0;
    long bigAfter = 0;
    long bigPagesBefore = 0;
    long bigPagesAfter = 0;
    long bigNoMerge = 0;
    long maxGained = 0;
    long maxNoMerge = 0;
    for (ZoneRelease c : changes) {
      info.row(row(c, "before", c.before()));
      info.row(row(c, "after", c.after()));
      info.row(row(c, "after, had nothing merged", c.afterWithoutMerging()));
      long bb = ZoneRelease.blocksAtLeast(c.before(), pbOrder);
      long ba = ZoneRelease.blocksAtLeast(c.after(), pbOrder);
      long bn = ZoneRelease.blocksAtLeast(c.afterWithoutMerging(), pbOrder);
      long pb = ZoneRelease.pagesAtLeast(c.before(), pbOrder);
      long pa = ZoneRelease.pagesAtLeast(c.after(), pbOrder);
      long mg = c.after()[maxOrder] - c.before()[maxOrder];
      long mn = c.piecesByOrder()[maxOrder];
      coal.row(c.nid(), c.zone(), c.releasedPages(), c.pieces(), c.blocksBefore(), c.blocksAfter(), c.merges(),
          bb, ba, ba - bb, bn - bb, pb, pa, mg, mn);
      bigNoMerge += bn - bb;
      maxGained += mg;
      maxNoMerge += mn;
      merges += c.merges();
      pieces += c.pieces();
      bigBefore += bb;
      bigAfter += ba;
      bigPagesBefore += pb;
      bigPagesAfter += pa;
    }

    ResultTable.Builder became = ResultTable.builder("released", "start pfn", "pages", "freed as",
        "now part of free blocks", "pages in those blocks");
    for (Memblock.Region r : released) {
      TreeMap<Integer, Integer> freedAs = new TreeMap<>();
      for (Zone z : zones) {
        long s = Math.max(r.start(), z.startPfn());
        long e = Math.min(r.end(), z.endPfn());
        if (s < e) {
          for (HandOver.Piece piece : HandOver.pieces(s, e, maxOrder)) {
            freedAs.merge(piece.order(), 1, Integer::sum);
          }
        }
      }
      Set<Long> blocks = coveringBlocks(m, r);
      TreeMap<Integer, Integer> nowIn = new TreeMap<>();
      long nowPages = 0;
      for (long b : blocks) {
        int order = (int) (b & 0xff);
        nowIn.merge(order, 1, Integer::sum);
        nowPages += 1L << order;
      }
      became.row(r.name(), r.start(), r.pages(), orders(freedAs), orders(nowIn), nowPages);
    }

    return out
        .number("ramPages", ram)
        .number("reservedAtBootPages", reservedPages)
        .number("managedPagesBeforeRelease", managedBefore)
        .number("releasedPages", releasedPages)
        .number("piecesFreed", pieces)
        .number("merges", merges)
        .number("blocksOrder" + pbOrder + "Up.before", bigBefore)
        .number("blocksOrder" + pbOrder + "Up.after", bigAfter)
        .number("blocksOrder" + pbOrder + "Up.gained", bigAfter - bigBefore)
        .number("pagesOrder" + pbOrder + "Up.gained", bigPagesAfter - bigPagesBefore)
        .number("blocksOrder" + pbOrder + "Up.gainedWithoutMerging", bigNoMerge)
        .number("pagesPromotedBeyondReleased", bigPagesAfter - bigPagesBefore - releasedPages)
        .number("maxOrderBlocks.gained", maxGained)
        .number("maxOrderBlocks.gainedWithoutMerging", maxNoMerge)
        .table("reservations", resv.build())
        .table("buddyinfo", info.build())
        .table("coalescing", coal.build())
        .table("released", became.build())
        .build();
  }

  private static Object[] row(ZoneRelease c, String when, long[] counts) {
    Object[] cells = new Object[3 + counts.length];
    cells[0] = c.nid();
    cells[1] = c.zone();
    cells[2] = when;
    for (int k = 0; k < counts.length; k++) {
      cells[3 + k] = counts[k];
    }
    return cells;
  }

  /** The distinct free blocks ({@code start << 8 | order}) that now hold the pages of {@code r}. */
  private static Set<Long> coveringBlocks(Machine m, Memblock.Region r) {
    Set<Long> out = new LinkedHashSet<>();
    long p = r.start();
    while (p < r.end()) {
      long b = m.zoneOf(p).freeBlockContaining(p);
      if (b < 0) { // cannot happen right after the release; a page in use would end the walk wrongly
        throw new IllegalStateException("released pfn " + p + " is not free");
      }
      out.add(b);
      p = (b >>> 8) + (1L << (b & 0xff));
    }
    return out;
  }

  /** {@code 2 x o10, 1 x o5} for a histogram of orders, largest first. */
  private static String orders(TreeMap<Integer, Integer> byOrder) {
    StringBuilder s = new StringBuilder();
    for (var e : byOrder.descendingMap().entrySet()) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(e.getValue()).append(" x o").append(e.getKey());
    }
    return s.toString();
  }

  private static String zonesOf(Machine m, Memblock.Region r) {
    Set<String> names = new LinkedHashSet<>();
    for (Zone z : m.zones()) {
      if (r.start() < z.endPfn() && z.startPfn() < r.end()) {
        names.add(z.type().procName());
      }
    }
    return names.isEmpty() ? "-" : String.join("/", names);
  }
}
