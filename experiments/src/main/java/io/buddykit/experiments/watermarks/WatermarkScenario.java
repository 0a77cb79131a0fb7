package io.buddykit.experiments.watermarks;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Thp;
import io.buddykit.sim.boot.BootLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's closing point, run: watermarks refuse low-priority requests while high-priority ones
 * still succeed (a fill of a small machine, every refusal point against the zone's marks), and
 * gating low-priority requests keeps them from fragmenting the pageblocks huge pages need (the
 * same aging load plus a GFP_NOWAIT stream, ungated, as Linux boots, and gated, over time).
 */
public final class WatermarkScenario implements Scenario {
  static final Param<Long> FILL_MIB = Param.longInteger("fillMiB", 64, 16, 4096,
      "RAM of the machine filled to the watermarks (no boot reservations)").withUnit("MiB");
  static final Param<Long> MEMORY_MIB = Param.longInteger("memoryMiB", 128, 64, 16384,
      "RAM of the machine aged under each gating").withUnit("MiB");
  static final Param<Long> STEPS = Param.longInteger("steps", 48, 1, 10_000, "aging steps (24 per cycle)");
  static final Param<Integer> EVERY = Param.integer("every", 4, 1, 10_000, "steps between huge-page probes");
  static final Param<Integer> THP_TRIES = Param.integer("thpTries", 8, 1, 100_000,
      "GFP_TRANSHUGE order-9 requests per probe");
  static final Param<Long> LOW_PRIORITY_REQUESTS = Param.longInteger("lowPriorityRequests", 32, 0, 1_000_000,
      "GFP_NOWAIT unmovable requests (orders 0-3) per step");
  static final Param<Long> SEED = Param.seed("random seed");

  @Override
  public String name() {
    return "watermarks";
  }

  @Override
  public String description() {
    return "watermarks refuse GFP_NOWAIT before GFP_ATOMIC; gating low-priority fallbacks keeps huge pages";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(FILL_MIB, MEMORY_MIB, STEPS, EVERY, THP_TRIES, LOW_PRIORITY_REQUESTS, SEED);
  }

  /**
   * {@link MachineConfig#heapBytes()} of the larger of its machines ({@code memoryMiB}, {@code
   * fillMiB}), built one at a time.
   */
  @Override
  public long heapBytes(Params p) {
    return MachineConfig.of(Math.max(p.get(MEMORY_MIB), p.get(FILL_MIB)) << 20, 1).heapBytes();
  }

  @Override
  public Result run(Params p) {
    long steps = p.get(STEPS);
    Result.Builder out = Result.builder(name(), p);
    fill(out, p.get(FILL_MIB));
    List<GatingRun> runs = new ArrayList<>();
    for (Gating g : Gating.values()) {
      runs.add(new GatingRun(g).run(p.get(MEMORY_MIB) << 20, steps, p.get(EVERY), p.get(THP_TRIES),
          p.get(LOW_PRIORITY_REQUESTS), p.get(SEED)));
    }
    ResultTable.Builder summary = ResultTable.builder("gating", "low-priority granted", "low-priority refused",
        "mean free pages", "mean free pageblocks", "final free pageblocks", "mean huge pages per probe",
        "pinned pageblocks at end");
    for (GatingRun r : runs) {
      double meanPages = r.samples().stream().mapToLong(GatingRun.Sample::freePages).average().orElse(0);
      double meanFree = r.samples().stream().mapToLong(GatingRun.Sample::freePageblocks).average().orElse(0);
      double meanHuge = r.samples().stream().filter(s -> s.hugePages() >= 0)
          .mapToInt(GatingRun.Sample::hugePages).average().orElse(0);
      long last = r.samples().getLast().freePageblocks();
      String k = r.gating().label() + ".";
      out.number(k + "lowPriorityGranted", r.granted())
          .number(k + "lowPriorityRefused", r.refused())
          .number(k + "meanFreePages", meanPages)
          .number(k + "meanFreePageblocks", meanFree)
          .number(k + "meanHugePages", meanHuge)
          .number(k + "pinnedPageblocks", r.mixedPageblocks());
      summary.row(r.gating().label(), r.granted(), r.refused(), meanPages, meanFree, last, meanHuge,
          r.mixedPageblocks());
    }
    out.table("gating", summary.build());
    series(out, runs, steps);
    return out.build();
  }

  /**
   * A small machine filled until GFP_NOWAIT and then GFP_ATOMIC are refused: where, against each
   * zone's marks. THP is off so that min_free_kbytes is calculate_min_free_kbytes's int_sqrt rule
   * alone, the one the refusal points are worked out from (khugepaged's raise is a fixed count of
   * pageblocks, which would bury the rule on a machine this small).
   */
  private static void fill(Result.Builder out, long fillMiB) {
    Machine small = Machine.booted(MachineConfig.of(fillMiB << 20, 1).withBoot(BootLayout.none())
        .withPerCpuLists(false).withThp(Thp.NEVER));
    ReserveFill.Outcome o = ReserveFill.run(small);
    ResultTable.Builder zones = ResultTable.builder("zone", "min", "low", "high", "lowmem reserve",
        "free at GFP_NOWAIT refusal", "free at GFP_ATOMIC refusal", "GFP_ATOMIC pages");
    for (ZoneRefusal z : o.zones()) {
      zones.row(z.zone(), z.min(), z.low(), z.high(), z.lowmemReserve(), z.freeAtNowaitRefusal(),
          z.freeAtAtomicRefusal(), z.atomicPages());
      String k = "fill." + z.zone().replaceAll(".*zone ", "") + ".";
      out.number(k + "nowaitRefusedAtFree", z.freeAtNowaitRefusal())
          .number(k + "atomicRefusedAtFree", z.freeAtAtomicRefusal());
    }
    out.number("fill.nowaitPages", o.nowaitPages()).number("fill.atomicPagesAfterNowaitRefused", o.atomicPages());
    out.table("refusalPoints", zones.build());
  }

  /** Free pageblocks and huge pages step by step under each gating, and the probes alone. */
  private static void series(Result.Builder out, List<GatingRun> runs, long steps) {
    List<String> ys = new ArrayList<>();
    for (GatingRun r : runs) {
      ys.add(r.gating().label() + ".freePageblocks");
      ys.add(r.gating().label() + ".hugePages");
    }
    Series.Builder series = Series.builder("step", ys.toArray(String[]::new));
    Series.Builder probes = Series.builder("step", runs.stream().map(r -> r.gating().label()).toArray(String[]::new));
    for (int i = 0; i < steps; i++) {
      double[] y = new double[ys.size()];
      boolean probed = runs.getFirst().samples().get(i).hugePages() >= 0;
      double[] h = new double[runs.size()];
      for (int r = 0; r < runs.size(); r++) {
        GatingRun.Sample s = runs.get(r).samples().get(i);
        y[2 * r] = s.freePageblocks();
        y[2 * r + 1] = s.hugePages();
        h[r] = s.hugePages();
      }
      series.point(i + 1, y);
      if (probed) {
        probes.point(i + 1, h);
      }
    }
    out.series("hugePageAvailability", series.build());
    out.series("hugePageProbes", probes.build());
  }
}
