package io.buddykit.flash;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.util.List;

/**
 * The seed's flash translation layer on a hot/cold workload: the three GC policies side by side,
 * and wear-aware coalescing (with static wear levelling) off versus on — write amplification,
 * erase spread, superblock availability and projected lifetime, every run proving it lost no page.
 */
public final class FlashScenario implements Scenario {
  @Override
  public String name() {
    return "flash";
  }

  @Override
  public String description() {
    return "FTL with buddy superblocks: GC policies and wear-aware coalescing on hot/cold writes";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("blocks", "1024", "erase blocks (a power of two)"),
        Param.text("pagesPerBlock", "64", "pages per erase block"),
        Param.text("op", "0.07", "over-provisioning"),
        Param.text("writes", "600000", "host page writes after filling the device once"),
        Param.text("wearThreshold", "20", "max - min erase count allowed within a merged group when the rule is on"),
        Param.text("staticThreshold", "40", "erase spread that triggers static wear levelling when on"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    int blocks = p.getInt("blocks");
    int ppb = p.getInt("pagesPerBlock");
    double op = p.getDouble("op");
    long writes = p.getLong("writes");
    p.require(writes >= 0 && writes <= 100_000_000, "writes", "must be in [0, 10^8]");
    int wear = p.getInt("wearThreshold");
    int stat = p.getInt("staticThreshold");
    long seed = p.getLong("seed");
    FlashConfig base;
    try {
      base = FlashConfig.defaults().withShape(blocks, ppb, op).withSeed(seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameters blocks/pagesPerBlock/op: " + e.getMessage());
    }
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("gc", "wear rule", "WAF", "erase mean", "erase std dev",
        "erase max - min", "GC pages moved", "static moves", "superblocks free", "superblock misses",
        "lifetime (host writes)", "lost pages");
    for (GcPolicy gc : GcPolicy.values()) {
      for (boolean wearOn : new boolean[] {false, true}) {
        FlashConfig c = base.withGc(gc).withWear(wearOn ? wear : -1, wearOn ? stat : -1);
        FlashRun run = new FlashRun(new Ftl(c), 64);
        run.precondition();
        Workload w = Workload.hotCold(run.ftl().logicalPages(), 0.2, 0.8, seed);
        run.run(w, writes);
        FlashMetrics m = run.ftl().metrics();
        long lost = run.lostPages();
        String k = gc.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + (wearOn ? ".wear" : ".nowear") + ".";
        out.number(k + "waf", m.waf())
            .number(k + "eraseStdDev", m.eraseStdDev())
            .number(k + "eraseSpread", m.eraseMax() - m.eraseMin())
            .number(k + "lostPages", lost);
        table.row(gc.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), wearOn ? "on" : "off",
            m.waf(), m.eraseMean(), m.eraseStdDev(), m.eraseMax() - m.eraseMin(), m.gcPagesMoved(),
            m.staticMoves(), m.superblocksFree(), m.superblockMisses(), m.projectedLifetimeHostWrites(), lost);
      }
    }
    out.table("policies", table.build());
    return out.build();
  }
}
