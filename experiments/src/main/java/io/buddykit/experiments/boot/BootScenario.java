package io.buddykit.experiments.boot;

import io.buddykit.core.AlignedBlocks;
import io.buddykit.core.FreeBlock;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.boot.Boot;
import io.buddykit.sim.boot.BootLayout;
import io.buddykit.sim.boot.Memblock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The seed's boot story, run on the simulator: memblock reserves the kernel, the initrd, the
 * temporary page tables and the memmap, hands the rest to the buddy allocator as maximal aligned
 * blocks, and after boot the initrd and page tables are freed. Measures what that release gives
 * back: buddyinfo before and after, the merges it made, and the order >= pageblock blocks gained.
 */
public final class BootScenario implements Scenario {
  static final Param<Long> MEMORY = Param.size("memory", "4G", 16L << 20, 64L << 30,
      "RAM of the machine (e.g. 64M, 4G)");
  static final Param<Integer> NODES = Param.integer("nodes", 1, 1, 64, "NUMA nodes, RAM split evenly");
  static final Param<OptionalLong> KERNEL = Param.sizeOrAuto("kernel", 0, 1L << 40,
      "kernel image size, or auto for BootLayout.forMemory's (24M from 1G of RAM per node)");
  static final Param<OptionalLong> INITRD = Param.sizeOrAuto("initrd", 0, 1L << 40,
      "initial ramdisk size, or auto for BootLayout.forMemory's (a 56 MiB Debian initrd from 1G of RAM per node)");

  @Override
  public String name() {
    return "boot";
  }

  @Override
  public String description() {
    return "boot: memblock reservations, hand-over to the buddy allocator, and how freeing initrd and boot page"
        + " tables coalesces";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(MEMORY, NODES, KERNEL, INITRD);
  }

  /** {@link MachineConfig#heapBytes()} of the machine of {@code memory} over {@code nodes}. */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(MEMORY), p.get(NODES)).heapBytes();
  }

  @Override
  public Result run(Params p) {
    MachineConfig base;
    try {
      base = MachineConfig.of(p.get(MEMORY), p.get(NODES));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameters memory/nodes: " + e.getMessage(), e);
    }
    BootLayout d = BootLayout.forMemory(base.nodeBytes()[0]);
    BootLayout layout = new BootLayout(d.firmwareHoles(), p.get(KERNEL).orElse(d.kernelBytes()),
        p.get(INITRD).orElse(d.initrdBytes()), d.memmapBytesPerPage(), d.bootPageTableBytes(), d.swiotlbBytes());
    Machine m;
    try {
      m = Machine.boot(base.withBoot(layout));
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalArgumentException("parameters kernel/initrd do not fit the machine: " + e.getMessage(), e);
    }
    return measure(m, Result.builder(name(), p));
  }

  /** Releases {@code m}'s init memory (it must be just booted) and reports what changed. */
  static Result measure(Machine m, Result.Builder out) {
    int pbOrder = m.config().pageblockOrder();
    List<Memblock.Region> reserved = m.memblock().reserved();
    List<Memblock.Region> released = reserved.stream()
        .filter(r -> r.name().equals(Boot.INITRD) || r.name().equals(Boot.BOOT_PAGE_TABLES)).toList();
    List<long[]> before = m.zones().stream().map(Zone::buddyInfo).toList();
    long managedBefore = m.managedPages();
    long releasedPages = m.releaseInitMemory();
    ResultTable reservations = reservations(m, reserved, released);
    Coalescing c = Coalescing.of(changes(m, before, released), m.config().maxOrder(), pbOrder);
    String big = "Order" + pbOrder + "Up";
    return out
        .number("ramPages", m.memblock().memory().stream().mapToLong(Memblock.Region::pages).sum())
        .number("reservedAtBootPages", reserved.stream().mapToLong(Memblock.Region::pages).sum())
        .number("managedPagesBeforeRelease", managedBefore)
        .number("releasedPages", releasedPages)
        .number("piecesFreed", c.pieces())
        .number("merges", c.merges())
        .number("blocks" + big + ".before", c.bigBefore())
        .number("blocks" + big + ".after", c.bigAfter())
        .number("blocks" + big + ".gained", c.bigAfter() - c.bigBefore())
        .number("pages" + big + ".gained", c.bigPagesAfter() - c.bigPagesBefore())
        .number("blocks" + big + ".gainedWithoutMerging", c.bigGainedWithoutMerging())
        .number("pagesPromotedBeyondReleased", c.bigPagesAfter() - c.bigPagesBefore() - releasedPages)
        .number("maxOrderBlocks.gained", c.maxGained())
        .number("maxOrderBlocks.gainedWithoutMerging", c.maxGainedWithoutMerging())
        .table("reservations", reservations)
        .table("buddyinfo", c.buddyinfo())
        .table("coalescing", c.zones())
        .table("released", released(m, released))
        .build();
  }

  /** Every memblock reservation, and whether it is released after boot. */
  private static ResultTable reservations(Machine m, List<Memblock.Region> reserved, List<Memblock.Region> released) {
    ResultTable.Builder resv = ResultTable.builder("name", "node", "start pfn", "end pfn", "pages", "KiB", "zone",
        "released after boot");
    for (Memblock.Region r : reserved) {
      resv.row(r.name(), r.nid(), r.start(), r.end(), r.pages(), r.pages() * (m.config().pageSize() >> 10),
          zonesOf(m, r), released.contains(r) ? "yes" : "no");
    }
    return resv.build();
  }

  /** Per zone: buddyinfo {@code before} the release and now, and the pages and aligned pieces freed into it. */
  private static List<ZoneRelease> changes(Machine m, List<long[]> before, List<Memblock.Region> released) {
    int maxOrder = m.config().maxOrder();
    List<Zone> zones = m.zones();
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
          AlignedBlocks.forEach(s, e, maxOrder, (pfn, order) -> pieces[order]++);
        }
      }
      changes.add(new ZoneRelease(z.node().id(), z.type().procName(), before.get(i), z.buddyInfo(), pages, pieces));
    }
    return changes;
  }

  /** Each released region: the pieces it was freed as, and the free blocks that now hold its pages. */
  private static ResultTable released(Machine m, List<Memblock.Region> released) {
    int maxOrder = m.config().maxOrder();
    ResultTable.Builder became = ResultTable.builder("released", "start pfn", "pages", "freed as",
        "now part of free blocks", "pages in those blocks");
    for (Memblock.Region r : released) {
      TreeMap<Integer, Integer> freedAs = new TreeMap<>();
      for (Zone z : m.zones()) {
        long s = Math.max(r.start(), z.startPfn());
        long e = Math.min(r.end(), z.endPfn());
        if (s < e) {
          AlignedBlocks.forEach(s, e, maxOrder, (pfn, order) -> freedAs.merge(order, 1, Integer::sum));
        }
      }
      TreeMap<Integer, Integer> nowIn = new TreeMap<>();
      long nowPages = 0;
      for (long b : coveringBlocks(m, r)) {
        int order = FreeBlock.order(b);
        nowIn.merge(order, 1, Integer::sum);
        nowPages += 1L << order;
      }
      became.row(r.name(), r.start(), r.pages(), orders(freedAs), orders(nowIn), nowPages);
    }
    return became.build();
  }

  /** The distinct free blocks (packed as {@link FreeBlock}) that now hold the pages of {@code r}. */
  private static Set<Long> coveringBlocks(Machine m, Memblock.Region r) {
    Set<Long> out = new LinkedHashSet<>();
    long p = r.start();
    while (p < r.end()) {
      long b = m.zoneOf(p).freeBlockContaining(p);
      if (b < 0) { // cannot happen right after the release; a page in use would end the walk wrongly
        throw new IllegalStateException("released pfn " + p + " is not free");
      }
      out.add(b);
      p = FreeBlock.end(b);
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
