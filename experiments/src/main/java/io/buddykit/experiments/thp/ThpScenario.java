package io.buddykit.experiments.thp;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.workload.AgingConfig;
import io.buddykit.sim.workload.AgingWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's huge-page argument, run: a 2 MiB huge page is a free order-9 buddy block, so after
 * aging the huge pages a machine can give depend on whether it grouped pages by mobility and
 * whether it compacted (a 2x2 table on the same seed); and a TLB model turns the share of a
 * working set those huge pages back into reach and hit rate.
 */
public final class ThpScenario implements Scenario {
  static final long MIB = 1L << 20;

  static final Param<Long> MEMORY_MIB = Param.longInteger("memoryMiB", 512, 64, 16384, "machine RAM (one node)")
      .withUnit("MiB");
  static final Param<Long> STEPS = Param.longInteger("steps", 24, 1, 10_000,
      "aging steps (one aging cycle: churn at 97% full, then release to 45%)");
  static final Param<Integer> TLB_ENTRIES = Param.integer("tlbEntries", Tlb.DEFAULT_ENTRIES, 1, 1 << 20,
      "STLB entries, shared by 4 KiB and 2 MiB translations");
  static final Param<Long> WORKING_SET_MIB = Param.longInteger("workingSetMiB", 128, 1, 1 << 20,
      "working set of the TLB model").withUnit("MiB");
  static final Param<Long> ACCESSES = Param.longInteger("accesses", 200_000, 1, 100_000_000,
      "uniform random accesses the TLB model counts (after as many to warm up)");
  static final Param<Long> SEED = Param.seed("random seed of the aging workload and the accesses");

  /** The 2x2 table's cells, and the free pageblocks after each aging step with grouping and without. */
  private record Aged(List<ThpCell> cells, long[] grouping, long[] noGrouping) {}

  @Override
  public String name() {
    return "thp";
  }

  @Override
  public String description() {
    return "huge pages after aging: mobility grouping x compaction, and the TLB reach they buy";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(MEMORY_MIB, STEPS, TLB_ENTRIES, WORKING_SET_MIB, ACCESSES, SEED);
  }

  /** {@link MachineConfig#heapBytes()} of the machine of {@code memoryMiB} (one at a time). */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(MEMORY_MIB) << 20, 1).heapBytes();
  }

  @Override
  public Result run(Params p) {
    long steps = p.get(STEPS);
    long seed = p.get(SEED);
    Aged aged = age(p.get(MEMORY_MIB), steps, seed);
    Series.Builder series = Series.builder("step", "grouping", "noGrouping");
    for (int s = 0; s <= steps; s++) {
      series.point(s, aged.grouping()[s], aged.noGrouping()[s]);
    }
    Result.Builder out = Result.builder(name(), p);
    tlb(out, aged.cells(), p.get(TLB_ENTRIES), p.get(WORKING_SET_MIB), p.get(ACCESSES), seed);
    out.series("freePageblocks", series.build());
    return out.build();
  }

  /** Ages a machine with mobility grouping and one without, counting huge pages before and after compaction. */
  private static Aged age(long mib, long steps, long seed) {
    List<ThpCell> cells = new ArrayList<>();
    List<long[]> trace = new ArrayList<>();
    for (boolean grouping : new boolean[] {true, false}) {
      Machine m = Machine.booted(MachineConfig.of(mib << 20, 1).withMobilityGrouping(grouping));
      AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults().withSteps(steps), seed);
      long[] free = new long[(int) steps + 1];
      free[0] = HugePages.freePageblocks(m);
      for (long s = 0; s < steps; s++) {
        w.step(s);
        m.tick();
        free[(int) s + 1] = HugePages.freePageblocks(m);
      }
      trace.add(free);
      long before = HugePages.freePageblocks(m);
      HugePages.Count without = HugePages.count(m);
      cells.add(new ThpCell(grouping, false, before, without.hugePages(), without.misaligned()));
      m.compactAll();
      long after = HugePages.freePageblocks(m);
      HugePages.Count with = HugePages.count(m);
      cells.add(new ThpCell(grouping, true, after, with.hugePages(), with.misaligned()));
    }
    return new Aged(cells, trace.get(0), trace.get(1));
  }

  /** The availability table, and the TLB hit rate with each cell's huge pages backing the working set. */
  private static void tlb(Result.Builder out, List<ThpCell> cells, int entries, long ws, long accesses, long seed) {
    Tlb tlb = new Tlb(entries, 4096, 2 * MIB);
    long workingSet = ws * MIB;
    TlbSimulator sim = new TlbSimulator(tlb);
    ResultTable.Builder avail = ResultTable.builder("grouping", "compaction", "free pageblocks", "huge pages",
        "misaligned", "huge share of working set");
    ResultTable.Builder tlbTable = ResultTable.builder("backing", "huge share", "TLB hit rate", "TLB covers MiB");
    addTlbRow(tlbTable, out, "all4k", "all 4 KiB pages", sim, tlb, workingSet, 0, accesses, seed);
    for (ThpCell c : cells) {
      String k = (c.grouping() ? "grouping" : "noGrouping") + (c.compaction() ? ".compaction" : ".noCompaction");
      long hugeBytes = Math.min(workingSet, c.hugePages() * tlb.hugePageBytes());
      double share = (double) hugeBytes / workingSet;
      out.number(k + ".hugePages", c.hugePages()).number(k + ".freePageblocks", c.freePageblocks());
      avail.row(c.grouping() ? "on" : "off", c.compaction() ? "full" : "none", c.freePageblocks(), c.hugePages(),
          c.misaligned(), share);
      addTlbRow(tlbTable, out, k, k, sim, tlb, workingSet, hugeBytes, accesses, seed);
    }
    addTlbRow(tlbTable, out, "all2m", "all 2 MiB pages", sim, tlb, workingSet, workingSet, accesses, seed);
    out.number("hugePages.misaligned", cells.stream().mapToInt(ThpCell::misaligned).sum())
        .number("tlb.entries", entries)
        .number("tlb.baseReachMiB", (double) tlb.baseReach() / MIB)
        .number("tlb.hugeReachMiB", (double) tlb.hugeReach() / MIB)
        .number("tlb.workingSetMiB", ws);
    out.table("availability", avail.build());
    out.table("tlb", tlbTable.build());
  }

  private static void addTlbRow(ResultTable.Builder table, Result.Builder out, String key, String label,
      TlbSimulator sim, Tlb tlb, long workingSet, long hugeBytes, long accesses, long seed) {
    TlbSimulator.Outcome o = sim.run(workingSet, hugeBytes, accesses, accesses, seed);
    table.row(label, (double) hugeBytes / workingSet, o.hitRate(), (double) o.coveredBytes() / MIB);
    out.number(key + ".tlbHitRate", o.hitRate());
  }
}
