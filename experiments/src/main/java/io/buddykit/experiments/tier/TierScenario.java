package io.buddykit.experiments.tier;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's DRAM + NVM tiering, run: two buddy-managed pools, Zipf-skewed objects with decayed
 * access counters, and three migration policies (none, always promote, cost-benefit) on the same
 * objects and accesses. Measures the DRAM share of accesses, bytes migrated and mean access time
 * against an all-DRAM machine, epoch by epoch.
 */
public final class TierScenario implements Scenario {
  static final Param<Long> DRAM_MIB = Param.longInteger("dramMiB", 16, 1, 65536, "DRAM pool").withUnit("MiB");
  static final Param<Long> NVM_MIB = Param.longInteger("nvmMiB", 256, 1, 65536, "NVM pool (must hold every object)")
      .withUnit("MiB");
  static final Param<Integer> OBJECTS = Param.integer("objects", 4096, 1, 1_000_000, "live objects");
  static final Param<List<Double>> ORDER_WEIGHTS = Param.numbers("orderWeights", "0.4,0.25,0.15,0.1,0.1",
      Range.atLeast(0), "weights of object sizes 4, 8, 16, 32, 64 KiB ...: 1 to 11 weights, not all zero");
  static final Param<Double> ZIPF = Param.number("zipf", 1.0, Range.closed(0, 5),
      "Zipf exponent s of object popularity");
  static final Param<Double> DRAM_NS = Param.number("dramNs", 90, Range.greaterThan(0), "DRAM access latency")
      .withUnit("ns");
  static final Param<Double> NVM_NS = Param.number("nvmNs", 300, Range.greaterThan(0),
      "NVM access latency, more than dramNs").withUnit("ns");
  static final Param<Double> COPY_NS_PER_PAGE = Param.number("copyNsPerPage", 2000, Range.atLeast(0),
      "one-time cost of copying a 4 KiB page between the tiers").withUnit("ns");
  static final Param<Double> HORIZON_EPOCHS = Param.number("horizonEpochs", 8, Range.greaterThan(0),
      "epochs of expected accesses the cost-benefit test counts").withUnit("epochs");
  static final Param<Double> HOT_FACTOR = Param.number("hotFactor", 2, Range.greaterThan(0),
      "hot: accesses per page per epoch at least this many times the mean");
  static final Param<Integer> ACCESSES_PER_EPOCH = Param.integer("accessesPerEpoch", 5000, 1, 100_000_000,
      "accesses per epoch (between migration decisions)");
  static final Param<Integer> EPOCHS = Param.integer("epochs", 60, 1, 100_000, "epochs");
  static final Param<Double> CHURN = Param.number("churn", 0.02, Range.closed(0, 1),
      "share of objects replaced by new ones per epoch");
  static final Param<List<Long>> HORIZON_SWEEP = Param.integers("horizonSweep", "2,4,8,16,32,64", 1, 1_000_000,
      "horizons the cost-benefit policy is also run with, at most 16").withUnit("epochs");
  static final Param<Long> SEED = Param.seed("random seed");

  @Override
  public String name() {
    return "tier";
  }

  @Override
  public String description() {
    return "DRAM + NVM tiering: no migration vs always-promote vs cost-benefit on Zipf-skewed objects";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(DRAM_MIB, NVM_MIB, OBJECTS, ORDER_WEIGHTS, ZIPF, DRAM_NS, NVM_NS, COPY_NS_PER_PAGE, HORIZON_EPOCHS,
        HOT_FACTOR, ACCESSES_PER_EPOCH, EPOCHS, CHURN, HORIZON_SWEEP, SEED);
  }

  @Override
  public Result run(Params p) {
    TierConfig c = config(p);
    List<Long> horizons = p.get(HORIZON_SWEEP);
    p.require(horizons.size() <= 16, HORIZON_SWEEP, "must be at most 16 horizons in [1, 10^6]");
    Result.Builder out = Result.builder(name(), p);
    List<MigrationPolicy> policies = List.of(MigrationPolicy.values());
    ResultTable.Builder table = ResultTable.builder("policy", "DRAM share", "mean access ns",
        "with copying ns", "vs all-DRAM", "promotions", "declined", "MiB promoted", "MiB demoted");
    double allDram = c.costBenefit().dramNs();
    out.number("allDram.meanAccessNs", allDram);
    List<EpochStats[]> epochs = new ArrayList<>();
    for (MigrationPolicy policy : policies) {
      TierRun run = new TierRun(c, policy);
      EpochStats[] stats = new EpochStats[c.epochs()];
      for (int e = 0; e < c.epochs(); e++) {
        stats[e] = run.epoch(e);
      }
      run.verify();
      epochs.add(stats);
      String k = policy.label() + ".";
      double mibUp = run.pagesPromoted() * 4.0 / 1024;
      double mibDown = run.pagesDemoted() * 4.0 / 1024;
      out.number(k + "dramShare", run.dramShare())
          .number(k + "meanAccessNs", run.meanAccessNs())
          .number(k + "effectiveAccessNs", run.effectiveAccessNs())
          .number(k + "slowdownVsAllDram", run.meanAccessNs() / allDram)
          .number(k + "bytesMigrated", (run.pagesPromoted() + run.pagesDemoted()) * 4096)
          .number(k + "promotions", run.promotions());
      table.row(policy.label(), run.dramShare(), run.meanAccessNs(), run.effectiveAccessNs(),
          run.meanAccessNs() / allDram, run.promotions(), run.declined(), mibUp, mibDown);
    }
    out.table("policies", table.build());
    out.table("costBenefitByHorizon", horizonSweep(c, horizons));
    series(out, policies, epochs, c.epochs());
    return out.build();
  }

  /** Per policy, epoch by epoch: mean access time, DRAM share and MiB migrated. */
  private static void series(Result.Builder out, List<MigrationPolicy> policies, List<EpochStats[]> epochs,
      int epochCount) {
    String[] names = policies.stream().map(MigrationPolicy::label).toArray(String[]::new);
    Series.Builder access = Series.builder("epoch", names);
    Series.Builder share = Series.builder("epoch", names);
    Series.Builder migrated = Series.builder("epoch", names);
    for (int e = 0; e < epochCount; e++) {
      double[] a = new double[policies.size()];
      double[] s = new double[policies.size()];
      double[] m = new double[policies.size()];
      for (int i = 0; i < policies.size(); i++) {
        EpochStats st = epochs.get(i)[e];
        a[i] = st.meanAccessNs();
        s[i] = st.dramShare();
        m[i] = st.pagesMigrated() * 4.0 / 1024;
      }
      access.point(e, a);
      share.point(e, s);
      migrated.point(e, m);
    }
    out.series("meanAccessNs", access.build());
    out.series("dramShare", share.build());
    out.series("mibMigrated", migrated.build());
  }

  /** The cost-benefit policy run again with each horizon. */
  private static ResultTable horizonSweep(TierConfig c, List<Long> horizons) {
    ResultTable.Builder sweep = ResultTable.builder("horizon epochs", "DRAM share", "mean access ns",
        "with copying ns", "promotions", "declined", "MiB migrated");
    for (long h : horizons) {
      CostBenefit cb = c.costBenefit();
      TierConfig hc = c.withCostBenefit(new CostBenefit(cb.dramNs(), cb.nvmNs(), cb.copyNsPerPage(), h));
      TierRun run = new TierRun(hc, MigrationPolicy.COST_BENEFIT);
      for (int e = 0; e < c.epochs(); e++) {
        run.epoch(e);
      }
      sweep.row(h, run.dramShare(), run.meanAccessNs(), run.effectiveAccessNs(), run.promotions(), run.declined(),
          (run.pagesPromoted() + run.pagesDemoted()) * 4.0 / 1024);
    }
    return sweep.build();
  }

  static TierConfig config(Params p) {
    long nvm = p.get(NVM_MIB);
    int objects = p.get(OBJECTS);
    List<Double> weights = p.get(ORDER_WEIGHTS);
    p.require(weights.size() <= 11 && weights.stream().mapToDouble(Double::doubleValue).sum() > 0, ORDER_WEIGHTS,
        "must be 1 to 11 weights >= 0, not all zero");
    p.require(nvm * 256 >= (long) objects << (weights.size() - 1), NVM_MIB,
        "must hold every object at the largest size");
    double dramNs = p.get(DRAM_NS);
    double nvmNs = p.get(NVM_NS);
    p.require(nvmNs > dramNs, NVM_NS, "must exceed dramNs");
    return new TierConfig(p.get(DRAM_MIB) * 256, nvm * 256, objects, weights, p.get(ZIPF),
        new CostBenefit(dramNs, nvmNs, p.get(COPY_NS_PER_PAGE), p.get(HORIZON_EPOCHS)), p.get(HOT_FACTOR),
        p.get(ACCESSES_PER_EPOCH), p.get(EPOCHS), p.get(CHURN), p.get(SEED));
  }
}
