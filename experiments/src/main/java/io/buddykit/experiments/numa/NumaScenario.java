package io.buddykit.experiments.numa;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's NUMA trade-off, run: threads pinned on every node allocate and free small blocks and
 * 2 MiB huge pages; local-first, interleave, protect-high-orders (the seed's rule, always) and
 * protect-when-scarce (the same rule only while the node is short of free huge blocks) place them.
 * Measures the mean access latency (distance model) against local huge page availability (free
 * order-9 blocks per node, huge page faults served locally) step by step. By default node 0 is a
 * nearly full, huge-page-hungry node and node 1 a lightly loaded one with small fragments to spare.
 */
public final class NumaScenario implements Scenario {
  @Override
  public String name() {
    return "numa";
  }

  @Override
  public String description() {
    return "NUMA placement: local-first vs interleave vs protect-high-orders, latency against local huge pages";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("memoryMiB", "512", "RAM of the machine, split evenly over the nodes"),
        Param.text("nodes", "2", "NUMA nodes"),
        Param.text("remoteDistance", "21", "SLIT distance between different nodes (local is 10)"),
        Param.text("threadsPerNode", "2", "threads pinned one per CPU on each node"),
        Param.text("localNs", "80", "local access latency in ns; remote = localNs x distance / 10"),
        Param.text("occupancy", "0.97,0.7", "share of each node's usable memory its threads hold: one value, or one per node"),
        Param.text("churn", "0.05", "share of each thread's pages freed and allocated again per step"),
        Param.text("hugeShare", "0.6,0.1", "share of requested pages asked for as 2 MiB huge page faults: one value, or one per node"),
        Param.text("protectOrder", "9", "protect-high-orders serves remotely rather than split a local block of this order or more"),
        Param.text("scarce", "8", "protect-when-scarce protects only while its node has at most this many free 2 MiB blocks"),
        Param.text("accessesPerStep", "2000", "memory accesses sampled per step"),
        Param.text("steps", "150", "steps"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    NumaConfig c = config(p);
    long scarce = p.getLong("scarce");
    p.require(scarce >= 0, "scarce", "must be >= 0");
    List<NumaPolicy> policies = List.of(new LocalFirst(), new Interleave(), new ProtectHighOrders(c.protectOrder()),
        new ProtectHighOrders(c.protectOrder(), scarce));
    Result.Builder out = Result.builder(name(), p);
    DistanceModel model = new DistanceModel(c.localNs(), c.distanceMatrix());
    out.number("model.localNs", model.latencyNs(0, 0)).number("model.remoteNs", model.latencyNs(0, 1));
    String[] names = policies.stream().map(NumaPolicy::name).toArray(String[]::new);
    Series.Builder latency = Series.builder("step", names);
    Series.Builder freeHuge = Series.builder("step", names);
    Series.Builder localHuge = Series.builder("step", names);
    ResultTable.Builder table = ResultTable.builder("policy", "mean latency ns", "local accesses",
        "huge faults", "local huge pages", "remote huge pages", "fallbacks to 4K", "local huge share",
        "mean free 2M blocks", "sent remote to protect", "failed allocations");
    ResultTable.Builder nodes = ResultTable.builder("policy", "node", "huge faults", "local huge pages",
        "local huge share", "mean free 2M blocks", "free 2M blocks at end");
    List<NumaStep[]> steps = new ArrayList<>();
    for (NumaPolicy policy : policies) {
      NumaRun run = new NumaRun(c, policy);
      NumaStep[] series = new NumaStep[c.steps()];
      for (int s = 0; s < c.steps(); s++) {
        series[s] = run.step(s);
      }
      run.machine().verify();
      steps.add(series);
      long faults = run.hugeFaults();
      double localShare = faults == 0 ? 0 : (double) run.localHugePages() / faults;
      long sent = policy instanceof ProtectHighOrders ph ? ph.sentRemote() : 0;
      double freeMean = 0;
      double[] nodeFreeMean = new double[c.nodes()];
      for (NumaStep st : series) {
        freeMean += (double) st.totalFreeHugeBlocks() / series.length;
        for (int n = 0; n < c.nodes(); n++) {
          nodeFreeMean[n] += (double) st.freeHugeBlocks()[n] / series.length;
        }
      }
      String k = policy.name() + ".";
      out.number(k + "meanLatencyNs", run.meanLatencyNs())
          .number(k + "localAccessShare", run.localAccessShare())
          .number(k + "hugeFaults", faults)
          .number(k + "localHugePageShare", localShare)
          .number(k + "meanFreeHugeBlocks", freeMean)
          .number(k + "sentRemote", sent);
      table.row(policy.name(), run.meanLatencyNs(), run.localAccessShare(), faults, run.localHugePages(),
          run.remoteHugePages(), run.hugeFallbacks(), localShare, freeMean, sent, run.failures());
      long[] end = series[series.length - 1].freeHugeBlocks();
      for (int n = 0; n < c.nodes(); n++) {
        long f = run.hugeFaults(n);
        double share = f == 0 ? 0 : (double) run.localHugePages(n) / f;
        out.number(k + "node" + n + ".localHugePageShare", share);
        nodes.row(policy.name(), n, f, run.localHugePages(n), share, nodeFreeMean[n], end[n]);
      }
    }
    long[] faults = new long[policies.size()];
    long[] local = new long[policies.size()];
    for (int s = 0; s < c.steps(); s++) {
      double[] lat = new double[policies.size()];
      double[] free = new double[policies.size()];
      double[] share = new double[policies.size()];
      for (int i = 0; i < policies.size(); i++) {
        NumaStep st = steps.get(i)[s];
        lat[i] = st.meanLatencyNs();
        free[i] = st.totalFreeHugeBlocks();
        faults[i] += st.hugeFaults();
        local[i] += st.localHugePages();
        share[i] = faults[i] == 0 ? 0 : (double) local[i] / faults[i];
      }
      latency.point(s, lat);
      freeHuge.point(s, free);
      localHuge.point(s, share);
    }
    out.table("policies", table.build());
    out.table("nodes", nodes.build());
    out.series("meanLatencyNs", latency.build());
    out.series("freeHugeBlocks", freeHuge.build());
    out.series("localHugePageShare", localHuge.build());
    return out.build();
  }

  static NumaConfig config(Params p) {
    long mib = p.getLong("memoryMiB");
    int nodes = p.getInt("nodes");
    p.require(nodes >= 2 && nodes <= 8, "nodes", "must be in [2, 8]");
    p.require(mib >= 32L * nodes && mib <= 65536, "memoryMiB", "must be in [32 x nodes, 65536]");
    int distance = p.getInt("remoteDistance");
    p.require(distance > 10 && distance <= 255, "remoteDistance", "must be in [11, 255]");
    int threads = p.getInt("threadsPerNode");
    p.require(threads >= 1 && threads <= 64, "threadsPerNode", "must be in [1, 64]");
    double localNs = p.getDouble("localNs");
    p.require(localNs > 0, "localNs", "must be > 0");
    double churn = p.getDouble("churn");
    p.require(churn > 0 && churn <= 1, "churn", "must be in (0, 1]");
    double[] occupancy = fractions(p, "occupancy", nodes, false);
    double[] huge = fractions(p, "hugeShare", nodes, true);
    int protect = p.getInt("protectOrder");
    p.require(protect >= 1 && protect <= 10, "protectOrder", "must be in [1, 10]");
    int accesses = p.getInt("accessesPerStep");
    p.require(accesses >= 1 && accesses <= 10_000_000, "accessesPerStep", "must be in [1, 10^7]");
    int steps = p.getInt("steps");
    p.require(steps >= 1 && steps <= 100_000, "steps", "must be in [1, 10^5]");
    return new NumaConfig(mib << 20, nodes, distance, threads, localNs, occupancy, churn, huge, protect,
        accesses, steps, p.getLong("seed"));
  }

  /** One share per node, or one for all: in (0, 1], or [0, 1) when {@code fromZero}. */
  private static double[] fractions(Params p, String name, int nodes, boolean fromZero) {
    List<Double> values = p.getDoubles(name);
    p.require(values.size() == 1 || values.size() == nodes, name, "needs one value or one per node");
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
      p.require(fromZero ? out[i] >= 0 && out[i] < 1 : out[i] > 0 && out[i] <= 1, name,
          fromZero ? "each value must be in [0, 1)" : "each value must be in (0, 1]");
    }
    return out;
  }
}
