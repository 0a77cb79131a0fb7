package io.buddykit.flash;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.util.List;
import java.util.Locale;

/**
 * The seed's flash translation layer on a hot/cold workload: the three GC policies side by side,
 * and wear-aware coalescing (with static wear levelling) off versus on — write amplification,
 * erase spread, superblock availability and projected lifetime, every run proving it lost no page.
 */
public final class FlashScenario implements Scenario {
  static final Param<Integer> BLOCKS = Param.integer("blocks", 1024, 32, 1 << 20, "erase blocks, a power of two");
  static final Param<Integer> PAGES_PER_BLOCK = Param.integer("pagesPerBlock", 64, 4, 4096, "pages per erase block");
  static final Param<Double> OP = Param.number("op", 0.07, Range.closed(0.02, 0.5),
      "over-provisioning: the share of pages the host does not see");
  static final Param<Long> WRITES = Param.longInteger("writes", 600_000, 0, FlashRun.MAX_WRITES,
      "host page writes after filling the device once");
  static final Param<Integer> WEAR_THRESHOLD = Param.integer("wearThreshold", 20, 0, 1_000_000,
      "max - min erase count allowed within a merged group when the rule is on");
  static final Param<Integer> STATIC_THRESHOLD = Param.integer("staticThreshold", 40, 0, 1_000_000,
      "erase spread that triggers static wear levelling when on");
  static final Param<Long> SEED = Param.seed("random seed");

  /** One run's parameters: the device they shape and the workload's. */
  record Config(FlashConfig device, long writes, int wearThreshold, int staticThreshold, long seed) {
    static Config of(Params p) {
      p.require(Integer.bitCount(p.get(BLOCKS)) == 1, BLOCKS, "must be a power of two");
      FlashConfig device;
      try {
        device = FlashConfig.defaults().withShape(p.get(BLOCKS), p.get(PAGES_PER_BLOCK), p.get(OP))
            .withSeed(p.get(SEED));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parameters blocks/pagesPerBlock/op: " + e.getMessage());
      }
      return new Config(device, p.get(WRITES), p.get(WEAR_THRESHOLD), p.get(STATIC_THRESHOLD), p.get(SEED));
    }
  }

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
    return List.of(BLOCKS, PAGES_PER_BLOCK, OP, WRITES, WEAR_THRESHOLD, STATIC_THRESHOLD, SEED);
  }

  /** {@link Ftl#heapBytes} of the device {@code blocks} and {@code pagesPerBlock} shape. */
  @Override
  public long heapBytes(Params p) {
    return Ftl.heapBytes(Config.of(p).device());
  }

  @Override
  public Result run(Params p) {
    Config c = Config.of(p);
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("gc", "wear rule", "WAF", "erase mean", "erase std dev",
        "erase max - min", "GC pages moved", "static moves", "superblocks free", "superblock misses",
        "lifetime (host writes)", "lost pages");
    for (GcPolicy gc : GcPolicy.values()) {
      for (boolean wearOn : new boolean[] {false, true}) {
        FlashRun run = measure(c, gc, wearOn);
        FlashMetrics m = run.ftl().metrics();
        long lost = run.lostPages();
        String label = gc.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String k = label + (wearOn ? ".wear" : ".nowear") + ".";
        out.number(k + "waf", m.waf())
            .number(k + "eraseStdDev", m.eraseStdDev())
            .number(k + "eraseSpread", m.eraseMax() - m.eraseMin())
            .number(k + "lostPages", lost);
        table.row(label, wearOn ? "on" : "off", m.waf(), m.eraseMean(), m.eraseStdDev(), m.eraseMax() - m.eraseMin(),
            m.gcPagesMoved(), m.staticMoves(), m.superblocksFree(), m.superblockMisses(),
            m.projectedLifetimeHostWrites(), lost);
      }
    }
    out.table("policies", table.build());
    return out.build();
  }

  /** The hot/cold workload on a preconditioned device under {@code gc}, with the wear rules on or off. */
  private static FlashRun measure(Config c, GcPolicy gc, boolean wearOn) {
    FlashConfig device = c.device().withGc(gc)
        .withWear(wearOn ? c.wearThreshold() : -1, wearOn ? c.staticThreshold() : -1);
    FlashRun run = new FlashRun(new Ftl(device), 64);
    run.precondition();
    run.run(HostWrites.hotCold(run.ftl().logicalPages(), 0.2, 0.8, c.seed()), c.writes());
    return run;
  }
}
