package io.buddykit.share.cpu;

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
 * CPU time as a buddy block: a 16 ms frame is allocated afresh each frame to periodic tasks and
 * one-off requests, each rounded up to a power-of-two slice, and coalesces whole at the frame's
 * end. Runs one random workload under each policy with buddy slices and with exact time, measuring
 * utilisation, time-internal fragmentation, deferrals, worst wait, Jain's index and deadline
 * misses; then sweeps task-set density for the share of random periodic task sets that are
 * schedulable under buddy slices and exactly. Checks the seed's example: 3 ms gets a 4 ms slice.
 *
 * <p>Results: {@code example.requestMs}, {@code example.sliceMs}; {@code workload.*}; per placer
 * and policy {@code <buddy|exact>.<fifo|smallest|aging>.<utilisation|occupancy|
 * internalFragmentation|meanDeferrals|maxDeferrals|worstWaitFrames|jain|deadlineMisses|missRatio>};
 * tables {@code policies} and {@code densitySweep}; series {@code schedulable.<policy>} (x density,
 * y buddy and exact).
 */
public final class CpuTimeScenario implements Scenario {
  public static final Param<Double> FRAME_MS = Param.number("frameMs", 16, Range.greaterThan(0),
      "frame length; frameMs / unitMs must be a power of two").withUnit("ms");
  public static final Param<Double> UNIT_MS = Param.number("unitMs", 1, Range.greaterThan(0),
      "the time unit (slices are whole units)").withUnit("ms");
  public static final Param<Long> FRAMES = Param.longInteger("frames", 1000, 1, 10_000_000, "frames simulated per run");
  public static final Param<Long> SEED = Param.seed("random seed");
  public static final Param<Integer> TASKS = Param.integer("tasks", 6, 1, 64, "periodic tasks per task set");
  public static final Param<Double> DENSITY = Param.number("density", 0.5, Range.openClosed(0, 1),
      "density of the periodic task set: sum of budget/period over the frame");
  public static final Param<Integer> MAX_PERIOD = Param.integer("maxPeriod", 8, 1, 12, "longest task period")
      .withUnit("frames");
  public static final Param<Double> ONE_OFFS = Param.number("oneOffs", 1, Range.closed(0, 64),
      "one-off requests per frame, mean of a Poisson number");
  public static final Param<Double> ONE_OFF_MAX_MS = Param.number("oneOffMaxMs", 8, Range.greaterThan(0),
      "one-off budgets are uniform from 1 unit to this many ms, at most frameMs").withUnit("ms");
  public static final Param<String> POLICY = Param.choice("policy", "all", List.of("all", "fifo", "smallest", "aging"),
      "all, or one policy");
  public static final Param<List<Double>> DENSITIES = Param.numbers("densities",
      "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0", Range.openClosed(0, 1), "task-set densities of the sweep");
  public static final Param<Integer> SETS_PER_DENSITY = Param.integer("setsPerDensity", 200, 1, 100_000,
      "random task sets per density in the sweep");

  /** One run's parameters, checked together: the frame they make and what depends on its length. */
  record Config(TimeFrame frame, long frames, long seed, int tasks, double density, int maxPeriod, double oneOffs,
      double oneOffMaxMs, List<Policy> policies, List<Double> densities, int setsPerDensity) {
    static Config of(Params p) {
      TimeFrame frame;
      try {
        frame = TimeFrame.ofMs(p.get(FRAME_MS), p.get(UNIT_MS));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parameters frameMs/unitMs: " + e.getMessage(), e);
      }
      double oneOffMaxMs = p.get(ONE_OFF_MAX_MS);
      p.require(oneOffMaxMs <= frame.lengthMs(), ONE_OFF_MAX_MS, "must be at most frameMs");
      String policy = p.get(POLICY);
      return new Config(frame, p.get(FRAMES), p.get(SEED), p.get(TASKS), p.get(DENSITY), p.get(MAX_PERIOD),
          p.get(ONE_OFFS), oneOffMaxMs, policy.equals("all") ? Policy.all() : List.of(Policy.parse(policy)),
          p.get(DENSITIES), p.get(SETS_PER_DENSITY));
    }
  }

  @Override
  public String name() {
    return "cputime";
  }

  @Override
  public String description() {
    return "CPU time as a buddy block: power-of-two slices of a 16 ms frame vs exact time, by policy, and"
        + " schedulability by density";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(FRAME_MS, UNIT_MS, FRAMES, SEED, TASKS, DENSITY, MAX_PERIOD, ONE_OFFS, ONE_OFF_MAX_MS, POLICY,
        DENSITIES, SETS_PER_DENSITY);
  }

  @Override
  public Result run(Params p) {
    Config c = Config.of(p);
    Result.Builder out = Result.builder(name(), p);
    example(c.frame(), out);
    TaskSetGenerator generator = new TaskSetGenerator(c.frame(), c.tasks(), c.maxPeriod());
    FrameWorkload workload = WorkloadGenerator.generate(
        generator, c.density(), c.oneOffs(), c.frame().unitsFor(c.oneOffMaxMs()), c.frames(), c.seed());
    workload(c, workload, out);
    policies(c, workload, out);
    List<SweepPoint> points = new DensitySweep(c.frame(), generator, c.setsPerDensity(), c.policies())
        .run(c.densities(), c.seed());
    sweep(c.policies(), points, out);
    return out.build();
  }

  private static void workload(Config c, FrameWorkload workload, Result.Builder out) {
    double periodicDensity = workload.periodicDensity(c.frame());
    double oneOffLoad = workload.oneOffLoad(c.frame(), c.frames());
    out.number("workload.periodicTasks", (long) workload.periodic().size())
        .number("workload.periodicDensity", periodicDensity)
        .number("workload.oneOffRequests", (long) workload.oneOffs().size())
        .number("workload.oneOffLoad", oneOffLoad)
        .number("workload.offeredLoad", periodicDensity + oneOffLoad);
  }

  /** The workload under each placer and policy: the numbers and the {@code policies} table. */
  private static void policies(Config c, FrameWorkload workload, Result.Builder out) {
    ResultTable.Builder compare = ResultTable.builder("placer", "policy", "utilisation", "occupancy",
        "internal fragmentation", "mean deferrals", "max deferrals", "worst wait (frames)", "Jain's index",
        "deadline misses", "miss ratio");
    for (PlacerKind kind : PlacerKind.values()) {
      for (Policy policy : c.policies()) {
        CpuMetrics m = new FrameScheduler(workload, kind.create(c.frame()), policy).run(c.frames());
        String k = kind.label() + "." + policy.label() + ".";
        out.number(k + "utilisation", m.utilisation())
            .number(k + "occupancy", m.occupancy())
            .number(k + "internalFragmentation", m.internalFragmentation())
            .number(k + "meanDeferrals", m.meanDeferrals())
            .number(k + "maxDeferrals", m.maxDeferrals())
            .number(k + "worstWaitFrames", m.worstWaitFrames())
            .number(k + "jain", m.jain())
            .number(k + "deadlineMisses", m.deadlineMisses())
            .number(k + "missRatio", m.missRatio());
        compare.row(kind.label(), policy.label(), m.utilisation(), m.occupancy(), m.internalFragmentation(),
            m.meanDeferrals(), m.maxDeferrals(), m.worstWaitFrames(), m.jain(), m.deadlineMisses(),
            m.missRatio());
      }
    }
    out.table("policies", compare.build());
  }

  /** The density sweep: the {@code densitySweep} table and a {@code schedulable.<policy>} series each. */
  private static void sweep(List<Policy> policies, List<SweepPoint> points, Result.Builder out) {
    List<String> columns = new ArrayList<>(List.of("density", "mean density", "sets"));
    for (Policy policy : policies) {
      columns.add("buddy." + policy.label());
      columns.add("exact." + policy.label());
    }
    ResultTable.Builder sweep = ResultTable.builder(columns.toArray(String[]::new));
    for (SweepPoint pt : points) {
      List<Object> row = new ArrayList<>(List.of(pt.density(), pt.meanDensity(), (long) pt.sets()));
      for (Policy policy : policies) {
        row.add(pt.buddy().get(policy));
        row.add(pt.exact().get(policy));
      }
      sweep.row(row.toArray());
    }
    out.table("densitySweep", sweep.build());
    for (Policy policy : policies) {
      Series.Builder s = Series.builder("density", "buddy", "exact");
      for (SweepPoint pt : points) {
        s.point(pt.density(), pt.buddy().get(policy), pt.exact().get(policy));
      }
      out.series("schedulable." + policy.label(), s.build());
    }
  }

  /** The seed's example, measured on a real buddy frame: a 3 ms request and the slice it gets. */
  private static void example(TimeFrame frame, Result.Builder out) {
    long units = frame.unitsFor(3.0);
    if (units > frame.units()) {
      return; // a frame shorter than 3 ms has no room for the example
    }
    BuddyPlacer placer = new BuddyPlacer(frame);
    long start = placer.place(units);
    long granted = frame.units() - placer.freeUnits();
    placer.endFrame();
    if (start < 0 || granted != placer.granted(units)) {
      throw new IllegalStateException("the example request was not placed as one slice");
    }
    out.number("example.requestMs", 3.0).number("example.sliceMs", frame.toMs(granted));
  }
}
