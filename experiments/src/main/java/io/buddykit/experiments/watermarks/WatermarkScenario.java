package io.buddykit.experiments.watermarks;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import io.buddykit.sim.BootLayout;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's closing point, run: watermarks refuse low-priority requests while high-priority ones
 * still succeed (a fill of a small machine, every refusal point against the zone's marks), and
 * gating low-priority requests keeps them from fragmenting the pageblocks huge pages need (the
 * same aging load plus a GFP_NOWAIT stream, ungated, as Linux boots, and gated, over time).
 */
public final class WatermarkScenario implements Scenario {
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
    return List.of(
        Param.text("fillMiB", "64", "RAM of the machine filled to the watermarks (no boot reservations)"),
        Param.text("memoryMiB", "128", "RAM of the machine aged under each gating"),
        Param.text("steps", "48", "aging steps (24 per cycle)"),
        Param.text("every", "4", "steps between huge-page probes"),
        Param.text("thpTries", "8", "GFP_TRANSHUGE order-9 requests per probe"),
        Param.text("lowPriorityRequests", "32", "GFP_NOWAIT unmovable requests (orders 0-3) per step"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    long fill = p.getLong("fillMiB");
    p.require(fill >= 16 && fill <= 4096, "fillMiB", "must be in [16, 4096]");
    long mib = p.getLong("memoryMiB");
    p.require(mib >= 64 && mib <= 16384, "memoryMiB", "must be in [64, 16384]");
    long steps = p.getLong("steps");
    p.require(steps >= 1 && steps <= 10_000, "steps", "must be in [1, 10000]");
    int every = p.getInt("every");
    p.require(every >= 1, "every", "must be >= 1");
    int tries = p.getInt("thpTries");
    p.require(tries >= 1 && tries <= 100_000, "thpTries", "must be in [1, 100000]");
    long requests = p.getLong("lowPriorityRequests");
    p.require(requests >= 0 && requests <= 1_000_000, "lowPriorityRequests", "must be in [0, 10^6]");
    long seed = p.getLong("seed");

    Result.Builder out = Result.builder(name(), p);
    Machine small = Machine.booted(MachineConfig.of(fill << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
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

    List<GatingRun> runs = new ArrayList<>();
    for (Gating g : Gating.values()) {
      runs.add(new GatingRun(g).run(mib << 20, steps, every, tries, requests, seed));
    }
    ResultTable.Builder summary = ResultTable.builder("gating", "low-priority granted", "low-priority refused",
        "mean free pages", "mean free pageblocks", "final free pageblocks", "mean huge pages per probe", "pinned pageblocks at end");
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
      summary.row(r.gating().label(), r.granted(), r.refused(), meanPages, meanFree, last, meanHuge, r.mixedPageblocks());
    }
    out.table("gating", summary.build());
    out.series("hugePageAvailability", series.build());
    out.series("hugePageProbes", probes.build());
    return out.build();
  }
}
