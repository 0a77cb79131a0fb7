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
  static final Param<Long> MEMORY_MIB = Param.longInteger("memoryMiB", 256, 64, 16384, "machine RAM (one node)")
      .withUnit("MiB");
  static final Param<Long> BUFFER_KIB = Param.longInteger("bufferKiB", 64, 4, 4096,
      "DMA buffer size (a power of two, at least a page)").withUnit("KiB");
  static final Param<Long> STEPS = Param.longInteger("steps", 48, 0, 10_000, "aging steps (24 per aging cycle)");
  static final Param<Long> EVERY = Param.longInteger("every", 6, 1, Long.MAX_VALUE, "aging steps between checkpoints");
  static final Param<Integer> TRIES = Param.integer("tries", 128, 1, 100_000,
      "buffers asked for at once per checkpoint, with each mask");
  static final Param<Integer> GROUPS = Param.integer("groups", 32, 0, 10_000,
      "groups of one-page slab objects per checkpoint");
  static final Param<Long> SEED = Param.seed("random seed of the aging workload");

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
    return List.of(MEMORY_MIB, BUFFER_KIB, STEPS, EVERY, TRIES, GROUPS, SEED);
  }

  /** {@link MachineConfig#heapBytes()} of the machine of {@code memoryMiB}. */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(MEMORY_MIB) << 20, 1).heapBytes();
  }

  @Override
  public Result run(Params p) {
    long kib = p.get(BUFFER_KIB);
    p.require(Long.bitCount(kib) == 1, BUFFER_KIB, "must be a power of two in [4, 4096]");
    long steps = p.get(STEPS);
    Machine m = Machine.booted(MachineConfig.of(p.get(MEMORY_MIB) << 20, 1));
    long pages = (kib << 10) >> m.config().pageShift();
    p.require(pages >= 1, BUFFER_KIB, "must be at least one page");
    int order = Long.numberOfTrailingZeros(pages);
    p.require(order >= 1 && order <= m.config().maxOrder(), BUFFER_KIB,
        "must be 2 to 2^" + m.config().maxOrder() + " pages");
    DmaProbe probe = new DmaProbe(m, order);
    long refused = 0;
    try {
      probe.slab().allocate(kib << 10);
    } catch (ObjectTooLargeException e) {
      refused++;
    }
    AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults().withSteps(Math.max(1, steps)), p.get(SEED));
    VmStat before = m.stat().snapshot();
    List<DmaCheckpoint> points = age(m, w, probe, steps, p.get(EVERY), p.get(TRIES), p.get(GROUPS));
    VmStat after = m.stat();

    Result.Builder out = Result.builder(name(), p);
    out.number("buffer.order", order)
        .number("buffer.pages", pages)
        .number("slab.maxObjectBytes", probe.slab().maxObjectBytes())
        .number("slab.refusedBufferRequests", refused)
        .number("buffers.obtained", probe.obtained())
        .number("buffers.misplaced", probe.misplaced());
    rates(out, points, before, after);
    checkpoints(out, points, kib);
    return out.build();
  }

  /** A checkpoint on the fresh machine, then one every {@code every} aging steps and at the last. */
  private static List<DmaCheckpoint> age(Machine m, AgingWorkload w, DmaProbe probe, long steps, long every,
      int tries, int groups) {
    List<DmaCheckpoint> points = new ArrayList<>();
    points.add(probe.checkpoint(0, tries, groups));
    for (long s = 0; s < steps; s++) {
      w.step(s);
      m.tick();
      if ((s + 1) % every == 0 || s + 1 == steps) {
        points.add(probe.checkpoint(s + 1, tries, groups));
      }
    }
    return points;
  }

  /** Fresh against aged: the slab's contiguous share, the buffer rates, and what the probes cost. */
  private static void rates(Result.Builder out, List<DmaCheckpoint> points, VmStat before, VmStat after) {
    DmaCheckpoint fresh = points.getFirst();
    DmaCheckpoint last = points.getLast();
    List<DmaCheckpoint> aged = points.size() > 1 ? points.subList(1, points.size()) : points;
    out.number("fresh.slabContiguousShare", fresh.contiguousShare())
        .number("aged.slabContiguousShare",
            aged.stream().mapToDouble(DmaCheckpoint::contiguousShare).average().orElse(0))
        .number("fresh.noCompactionRate", fresh.noCompactionRate())
        .number("aged.noCompactionRate", aged.stream().mapToDouble(DmaCheckpoint::noCompactionRate).average().orElse(0))
        .number("aged.compactionRate", aged.stream().mapToDouble(DmaCheckpoint::compactionRate).average().orElse(0))
        .number("last.noCompactionRate", last.noCompactionRate())
        .number("last.compactionRate", last.compactionRate())
        .number("probes.pagesMigrated", after.pgmigrateSuccess() - before.pgmigrateSuccess())
        .number("probes.compactStalls", after.compactStall() - before.compactStall())
        .number("probes.pagesReclaimedDirect", after.pgstealDirect() - before.pgstealDirect());
  }

  private static void checkpoints(Result.Builder out, List<DmaCheckpoint> points, long kib) {
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
  }
}
