package io.buddykit.experiments.balloon;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.util.Arrays;
import java.util.List;

/**
 * The seed's ballooning for huge pages, run: on a guest aged until its free memory is scattered
 * (and its free huge pages already handed to the host), make one more free 2 MiB block by
 * targeted reclamation (empty the pageblock closest to free), random ballooning (take random
 * pages until a pageblock happens to empty) or full compaction, each from the same state; pages
 * given up or migrated per huge page produced, over many trials.
 */
public final class BalloonScenario implements Scenario {
  /** The owner tag of the blocks the host already took. */
  static final int HOST_TAG = Integer.MAX_VALUE;

  static final Param<Long> GUEST_MIB = Param.longInteger("guestMiB", 128, 16, 4096,
      "guest memory (one node, 2 MiB pageblocks), a multiple of 4").withUnit("MiB");
  static final Param<Integer> TRIALS = Param.integer("trials", 50, 1, 10_000, "aged states, each from its own seed");
  static final Param<Integer> AGING_STEPS = Param.integer("agingSteps", 24, 1, 10_000,
      "steps of the aging workload before each trial");
  static final Param<Long> SEED = Param.seed("seed of the first trial; trial i uses seed + i");

  /** Per trial, what each strategy cost, and the counts over all trials. */
  private record Trials(long[] targeted, long[] random, long[] migrated, long[] scanned, int targetedOk,
      int randomOk, int compactionOk, long hostTook, long releasable) {}

  @Override
  public String name() {
    return "balloon";
  }

  @Override
  public String description() {
    return "ballooning for a free 2 MiB block: targeted pageblock vs random ballooning vs full compaction";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(GUEST_MIB, TRIALS, AGING_STEPS, SEED);
  }

  /** {@link MachineConfig#heapBytes()} of the guest machine of {@code guestMiB} (one trial at a time). */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(GUEST_MIB) << 20, 1).heapBytes();
  }

  @Override
  public Result run(Params p) {
    long mib = p.get(GUEST_MIB);
    p.require(mib % 4 == 0, GUEST_MIB, "must be a multiple of 4 in [16, 4096]");
    int trials = p.get(TRIALS);
    Trials t = trials(MachineConfig.of(mib << 20, 1).withPerCpuLists(false), trials, p.get(AGING_STEPS), p.get(SEED));
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("strategy", "huge pages made", "trials",
        "pages per huge page made", "mean pages per trial", "median", "min", "max", "mean pages scanned");
    row(out, table, "targeted", t.targeted(), t.targetedOk(), trials, null);
    row(out, table, "random", t.random(), t.randomOk(), trials, null);
    row(out, table, "compaction", t.migrated(), t.compactionOk(), trials, t.scanned());
    out.number("compaction.meanPagesScanned", Arrays.stream(t.scanned()).average().orElse(0));
    out.number("hostTookPageblocks", t.hostTook());
    out.number("meanReleasablePages", (double) t.releasable() / trials);
    out.table("strategies", table.build());
    Series.Builder perTrial = Series.builder("trial", "targeted pages", "random pages", "compaction pages migrated");
    for (int i = 0; i < trials; i++) {
      perTrial.point(i, t.targeted()[i], t.random()[i], t.migrated()[i]);
    }
    out.series("pagesPerTrial", perTrial.build());
    return out.build();
  }

  /** Each strategy on the same aged state, trial by trial, trial i aged with {@code seed + i}. */
  private static Trials trials(MachineConfig config, int trials, int steps, long seed) {
    long[] targeted = new long[trials];
    long[] random = new long[trials];
    long[] migrated = new long[trials];
    long[] scanned = new long[trials];
    int targetedOk = 0;
    int randomOk = 0;
    int compactionOk = 0;
    long hostTook = 0;
    long releasable = 0;
    for (int t = 0; t < trials; t++) {
      long s = seed + t;
      Guest g = aged(config, steps, s);
      hostTook += g.takeFreePageblocks(HOST_TAG);
      releasable += g.releasablePages();
      TargetedBalloon.Target target = TargetedBalloon.run(g);
      targeted[t] = target.pages();
      targetedOk += target.pfn() >= 0 ? 1 : 0;

      g = aged(config, steps, s);
      g.takeFreePageblocks(HOST_TAG);
      RandomBalloon.Outcome rnd = RandomBalloon.run(g, s);
      random[t] = rnd.pages();
      randomOk += rnd.pfn() >= 0 ? 1 : 0;

      g = aged(config, steps, s);
      g.takeFreePageblocks(HOST_TAG);
      CompactionBaseline.Outcome c = CompactionBaseline.run(g);
      migrated[t] = c.migrated();
      scanned[t] = c.scanned();
      compactionOk += c.success() ? 1 : 0;
    }
    return new Trials(targeted, random, migrated, scanned, targetedOk, randomOk, compactionOk, hostTook, releasable);
  }

  /** A guest booted and aged with {@code seed}: the same seed gives the same state. */
  static Guest aged(MachineConfig config, int steps, long seed) {
    Machine m = Machine.booted(config);
    Workload w = Workloads.of("aging", m, seed);
    Workloads.run(m, w, steps);
    return new Guest(m, tag -> w.holdings().remove(tag));
  }

  private static void row(Result.Builder out, ResultTable.Builder table, String name, long[] pages, int ok,
      int trials, long[] scanned) {
    long[] sorted = pages.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(pages).average().orElse(0);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    double meanScanned = scanned == null ? 0 : Arrays.stream(scanned).average().orElse(0);
    double perHuge = ok == 0 ? Double.NaN : Arrays.stream(pages).sum() / (double) ok;
    out.number(name + ".pagesPerHugePage", perHuge).number(name + ".meanPages", mean)
        .number(name + ".medianPages", median).number(name + ".successes", ok);
    table.row(name, ok, trials, perHuge, mean, median, sorted[0], sorted[sorted.length - 1], meanScanned);
  }
}
