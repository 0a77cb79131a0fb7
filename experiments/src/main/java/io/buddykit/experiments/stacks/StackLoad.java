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

  private StackLoad() {}

  public static Outcome run(StackLoadConfig c, StackPolicy policy) {
    long pages = c.poolBytes() / c.pageBytes();
    BuddyAllocator pool = BuddyAllocator.create(pages, Math.min(10, 63 - Long.numberOfLeadingZeros(pages)));
    SplittableRandom r = new SplittableRandom(c.seed());
    List<ThreadStack> live = new ArrayList<>();
    long[] held = new long[c.threads()];
    int finished = 0;
    long started = 0;
    long refused = 0;
    long runs = 0;
    long[] kinds = new long[Growth.Kind.values().length];
    long copied = 0;
    long overflows = 0;
    long peak = 0;
    double poolSum = 0;
    long steps = 0;
    long startBytes = policy == StackPolicy.RESERVE_MAX ? c.maxStackBytes() : c.stackBytes();
    int basePages = (int) ((c.stackBytes() + c.pageBytes() - 1) / c.pageBytes());
    Series.Builder series = Series.builder("step", "pages held", "live threads");
    while (started < c.threads() || !live.isEmpty()) {
      if (started < c.threads() && live.size() < c.concurrent()) {
        ThreadStack s = ThreadStack.create(pool, c.pageBytes(), startBytes, c.guardPages(), c.maxStackBytes(),
            (started + 1) * STACK_SPAN, policy == StackPolicy.SPREAD_IN_PLACE);
        started++;
        if (s == null) {
          refused++;
        } else {
          live.add(s);
        }
      } else if (r.nextDouble() < c.exitChance()) {
        ThreadStack s = remove(live, r.nextInt(live.size()));
        held[finished++] = s.blockPages();
        s.release();
      } else {
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
          held[finished++] = s.blockPages();
          s.release();
        }
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
        max, peak, poolSum / Math.max(1, steps), series.build());
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
