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
    return List.of(
        Param.text("memoryMiB", "512", "machine RAM in MiB (one node)"),
        Param.text("steps", "24", "aging steps (one aging cycle: churn at 97% full, then release to 45%)"),
        Param.text("tlbEntries", String.valueOf(Tlb.DEFAULT_ENTRIES), "STLB entries, shared by 4 KiB and 2 MiB translations"),
        Param.text("workingSetMiB", "128", "working set of the TLB model, in MiB"),
        Param.text("accesses", "200000", "uniform random accesses the TLB model counts (after as many to warm up)"),
        Param.text("seed", "1", "random seed of the aging workload and the accesses"));
  }

  @Override
  public Result run(Params p) {
    long mib = p.getLong("memoryMiB");
    p.require(mib >= 64 && mib <= 16384, "memoryMiB", "must be in [64, 16384]");
    long steps = p.getLong("steps");
    p.require(steps >= 1 && steps <= 10_000, "steps", "must be in [1, 10000]");
    int entries = p.getInt("tlbEntries");
    p.require(entries >= 1 && entries <= 1 << 20, "tlbEntries", "must be in [1, 2^20]");
    long ws = p.getLong("workingSetMiB");
    p.require(ws >= 1 && ws <= 1 << 20, "workingSetMiB", "must be in [1, 2^20]");
    long accesses = p.getLong("accesses");
    p.require(accesses >= 1 && accesses <= 100_000_000, "accesses", "must be in [1, 10^8]");
    long seed = p.getLong("seed");

    List<ThpCell> cells = new ArrayList<>();
    Series.Builder series = Series.builder("step", "grouping", "noGrouping");
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
    for (int s = 0; s <= steps; s++) {
      series.point(s, trace.get(0)[s], trace.get(1)[s]);
    }

    Tlb tlb = new Tlb(entries, 4096, 2 * MIB);
    long workingSet = ws * MIB;
    TlbSimulator sim = new TlbSimulator(tlb);
    Result.Builder out = Result.builder(name(), p);
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
    out.series("freePageblocks", series.build());
    return out.build();
  }

  private static void addTlbRow(ResultTable.Builder table, Result.Builder out, String key, String label,
      TlbSimulator sim, Tlb tlb, long workingSet, long hugeBytes, long accesses, long seed) {
    TlbSimulator.Outcome o = sim.run(workingSet, hugeBytes, accesses, accesses, seed);
    table.row(label, (double) hugeBytes / workingSet, o.hitRate(), (double) o.coveredBytes() / MIB);
    out.number(key + ".tlbHitRate", o.hitRate());
  }
}
