package io.buddykit.experiments.dma;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.VmStat;
import io.buddykit.sim.workload.AgingConfig;
import io.buddykit.sim.workload.AgingWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's DMA argument, run on an aging machine: a 64 KiB device buffer is one order-4 buddy
 * block below 4 GiB, which a slab (objects of at most a page) cannot give, and which sixteen
 * separate pages almost never happen to form. At each aging checkpoint it counts how many such
 * buffers a driver gets at once without and with direct reclaim and compaction.
 */
public final class DmaScenario implements Scenario {
  @Override
  public String name() {
    return "dma";
  }

  @Override
  public String description() {
    return "64 KiB DMA32 buffers: buddy order-4 blocks vs slab pages, with and without compaction as memory ages";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("memoryMiB", "256", "machine RAM in MiB (one node)"),
        Param.text("bufferKiB", "64", "DMA buffer size in KiB (a power of two, at least a page)"),
        Param.text("steps", "48", "aging steps (24 per aging cycle)"),
        Param.text("every", "6", "aging steps between checkpoints"),
        Param.text("tries", "128", "buffers asked for at once per checkpoint, with each mask"),
        Param.text("groups", "32", "groups of one-page slab objects per checkpoint"),
        Param.text("seed", "1", "random seed of the aging workload"));
  }

  @Override
  public Result run(Params p) {
    long mib = p.getLong("memoryMiB");
    p.require(mib >= 64 && mib <= 16384, "memoryMiB", "must be in [64, 16384]");
    long kib = p.getLong("bufferKiB");
    p.require(kib >= 4 && kib <= 4096 && Long.bitCount(kib) == 1, "bufferKiB", "must be a power of two in [4, 4096]");
    long steps = p.getLong("steps");
    p.require(steps >= 0 && steps <= 10_000, "steps", "must be in [0, 10000]");
    long every = p.getLong("every");
    p.require(every >= 1, "every", "must be >= 1");
    int tries = p.getInt("tries");
    p.require(tries >= 1 && tries <= 100_000, "tries", "must be in [1, 100000]");
    int groups = p.getInt("groups");
    p.require(groups >= 0 && groups <= 10_000, "groups", "must be in [0, 10000]");
    long seed = p.getLong("seed");

    Machine m = Machine.booted(MachineConfig.of(mib << 20, 1));
    long pages = (kib << 10) >> m.config().pageShift();
    p.require(pages >= 1, "bufferKiB", "must be at least one page");
    int order = Long.numberOfTrailingZeros(pages);
    p.require(order >= 1 && order <= m.config().maxOrder(), "bufferKiB",
        "must be 2 to 2^" + m.config().maxOrder() + " pages");
    DmaProbe probe = new DmaProbe(m, order);
    long refused = 0;
    try {
      probe.slab().allocate(kib << 10);
    } catch (ObjectTooLargeException e) {
      refused++;
    }
    AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults().withSteps(Math.max(1, steps)), seed);
    List<DmaCheckpoint> points = new ArrayList<>();
    VmStat before = m.stat().snapshot();
    points.add(probe.checkpoint(0, tries, groups));
    for (long s = 0; s < steps; s++) {
      w.step(s);
      m.tick();
      if ((s + 1) % every == 0 || s + 1 == steps) {
        points.add(probe.checkpoint(s + 1, tries, groups));
      }
    }
    VmStat after = m.stat();

    Result.Builder out = Result.builder(name(), p);
    out.number("buffer.order", order)
        .number("buffer.pages", pages)
        .number("slab.maxObjectBytes", probe.slab().maxObjectBytes())
        .number("slab.refusedBufferRequests", refused)
        .number("buffers.obtained", probe.obtained())
        .number("buffers.misplaced", probe.misplaced());
    DmaCheckpoint fresh = points.getFirst();
    DmaCheckpoint last = points.getLast();
    List<DmaCheckpoint> aged = points.size() > 1 ? points.subList(1, points.size()) : points;
    out.number("fresh.slabContiguousShare", fresh.contiguousShare())
        .number("aged.slabContiguousShare", aged.stream().mapToDouble(DmaCheckpoint::contiguousShare).average().orElse(0))
        .number("fresh.noCompactionRate", fresh.noCompactionRate())
        .number("aged.noCompactionRate", aged.stream().mapToDouble(DmaCheckpoint::noCompactionRate).average().orElse(0))
        .number("aged.compactionRate", aged.stream().mapToDouble(DmaCheckpoint::compactionRate).average().orElse(0))
        .number("last.noCompactionRate", last.noCompactionRate())
        .number("last.compactionRate", last.compactionRate())
        .number("probes.pagesMigrated", after.pgmigrateSuccess - before.pgmigrateSuccess)
        .number("probes.compactStalls", after.compactStall - before.compactStall)
        .number("probes.pagesReclaimedDirect", after.pgstealDirect - before.pgstealDirect);
    ResultTable.Builder table = ResultTable.builder("step", "free pages", "free " + kib + " KiB blocks",
        "slab groups contiguous", "no compaction", "compaction", "tries");
    Series.Builder series = Series.builder("step", "noCompactionRate", "compactionRate", "slabContiguousShare",
        "freeBufferBlocks");
    for (DmaCheckpoint c : points) {
      table.row(c.step(), c.freePages(), c.freeBufferBlocks(), c.contiguousGroups() + "/" + c.groups(),
          c.noCompaction(), c.compaction(), c.tries());
      series.point(c.step(), c.noCompactionRate(), c.compactionRate(), c.contiguousShare(), c.freeBufferBlocks());
    }
    out.table("checkpoints", table.build());
    out.series("rates", series.build());
    return out.build();
  }
}
