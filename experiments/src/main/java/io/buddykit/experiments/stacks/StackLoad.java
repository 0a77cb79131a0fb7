package io.buddykit.experiments.stacks;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Threads starting, running and exiting on a page pool under one {@link StackPolicy}. A run
 * touches the stack to some depth; a deep one needs more pages than the stack has and grows it
 * (or, past the maximum stack, hits the guard page and the thread is killed). Counts growths by
 * kind, pages copied, and the memory each thread held.
 */
public final class StackLoad {
  /** Virtual address space each thread's stack gets: room for any maximum below 1 GiB. */
  private static final long STACK_SPAN = 1L << 30;

  /** What one policy cost. */
  public record Outcome(StackPolicy policy, long started, long refused, long runs, long growths, long inBlock,
      long inPlace, long moved, long failed, long pagesCopied, long overflows, double meanHeldPages,
      long p99HeldPages, long maxHeldPages, long peakPoolPages, double meanPoolPages, Series series) {
    /** Growths that needed a larger block and got it without moving, of all that needed one. */
    public double inPlaceShare() {
      long needed = inPlace + moved + failed;
      return needed == 0 ? 0 : inPlace / (double) needed;
    }
  }

  private final StackLoadConfig c;
  private final StackPolicy policy;
  private final BuddyAllocator pool;
  private final SplittableRandom r;
  private final List<ThreadStack> live = new ArrayList<>();
  /** Pages each finished thread held at its end, in order of finishing. */
  private final long[] held;
  private final long[] kinds = new long[Growth.Kind.values().length];
  private final long startBytes;
  private final int basePages;
  private int finished;
  private long started;
  private long refused;
  private long runs;
  private long copied;
  private long overflows;

  private StackLoad(StackLoadConfig c, StackPolicy policy) {
    this.c = c;
    this.policy = policy;
    long pages = c.poolBytes() / c.pageBytes();
    pool = BuddyAllocator.create(pages, Math.min(10, 63 - Long.numberOfLeadingZeros(pages)));
    r = new SplittableRandom(c.seed());
    held = new long[c.threads()];
    startBytes = policy == StackPolicy.RESERVE_MAX ? c.maxStackBytes() : c.stackBytes();
    basePages = (int) ((c.stackBytes() + c.pageBytes() - 1) / c.pageBytes());
  }

  public static Outcome run(StackLoadConfig c, StackPolicy policy) {
    return new StackLoad(c, policy).runToEnd();
  }

  /**
   * Each step starts a thread while fewer than the allowed number live, else ends or runs a random
   * live one; the pool is sampled after every step. Ends when every thread has started and exited.
   */
  private Outcome runToEnd() {
    long peak = 0;
    double poolSum = 0;
    long steps = 0;
    Series.Builder series = Series.builder("step", "pages held", "live threads");
    while (started < c.threads() || !live.isEmpty()) {
      if (started < c.threads() && live.size() < c.concurrent()) {
        start();
      } else if (r.nextDouble() < c.exitChance()) {
        exit(remove(live, r.nextInt(live.size())));
      } else {
        runOne();
      }
      long now = pool.liveUnits();
      peak = Math.max(peak, now);
      poolSum += now;
      steps++;
      if (steps % 64 == 0) {
        series.point(steps, now, live.size());
      }
    }
    pool.verify();
    return outcome(peak, poolSum / Math.max(1, steps), series.build());
  }

  /** Starts a thread with a stack of the policy's initial size, or counts it refused. */
  private void start() {
    ThreadStack s = ThreadStack.create(pool, c.pageBytes(), startBytes, c.guardPages(), c.maxStackBytes(),
        (started + 1) * STACK_SPAN, policy == StackPolicy.SPREAD_IN_PLACE);
    started++;
    if (s == null) {
      refused++;
    } else {
      live.add(s);
    }
  }

  /** A thread's end: the pages its stack held are recorded and given back. */
  private void exit(ThreadStack s) {
    held[finished++] = s.blockPages();
    s.release();
  }

  /**
   * Runs a random live thread to a random depth, growing its stack when the run needs more than it
   * has; a thread whose stack cannot grow, or that runs into its guard page, dies.
   */
  private void runOne() {
    runs++;
    int i = r.nextInt(live.size());
    ThreadStack s = live.get(i);
    int depth = depth(r, basePages, s.maxPages(), c.deepChance());
    boolean dies = false;
    if (depth > s.usablePages() && depth <= s.maxPages()) {
      Growth g = s.growTo(depth, policy == StackPolicy.GROW_IN_PLACE || policy == StackPolicy.SPREAD_IN_PLACE);
      kinds[g.kind().ordinal()]++;
      copied += g.pagesCopied();
      dies = g.kind() == Growth.Kind.FAILED; // no memory for a deeper stack
    }
    if (!dies) {
      try {
        s.touch(s.addressAtDepth(Math.min(depth, s.blockPages())) + 1); // a byte inside the deepest page
      } catch (GuardPageFault overflow) {
        overflows++; // past the maximum stack: the guard page caught it
        dies = true;
      }
    }
    if (dies) {
      remove(live, i);
      exit(s);
    }
  }

  private Outcome outcome(long peak, double meanPoolPages, Series series) {
    long[] h = Arrays.copyOf(held, finished);
    Arrays.sort(h);
    double mean = finished == 0 ? 0 : Arrays.stream(h).average().orElse(0);
    long p99 = finished == 0 ? 0 : h[(int) Math.min(finished - 1, Math.ceil(0.99 * finished) - 1)];
    long max = finished == 0 ? 0 : h[finished - 1];
    return new Outcome(policy, started, refused, runs,
        kinds[Growth.Kind.IN_BLOCK.ordinal()] + kinds[Growth.Kind.IN_PLACE.ordinal()]
            + kinds[Growth.Kind.MOVED.ordinal()] + kinds[Growth.Kind.FAILED.ordinal()],
        kinds[Growth.Kind.IN_BLOCK.ordinal()], kinds[Growth.Kind.IN_PLACE.ordinal()],
        kinds[Growth.Kind.MOVED.ordinal()], kinds[Growth.Kind.FAILED.ordinal()], copied, overflows, mean, p99,
        max, peak, meanPoolPages, series);
  }

  /**
   * How deep a run goes, the same whatever the policy: within the initial stack, or (a deep
   * recursion) log-uniformly from one page past it to an eighth past the maximum, so each doubling
   * is as likely and a few runs overflow.
   */
  static int depth(SplittableRandom r, int basePages, int maxPages, double deepChance) {
    if (r.nextDouble() >= deepChance) {
      return 1 + r.nextInt(basePages);
    }
    double lo = Math.log(basePages + 1);
    double hi = Math.log(maxPages + maxPages / 8 + 1);
    return (int) Math.floor(Math.exp(lo + r.nextDouble() * (hi - lo)));
  }

  private static ThreadStack remove(List<ThreadStack> live, int i) {
    ThreadStack s = live.get(i);
    ThreadStack last = live.removeLast();
    if (i < live.size()) {
      live.set(i, last);
    }
    return s;
  }
}
