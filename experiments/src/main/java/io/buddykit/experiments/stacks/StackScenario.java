package io.buddykit.experiments.stacks;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
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
  static final Param<Long> POOL_MIB = Param.longInteger("poolMiB", 64, 1, 4096, "page pool size").withUnit("MiB");
  static final Param<Integer> THREADS = Param.integer("threads", 2000, 1, 1_000_000, "threads started over the run");
  static final Param<Integer> CONCURRENT = Param.integer("concurrent", 500, 1, 100_000,
      "threads alive at once at most");
  static final Param<Long> STACK_KIB = Param.longInteger("stackKiB", 18, 1, 1024, "initial stack size")
      .withUnit("KiB");
  static final Param<Integer> GUARD_PAGES = Param.integer("guardPages", 1, 1, 16,
      "guard pages below the stack, at least");
  static final Param<Long> MAX_STACK_KIB = Param.longInteger("maxStackKiB", 124, 1, 4096,
      "largest stack, at least stackKiB (124 KiB + 1 guard page = an order-5 block)").withUnit("KiB");
  static final Param<Double> EXIT_CHANCE = Param.number("exitChance", 0.1, Range.openClosed(0, 1),
      "chance a step ends a live thread instead of running one");
  static final Param<Double> DEEP_CHANCE = Param.number("deepChance", 0.1, Range.closed(0, 1),
      "chance a run recurses past the initial stack");
  static final Param<Long> SEED = Param.seed("random seed");
  private static final long PAGE = 4096;

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
    return List.of(POOL_MIB, THREADS, CONCURRENT, STACK_KIB, GUARD_PAGES, MAX_STACK_KIB, EXIT_CHANCE, DEEP_CHANCE,
        SEED);
  }

  /** The load the parameters describe, with the checks that relate the stack sizes and the guard pages. */
  static StackLoadConfig config(Params p) {
    long stack = p.get(STACK_KIB);
    long max = p.get(MAX_STACK_KIB);
    int guard = p.get(GUARD_PAGES);
    p.require(max >= stack, MAX_STACK_KIB, "must be in [stackKiB, 4096]");
    p.require(ThreadStack.orderFor((max + 3) / 4, guard) <= 10, MAX_STACK_KIB,
        "with the guard pages must fit an order-10 block (4 MiB)");
    return new StackLoadConfig(p.get(POOL_MIB) << 20, PAGE, p.get(THREADS), p.get(CONCURRENT), stack << 10, guard,
        max << 10, p.get(EXIT_CHANCE), p.get(DEEP_CHANCE), p.get(SEED));
  }

  @Override
  public Result run(Params p) {
    StackLoadConfig c = config(p);
    Result.Builder out = Result.builder(name(), p);
    int pages = (int) ((c.stackBytes() + PAGE - 1) / PAGE);
    int order = ThreadStack.orderFor(pages, c.guardPages());
    out.number("stackPages", pages)
        .number("blockOrder", order)
        .number("blockKiB", (PAGE << order) >> 10)
        .number("guardPagesUnmapped", (1L << order) - pages);
    ResultTable.Builder t = ResultTable.builder("policy", "threads started", "refused at start", "runs",
        "growths", "within block", "in place", "moved", "failed", "in-place share", "pages copied",
        "overflows caught", "held per thread mean KiB", "held per thread p99 KiB", "pool peak KiB",
        "pool mean KiB");
    long kib = PAGE >> 10;
    for (StackPolicy policy : StackPolicy.values()) {
      StackLoad.Outcome o = StackLoad.run(c, policy);
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
