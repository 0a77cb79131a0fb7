package io.buddykit.experiments.tier;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
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
    return List.of(
        Param.text("dramMiB", "16", "DRAM pool"),
        Param.text("nvmMiB", "256", "NVM pool (must hold every object)"),
        Param.text("objects", "4096", "live objects"),
        Param.text("orderWeights", "0.4,0.25,0.15,0.1,0.1", "weights of object sizes 4, 8, 16, 32, 64 KiB ..."),
        Param.text("zipf", "1.0", "Zipf exponent s of object popularity"),
        Param.text("dramNs", "90", "DRAM access latency"),
        Param.text("nvmNs", "300", "NVM access latency"),
        Param.text("copyNsPerPage", "2000", "one-time cost of copying a 4 KiB page between the tiers"),
        Param.text("horizonEpochs", "8", "epochs of expected accesses the cost-benefit test counts"),
        Param.text("hotFactor", "2", "hot: accesses per page per epoch at least this many times the mean"),
        Param.text("accessesPerEpoch", "5000", "accesses per epoch (between migration decisions)"),
        Param.text("epochs", "60", "epochs"),
        Param.text("churn", "0.02", "share of objects replaced by new ones per epoch"),
        Param.text("horizonSweep", "2,4,8,16,32,64", "horizons (epochs) the cost-benefit policy is also run with"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    TierConfig c = config(p);
    List<Long> horizons = p.getLongs("horizonSweep");
    p.require(horizons.size() <= 16 && horizons.stream().allMatch(h -> h >= 1 && h <= 1_000_000), "horizonSweep",
        "must be at most 16 horizons in [1, 10^6]");
    Result.Builder out = Result.builder(name(), p);
    List<MigrationPolicy> policies = List.of(MigrationPolicy.values());
    String[] names = policies.stream().map(MigrationPolicy::label).toArray(String[]::new);
    Series.Builder access = Series.builder("epoch", names);
    Series.Builder share = Series.builder("epoch", names);
    Series.Builder migrated = Series.builder("epoch", names);
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
    for (int e = 0; e < c.epochs(); e++) {
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
    out.table("policies", table.build());
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
    out.table("costBenefitByHorizon", sweep.build());
    out.series("meanAccessNs", access.build());
    out.series("dramShare", share.build());
    out.series("mibMigrated", migrated.build());
    return out.build();
  }

  static TierConfig config(Params p) {
    long dram = p.getLong("dramMiB");
    p.require(dram >= 1 && dram <= 65536, "dramMiB", "must be in [1, 65536]");
    long nvm = p.getLong("nvmMiB");
    p.require(nvm >= 1 && nvm <= 65536, "nvmMiB", "must be in [1, 65536]");
    int objects = p.getInt("objects");
    p.require(objects >= 1 && objects <= 1_000_000, "objects", "must be in [1, 10^6]");
    List<Double> weights = p.getDoubles("orderWeights");
    p.require(weights.size() <= 11 && weights.stream().allMatch(w -> w >= 0)
        && weights.stream().mapToDouble(Double::doubleValue).sum() > 0, "orderWeights",
        "must be 1 to 11 weights >= 0, not all zero");
    p.require(nvm * 256 >= (long) objects << (weights.size() - 1), "nvmMiB",
        "must hold every object at the largest size");
    double zipf = p.getDouble("zipf");
    p.require(zipf >= 0 && zipf <= 5, "zipf", "must be in [0, 5]");
    double dramNs = p.getDouble("dramNs");
    p.require(dramNs > 0, "dramNs", "must be > 0");
    double nvmNs = p.getDouble("nvmNs");
    p.require(nvmNs > dramNs, "nvmNs", "must exceed dramNs");
    double copy = p.getDouble("copyNsPerPage");
    p.require(copy >= 0, "copyNsPerPage", "must be >= 0");
    double horizon = p.getDouble("horizonEpochs");
    p.require(horizon > 0, "horizonEpochs", "must be > 0");
    double hot = p.getDouble("hotFactor");
    p.require(hot > 0, "hotFactor", "must be > 0");
    int accesses = p.getInt("accessesPerEpoch");
    p.require(accesses >= 1 && accesses <= 100_000_000, "accessesPerEpoch", "must be in [1, 10^8]");
    int epochs = p.getInt("epochs");
    p.require(epochs >= 1 && epochs <= 100_000, "epochs", "must be in [1, 10^5]");
    double churn = p.getDouble("churn");
    p.require(churn >= 0 && churn <= 1, "churn", "must be in [0, 1]");
    return new TierConfig(dram * 256, nvm * 256, objects, weights, zipf,
        new CostBenefit(dramNs, nvmNs, copy, horizon), hot, accesses, epochs, churn, p.getLong("seed"));
  }
}
