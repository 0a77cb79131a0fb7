package io.buddykit.share.cpu;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
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

  @Override
  public String name() {
    return "cputime";
  }

  @Override
  public String description() {
    return "CPU time as a buddy block: power-of-two slices of a 16 ms frame vs exact time, by policy, and schedulability by density";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("frameMs", "16", "frame length in ms; frameMs / unitMs must be a power of two"),
        Param.text("unitMs", "1", "the time unit in ms (slices are whole units)"),
        Param.text("frames", "1000", "frames simulated per run"),
        Param.text("seed", "1", "random seed"),
        Param.text("tasks", "6", "periodic tasks per task set"),
        Param.text("density", "0.5", "density of the periodic task set: sum of budget/period over the frame, in (0, 1]"),
        Param.text("maxPeriod", "8", "longest task period in frames, 1 to 12"),
        Param.text("oneOffs", "1", "one-off requests per frame, mean of a Poisson number"),
        Param.text("oneOffMaxMs", "8", "one-off budgets are uniform from 1 unit to this many ms"),
        Param.text("policy", "all", "all, or one of fifo, smallest, aging"),
        Param.text("densities", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0", "task-set densities of the sweep, each in (0, 1]"),
        Param.text("setsPerDensity", "200", "random task sets per density in the sweep"));
  }

  @Override
  public Result run(Params p) {
    double frameMs = p.getDouble("frameMs");
    double unitMs = p.getDouble("unitMs");
    p.require(unitMs > 0, "unitMs", "must be positive");
    p.require(frameMs > 0, "frameMs", "must be positive");
    TimeFrame frame;
    try {
      frame = TimeFrame.ofMs(frameMs, unitMs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameter frameMs=" + p.string("frameMs") + ": " + e.getMessage(), e);
    }
    long frames = p.getLong("frames");
    p.require(frames >= 1 && frames <= 10_000_000, "frames", "must be in [1, 10^7]");
    long seed = p.getLong("seed");
    int tasks = p.getInt("tasks");
    p.require(tasks >= 1 && tasks <= 64, "tasks", "must be in [1, 64]");
    double density = p.getDouble("density");
    p.require(density > 0 && density <= 1, "density", "must be in (0, 1]");
    int maxPeriod = p.getInt("maxPeriod");
    p.require(maxPeriod >= 1 && maxPeriod <= 12, "maxPeriod", "must be in [1, 12]");
    double oneOffs = p.getDouble("oneOffs");
    p.require(oneOffs >= 0 && oneOffs <= 64, "oneOffs", "must be in [0, 64]");
    double oneOffMaxMs = p.getDouble("oneOffMaxMs");
    p.require(oneOffMaxMs > 0 && oneOffMaxMs <= frame.lengthMs(), "oneOffMaxMs",
        "must be in (0, frameMs]");
    List<Policy> policies = policies(p);
    List<Double> densities = p.getDoubles("densities");
    p.require(!densities.isEmpty() && densities.stream().allMatch(d -> d > 0 && d <= 1), "densities",
        "each must be in (0, 1]");
    int setsPerDensity = p.getInt("setsPerDensity");
    p.require(setsPerDensity >= 1 && setsPerDensity <= 100_000, "setsPerDensity", "must be in [1, 10^5]");

    Result.Builder out = Result.builder(name(), p);
    example(frame, out);

    TaskSetGenerator generator = new TaskSetGenerator(frame, tasks, maxPeriod);
    Workload workload = WorkloadGenerator.generate(
        generator, density, oneOffs, frame.unitsFor(oneOffMaxMs), frames, seed);
    double periodicDensity = workload.periodicDensity(frame);
    double oneOffLoad = workload.oneOffLoad(frame, frames);
    out.number("workload.periodicTasks", (long) workload.periodic().size())
        .number("workload.periodicDensity", periodicDensity)
        .number("workload.oneOffRequests", (long) workload.oneOffs().size())
        .number("workload.oneOffLoad", oneOffLoad)
        .number("workload.offeredLoad", periodicDensity + oneOffLoad);

    ResultTable.Builder compare = ResultTable.builder("placer", "policy", "utilisation", "occupancy",
        "internal fragmentation", "mean deferrals", "max deferrals", "worst wait (frames)", "Jain's index",
        "deadline misses", "miss ratio");
    for (PlacerKind kind : PlacerKind.values()) {
      for (Policy policy : policies) {
        CpuMetrics m = new FrameScheduler(workload, kind.create(frame), policy).run(frames);
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

    List<SweepPoint> points = new DensitySweep(frame, generator, setsPerDensity, policies).run(densities, seed);
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
    return out.build();
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

  private static List<Policy> policies(Params p) {
    String name = p.string("policy").trim();
    if (name.equalsIgnoreCase("all")) {
      return Policy.all();
    }
    try {
      return List.of(Policy.parse(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "parameter policy=" + name + ": must be all, fifo, smallest or aging", e);
    }
  }
}
