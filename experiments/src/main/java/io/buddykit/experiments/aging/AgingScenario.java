package io.buddykit.experiments.aging;

import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.proc.MetricsSeries;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.util.List;

/**
 * A machine through its life: the memblock hand-over, the release of the initrd and boot page
 * tables, the aging workload, then compaction (compact_memory), with buddyinfo and the huge-page
 * figures at each stage and the aging's time series. It measures what aging costs huge pages and
 * how much of that compaction wins back.
 */
public final class AgingScenario implements Scenario {
  static final Param<Long> MEMORY_MIB = Param.longInteger("memoryMiB", 1024, 64, 65536, "RAM (one node)")
      .withUnit("MiB");
  static final Param<Long> STEPS = Param.longInteger("steps", 48, 1, 1_000_000,
      "steps of the aging workload (24 a cycle)");
  static final Param<Long> SEED = Param.seed("random seed");

  @Override
  public String name() {
    return "aging";
  }

  @Override
  public String description() {
    return "Boot, age and compact a simulated machine: free 2 MiB blocks and buddyinfo at each stage";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(MEMORY_MIB, STEPS, SEED);
  }

  /** {@link MachineConfig#heapBytes()} of the machine of {@code memoryMiB}. */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(MEMORY_MIB) << 20, 1).heapBytes();
  }

  @Override
  public Result run(Params p) {
    long steps = p.get(STEPS);
    Machine m = Machine.boot(MachineConfig.of(p.get(MEMORY_MIB) << 20, 1));
    ResultTable.Builder stages = ResultTable.builder(
        "stage", "free pages", "free 2 MiB blocks", "unusable(9) x1000", "pages migrated", "failed requests");
    ResultTable.Builder buddyinfo = ResultTable.builder(header(m));
    stage(stages, buddyinfo, "memblock hand-over", m, 0);
    m.releaseInitMemory();
    stage(stages, buddyinfo, "init memory freed", m, 0);
    Workload w = Workloads.of("aging", m, p.get(SEED));
    MetricsSeries series = new MetricsSeries();
    series.sample(0, m);
    for (long s = 0; s < steps; s++) {
      w.step(s);
      m.tick();
      series.sample(s + 1, m);
    }
    long[] aged = stage(stages, buddyinfo, "aged", m, w.failures());
    m.compactAll();
    long[] compacted = stage(stages, buddyinfo, "compacted", m, w.failures());
    return Result.builder(name(), p)
        .number("free 2 MiB blocks aged", aged[0])
        .number("free 2 MiB blocks compacted", compacted[0])
        .number("2 MiB blocks the free pages would fill", m.freePages() >> m.config().pageblockOrder())
        .table("stages", stages.build())
        .table("buddyinfo", buddyinfo.build())
        .series("aging", series.toSeries(MetricsSeries.FREE_PAGES, MetricsSeries.FREE_PAGEBLOCKS,
            MetricsSeries.EXTFRAG_PAGEBLOCK))
        .build();
  }

  private static String[] header(Machine m) {
    String[] h = new String[m.config().maxOrder() + 3];
    h[0] = "stage";
    h[1] = "zone";
    for (int k = 0; k <= m.config().maxOrder(); k++) {
      h[k + 2] = "o" + k;
    }
    return h;
  }

  /** Adds one stage's rows; returns {free 2 MiB blocks}. */
  private static long[] stage(ResultTable.Builder stages, ResultTable.Builder buddyinfo, String name, Machine m,
      long failed) {
    int pb = m.config().pageblockOrder();
    long[] total = new long[m.config().maxOrder() + 1];
    for (Zone z : m.zones()) {
      long[] info = z.buddyInfo();
      Object[] row = new Object[info.length + 2];
      row[0] = name;
      row[1] = z.type().procName();
      for (int k = 0; k < info.length; k++) {
        total[k] += info[k];
        row[k + 2] = info[k];
      }
      buddyinfo.row(row);
    }
    long blocks = BuddyInfo.suitableBlocks(total, pb);
    stages.row(name, m.freePages(), blocks, Fragmentation.unusableFreeIndex(total, pb), m.stat().pgmigrateSuccess(),
        failed);
    return new long[] {blocks};
  }
}
