package io.buddykit.sim.replay;

import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Thp;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.boot.Boot;
import io.buddykit.sim.boot.BootLayout;
import io.buddykit.sim.boot.Memblock;
import io.buddykit.trace.record.ProcSnapshot;
import io.buddykit.trace.record.RecordedShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A model machine shaped like a recorded one: the {@link MachineConfig} that boots into the nodes,
 * zones, CPUs and watermark tunables of a {@link RecordedShape} (its zoneinfo before the
 * recording), so a trace replays on a machine like the one that made it.
 *
 * <p>What comes out as recorded: the nodes; each zone's start pfn and span on node 0 (the model
 * lays x86-64's holes out as firmware does: no RAM at pfn 0, 640 KiB-1 MiB and 3-4 GiB); every
 * zone's managed pages, exactly, because the pages the recorded kernel kept from the buddy
 * allocator (memmap, kernel image, firmware tables, memory not yet initialised or onlined) are
 * reserved at boot, at the top of each zone, as one range per zone; hence also the watermarks and
 * lowmem reserves, which Linux computes from managed pages and {@code min_free_kbytes}
 * (__setup_per_zone_wmarks, setup_per_zone_lowmem_reserve); the CPUs (spread evenly over the
 * nodes); {@code min_free_kbytes} and {@code watermark_scale_factor}.
 *
 * <p>What differs, and why: DMA's present pages are one more than on a machine whose firmware
 * marks the page below 640 KiB reserved (the model's hole is exactly 640 KiB-1 MiB); where the
 * recorded kernel's reserved pages lie is not in zoneinfo, so they are placed at the top of each
 * zone (right for memory initialised or onlined late, which is the bulk on the VMs measured; the
 * first MiB Linux reserves lies at the bottom); nodes after the first start on the next 1 GiB
 * boundary, not where firmware put them; {@code watermark_boost_factor}, {@code
 * percpu_pagelist_high_fraction} and the THP mode are not modelled; a populated Movable zone
 * ({@code movablecore=}) is not modelled and is refused.
 */
public final class RecordedMachine {
  /** The name of the ranges reserved so that each zone manages as many pages as it did. */
  public static final String NOT_MANAGED = "not managed when recorded";

  private static final int PAGE_SHIFT = 12;
  private static final int MAX_ORDER = 10;
  /** Pages below 1 MiB that are no RAM in the model's x86-64 layout: pfn 0 and 640 KiB-1 MiB. */
  private static final long LOW_HOLE_PAGES = 1 + ((1L << 20) - (640L << 10) >> PAGE_SHIFT);

  private RecordedMachine() {}

  /**
   * The configuration of a machine shaped like {@code shape}'s "before" zoneinfo. Throws {@link
   * IllegalArgumentException} for a shape the model cannot represent (no zone with pages, node
   * numbers with gaps, a populated Movable zone, an unknown zone name).
   */
  public static MachineConfig config(RecordedShape shape) {
    TreeMap<Integer, List<ProcSnapshot.ZoneFacts>> byNode = new TreeMap<>();
    for (ProcSnapshot.ZoneFacts z : shape.before().zones()) {
      if (z.present() > 0) {
        if (!z.zone().equals(ZoneType.DMA.procName()) && !z.zone().equals(ZoneType.DMA32.procName())
            && !z.zone().equals(ZoneType.NORMAL.procName())) {
          throw new IllegalArgumentException("the model has no populated " + z.zone() + " zone (node " + z.node()
              + ", " + z.present() + " pages)");
        }
        byNode.computeIfAbsent(z.node(), n -> new ArrayList<>()).add(z);
      }
    }
    if (byNode.isEmpty()) {
      throw new IllegalArgumentException("the recorded zoneinfo has no zone with present pages");
    }
    if (byNode.firstKey() != 0 || byNode.lastKey() != byNode.size() - 1) {
      throw new IllegalArgumentException("recorded nodes " + byNode.keySet() + " are not numbered 0.."
          + (byNode.size() - 1) + " as the model's are");
    }
    boolean firmwareHoles = byNode.get(0).stream().anyMatch(z -> z.zone().equals(ZoneType.DMA.procName()));
    long block = 1L << MAX_ORDER;
    long[] bytes = new long[byNode.size()];
    for (int nid = 0; nid < bytes.length; nid++) {
      long pages = byNode.get(nid).stream().mapToLong(ProcSnapshot.ZoneFacts::present).sum();
      if (nid == 0 && firmwareHoles) {
        pages += LOW_HOLE_PAGES;
      }
      bytes[nid] = Math.max(4 * block, (pages + block - 1) / block * block) << PAGE_SHIFT;
    }
    BootLayout holes = new BootLayout(firmwareHoles, 0, 0, 0, 0, 0);
    BootLayout layout = holes.withReserved(notManaged(Boot.layout(holes, bytes, PAGE_SHIFT), byNode));
    MachineConfig base = MachineConfig.of(Arrays.stream(bytes).sum(), bytes.length);
    int[][] distance = base.distance();
    int cpusPerNode = Math.max(1, shape.cpus() / bytes.length);
    return new MachineConfig(bytes, distance, cpusPerNode, PAGE_SHIFT, MAX_ORDER, base.pageblockOrder(),
        shape.minFreeKbytes() >= 0 ? shape.minFreeKbytes() : -1,
        shape.watermarkScaleFactor() > 0 ? shape.watermarkScaleFactor() : base.watermarkScaleFactor(),
        base.perCpuLists(), layout, base.mobilityGrouping(), base.fallbackGate(), thp(shape, base.thp()),
        shape.watermarkBoostFactor() >= 0 ? shape.watermarkBoostFactor() : base.watermarkBoostFactor(),
        base.compactionProactiveness(), base.freeListOrder());
  }

  /** The recorded THP mode, or {@code otherwise} when the kernel had none the model knows. */
  private static Thp thp(RecordedShape shape, Thp otherwise) {
    for (Thp mode : Thp.values()) {
      if (mode.sysfsName().equals(shape.thpEnabled())) {
        return mode;
      }
    }
    return otherwise;
  }

  /**
   * For every recorded zone, the range to reserve at the top of the model zone's free memory so
   * that it manages the recorded number of pages: what {@code mb} would hand to the zone, less
   * the recorded managed count. A zone the model would manage fewer pages of gets none.
   */
  private static List<Memblock.Region> notManaged(Memblock mb, TreeMap<Integer, List<ProcSnapshot.ZoneFacts>> byNode) {
    List<Memblock.Region> out = new ArrayList<>();
    List<Memblock.Region> free = mb.free();
    for (var node : byNode.entrySet()) {
      int nid = node.getKey();
      long[] span = nodeSpan(mb, nid);
      for (ProcSnapshot.ZoneFacts z : node.getValue()) {
        ZoneType t = ZoneType.ofProcName(z.zone());
        long lo = Math.max(span[0], t == ZoneType.DMA ? 0 : t == ZoneType.DMA32
            ? ZoneType.DMA.limitPfn(PAGE_SHIFT) : ZoneType.DMA32.limitPfn(PAGE_SHIFT));
        long hi = Math.min(span[1], t.limitPfn(PAGE_SHIFT));
        long excess = freeIn(free, nid, lo, hi) - z.managed();
        for (int i = free.size() - 1; i >= 0 && excess > 0; i--) { // top-down, as memblock allocates
          Memblock.Region f = free.get(i);
          long end = Math.min(f.end(), hi);
          long start = Math.max(f.start(), lo);
          if (f.nid() != nid || start >= end) {
            continue;
          }
          long take = Math.min(excess, end - start);
          out.add(new Memblock.Region(NOT_MANAGED, nid, end - take, end));
          excess -= take;
        }
      }
    }
    return out;
  }

  private static long[] nodeSpan(Memblock mb, int nid) {
    long lo = Long.MAX_VALUE;
    long hi = 0;
    for (Memblock.Region r : mb.memory()) {
      if (r.nid() == nid) {
        lo = Math.min(lo, r.start());
        hi = Math.max(hi, r.end());
      }
    }
    return new long[] {lo, hi};
  }

  private static long freeIn(List<Memblock.Region> free, int nid, long lo, long hi) {
    long n = 0;
    for (Memblock.Region f : free) {
      if (f.nid() == nid) {
        n += Math.max(0, Math.min(hi, f.end()) - Math.max(lo, f.start()));
      }
    }
    return n;
  }
}
