package io.buddykit.experiments.stacks;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.util.List;
import java.util.Locale;

/**
 * The seed's thread stacks: an 18 KiB stack and its guard pages in a 32 KiB buddy block, grown in
 * place by merging with the free buddy or else moved, under a mixed load of threads on a page pool;
 * compared with always moving and with reserving the maximum stack up front.
 */
public final class StackScenario implements Scenario {
  @Override
  public String name() {
    return "stacks";
  }

  @Override
  public String description() {
    return "thread stacks with guard pages on buddy blocks: growth in place vs moving vs reserving the maximum";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("poolMiB", "64", "page pool size in MiB"),
        Param.text("threads", "2000", "threads started over the run"),
        Param.text("concurrent", "500", "threads alive at once at most"),
        Param.text("stackKiB", "18", "initial stack size in KiB"),
        Param.text("guardPages", "1", "guard pages below the stack, at least"),
        Param.text("maxStackKiB", "124", "largest stack in KiB (124 KiB + 1 guard page = an order-5 block)"),
        Param.text("exitChance", "0.1", "chance a step ends a live thread instead of running one"),
        Param.text("deepChance", "0.1", "chance a run recurses past the initial stack"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    long pool = p.getLong("poolMiB");
    p.require(pool >= 1 && pool <= 4096, "poolMiB", "must be in [1, 4096]");
    int threads = p.getInt("threads");
    p.require(threads >= 1 && threads <= 1_000_000, "threads", "must be in [1, 1000000]");
    int concurrent = p.getInt("concurrent");
    p.require(concurrent >= 1 && concurrent <= 100_000, "concurrent", "must be in [1, 100000]");
    long stack = p.getLong("stackKiB");
    p.require(stack >= 1 && stack <= 1024, "stackKiB", "must be in [1, 1024]");
    int guard = p.getInt("guardPages");
    p.require(guard >= 1 && guard <= 16, "guardPages", "must be in [1, 16]");
    long max = p.getLong("maxStackKiB");
    p.require(max >= stack && max <= 4096, "maxStackKiB", "must be in [stackKiB, 4096]");
    p.require(ThreadStack.orderFor((max + 3) / 4, guard) <= 10, "maxStackKiB",
        "with the guard pages must fit an order-10 block (4 MiB)");
    double exit = p.getDouble("exitChance");
    p.require(exit > 0 && exit <= 1, "exitChance", "must be in (0, 1]");
    double deep = p.getDouble("deepChance");
    p.require(deep >= 0 && deep <= 1, "deepChance", "must be in [0, 1]");
    long seed = p.getLong("seed");
    long page = 4096;
    StackLoadConfig c = new StackLoadConfig(pool << 20, page, threads, concurrent, stack << 10, guard, max << 10,
        exit, deep, seed);

    Result.Builder out = Result.builder(name(), p);
    int pages = (int) ((c.stackBytes() + page - 1) / page);
    int order = ThreadStack.orderFor(pages, guard);
    out.number("stackPages", pages)
        .number("blockOrder", order)
        .number("blockKiB", (page << order) >> 10)
        .number("guardPagesUnmapped", (1L << order) - pages);
    ResultTable.Builder t = ResultTable.builder("policy", "threads started", "refused at start", "runs",
        "growths", "within block", "in place", "moved", "failed", "in-place share", "pages copied",
        "overflows caught", "held per thread mean KiB", "held per thread p99 KiB", "pool peak KiB",
        "pool mean KiB");
    for (StackPolicy policy : StackPolicy.values()) {
      StackLoad.Outcome o = StackLoad.run(c, policy);
      long kib = page >> 10;
      t.row(policy.label(), o.started(), o.refused(), o.runs(), o.growths(), o.inBlock(), o.inPlace(), o.moved(),
          o.failed(), o.inPlaceShare(), o.pagesCopied(), o.overflows(), o.meanHeldPages() * kib,
          o.p99HeldPages() * kib, o.peakPoolPages() * kib, o.meanPoolPages() * kib);
      String k = policy.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".";
      out.number(k + "growths", o.growths())
          .number(k + "inPlace", o.inPlace())
          .number(k + "moved", o.moved())
          .number(k + "inPlaceShare", o.inPlaceShare())
          .number(k + "pagesCopied", o.pagesCopied())
          .number(k + "refused", o.refused())
          .number(k + "failedGrowths", o.failed())
          .number(k + "overflowsCaught", o.overflows())
          .number(k + "heldPerThreadMeanKiB", o.meanHeldPages() * kib)
          .number(k + "heldPerThreadP99KiB", o.p99HeldPages() * kib)
          .number(k + "poolPeakKiB", o.peakPoolPages() * kib)
          .series("pool " + policy.label(), o.series());
    }
    out.table("policies", t.build());
    return out.build();
  }
}
