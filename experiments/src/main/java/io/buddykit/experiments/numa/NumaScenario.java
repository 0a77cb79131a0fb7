package io.buddykit.experiments.numa;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.MachineConfig;
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
  static final Param<Long> MEMORY_MIB = Param.longInteger("memoryMiB", 512, 64, 65536,
      "RAM of the machine, split evenly over the nodes, at least 32 per node").withUnit("MiB");
  static final Param<Integer> NODES = Param.integer("nodes", 2, 2, 8, "NUMA nodes");
  static final Param<Integer> REMOTE_DISTANCE = Param.integer("remoteDistance", 21, 11, 255,
      "SLIT distance between different nodes (local is 10)");
  static final Param<Integer> THREADS_PER_NODE = Param.integer("threadsPerNode", 2, 1, 64,
      "threads pinned one per CPU on each node");
  static final Param<Double> LOCAL_NS = Param.number("localNs", 80, Range.greaterThan(0),
      "local access latency; remote = localNs x distance / 10").withUnit("ns");
  static final Param<List<Double>> OCCUPANCY = Param.numbers("occupancy", "0.97,0.7", Range.openClosed(0, 1),
      "share of each node's usable memory its threads hold: one value, or one per node");
  static final Param<Double> CHURN = Param.number("churn", 0.05, Range.openClosed(0, 1),
      "share of each thread's pages freed and allocated again per step");
  static final Param<List<Double>> HUGE_SHARE = Param.numbers("hugeShare", "0.6,0.1", Range.closedOpen(0, 1),
      "share of requested pages asked for as 2 MiB huge page faults: one value, or one per node");
  static final Param<Integer> PROTECT_ORDER = Param.integer("protectOrder", 9, 1, 10,
      "protect-high-orders serves remotely rather than split a local block of this order or more");
  static final Param<Long> SCARCE = Param.longInteger("scarce", 8, 0, Long.MAX_VALUE,
      "protect-when-scarce protects only while its node has at most this many free 2 MiB blocks");
  static final Param<Integer> ACCESSES_PER_STEP = Param.integer("accessesPerStep", 2000, 1, 10_000_000,
      "memory accesses sampled per step");
  static final Param<Integer> STEPS = Param.integer("steps", 150, 1, 100_000, "steps");
  static final Param<Long> SEED = Param.seed("random seed");

  /** One policy's run: the policy (which counts what it sent remote) and its steps. */
  private record PolicyRun(NumaPolicy policy, NumaRun run, NumaStep[] steps) {}

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
    return List.of(MEMORY_MIB, NODES, REMOTE_DISTANCE, THREADS_PER_NODE, LOCAL_NS, OCCUPANCY, CHURN, HUGE_SHARE,
        PROTECT_ORDER, SCARCE, ACCESSES_PER_STEP, STEPS, SEED);
  }

  /** {@link MachineConfig#heapBytes()} of the machine of {@code memoryMiB} over {@code nodes}. */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(p.get(MEMORY_MIB) << 20, p.get(NODES)).heapBytes();
  }

  @Override
  public Result run(Params p) {
    NumaConfig c = config(p);
    List<NumaPolicy> policies = List.of(new LocalFirst(), new Interleave(), new ProtectHighOrders(c.protectOrder()),
        new ProtectHighOrders(c.protectOrder(), p.get(SCARCE)));
    Result.Builder out = Result.builder(name(), p);
    DistanceModel model = new DistanceModel(c.localNs(), c.distanceMatrix());
    out.number("model.localNs", model.latencyNs(0, 0)).number("model.remoteNs", model.latencyNs(0, 1));
    ResultTable.Builder table = ResultTable.builder("policy", "mean latency ns", "local accesses",
        "huge faults", "local huge pages", "remote huge pages", "fallbacks to 4K", "local huge share",
        "mean free 2M blocks", "sent remote to protect", "failed allocations");
    ResultTable.Builder nodes = ResultTable.builder("policy", "node", "huge faults", "local huge pages",
        "local huge share", "mean free 2M blocks", "free 2M blocks at end");
    List<PolicyRun> runs = new ArrayList<>();
    for (NumaPolicy policy : policies) {
      PolicyRun r = measure(c, policy);
      runs.add(r);
      report(out, table, nodes, c.nodes(), r);
    }
    out.table("policies", table.build());
    out.table("nodes", nodes.build());
    series(out, runs, c.steps());
    return out.build();
  }

  private static PolicyRun measure(NumaConfig c, NumaPolicy policy) {
    NumaRun run = new NumaRun(c, policy);
    NumaStep[] steps = new NumaStep[c.steps()];
    for (int s = 0; s < c.steps(); s++) {
      steps[s] = run.step(s);
    }
    run.machine().verify();
    return new PolicyRun(policy, run, steps);
  }

  /** One policy's numbers, its row of the policies table and its rows of the nodes table. */
  private static void report(Result.Builder out, ResultTable.Builder table, ResultTable.Builder nodes, int nodeCount,
      PolicyRun r) {
    NumaRun run = r.run();
    NumaStep[] series = r.steps();
    long faults = run.hugeFaults();
    double localShare = faults == 0 ? 0 : (double) run.localHugePages() / faults;
    long sent = r.policy() instanceof ProtectHighOrders ph ? ph.sentRemote() : 0;
    double freeMean = 0;
    double[] nodeFreeMean = new double[nodeCount];
    for (NumaStep st : series) {
      freeMean += (double) st.totalFreeHugeBlocks() / series.length;
      for (int n = 0; n < nodeCount; n++) {
        nodeFreeMean[n] += (double) st.freeHugeBlocks()[n] / series.length;
      }
    }
    String name = r.policy().name();
    String k = name + ".";
    out.number(k + "meanLatencyNs", run.meanLatencyNs())
        .number(k + "localAccessShare", run.localAccessShare())
        .number(k + "hugeFaults", faults)
        .number(k + "localHugePageShare", localShare)
        .number(k + "meanFreeHugeBlocks", freeMean)
        .number(k + "sentRemote", sent);
    table.row(name, run.meanLatencyNs(), run.localAccessShare(), faults, run.localHugePages(),
        run.remoteHugePages(), run.hugeFallbacks(), localShare, freeMean, sent, run.failures());
    long[] end = series[series.length - 1].freeHugeBlocks();
    for (int n = 0; n < nodeCount; n++) {
      long f = run.hugeFaults(n);
      double share = f == 0 ? 0 : (double) run.localHugePages(n) / f;
      out.number(k + "node" + n + ".localHugePageShare", share);
      nodes.row(name, n, f, run.localHugePages(n), share, nodeFreeMean[n], end[n]);
    }
  }

  /** Step by step per policy: mean latency, free 2 MiB blocks, and the local share of huge faults so far. */
  private static void series(Result.Builder out, List<PolicyRun> runs, int steps) {
    String[] names = runs.stream().map(r -> r.policy().name()).toArray(String[]::new);
    Series.Builder latency = Series.builder("step", names);
    Series.Builder freeHuge = Series.builder("step", names);
    Series.Builder localHuge = Series.builder("step", names);
    long[] faults = new long[runs.size()];
    long[] local = new long[runs.size()];
    for (int s = 0; s < steps; s++) {
      double[] lat = new double[runs.size()];
      double[] free = new double[runs.size()];
      double[] share = new double[runs.size()];
      for (int i = 0; i < runs.size(); i++) {
        NumaStep st = runs.get(i).steps()[s];
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
    out.series("meanLatencyNs", latency.build());
    out.series("freeHugeBlocks", freeHuge.build());
    out.series("localHugePageShare", localHuge.build());
  }

  static NumaConfig config(Params p) {
    int nodes = p.get(NODES);
    long mib = p.get(MEMORY_MIB);
    p.require(mib >= 32L * nodes, MEMORY_MIB, "must be in [32 x nodes, 65536]");
    return new NumaConfig(mib << 20, nodes, p.get(REMOTE_DISTANCE), p.get(THREADS_PER_NODE), p.get(LOCAL_NS),
        perNode(p, OCCUPANCY, nodes), p.get(CHURN), perNode(p, HUGE_SHARE, nodes), p.get(PROTECT_ORDER),
        p.get(ACCESSES_PER_STEP), p.get(STEPS), p.get(SEED));
  }

  /** One share per node, or one for all. */
  private static double[] perNode(Params p, Param<List<Double>> param, int nodes) {
    List<Double> values = p.get(param);
    p.require(values.size() == 1 || values.size() == nodes, param, "needs one value or one per node");
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
