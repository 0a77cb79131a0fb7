package io.buddykit.experiments.watermarks;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Low-priority kernel allocations a machine serves alongside its main load: unmovable GFP_NOWAIT
 * requests (a driver refilling receive buffers from a context that cannot sleep), orders 0 to 3,
 * each living a geometric number of steps, some for good. A refusal is counted, not retried: the
 * caller drops the packet and tries again next time, which is why such requests can be refused.
 */
public final class LowPriorityStream {
  /** Owner tag of the stream's pages, far above any workload's (they are never migrated or reclaimed). */
  static final int TAG = Integer.MAX_VALUE - 4;
  private static final double[] ORDER_WEIGHTS = {0.7, 0.1, 0.1, 0.1};

  private final Machine machine;
  private final SplittableRandom random;
  private final long requestsPerStep;
  private final double meanLife;
  private final double forever;
  private final List<long[]> live = new ArrayList<>(); // pfn, expiry step (-1: never)
  private long granted;
  private long refused;
  private int cpu;

  /**
   * @param requestsPerStep requests made each step
   * @param meanLife mean lifetime in steps of the pages that expire
   * @param forever share of pages that are never freed
   */
  public LowPriorityStream(Machine machine, long requestsPerStep, double meanLife, double forever, long seed) {
    if (requestsPerStep < 0 || !(meanLife >= 1) || !(forever >= 0 && forever <= 1)) {
      throw new IllegalArgumentException("low-priority stream: requests " + requestsPerStep + ", life "
          + meanLife + ", forever " + forever);
    }
    this.machine = machine;
    this.requestsPerStep = requestsPerStep;
    this.meanLife = meanLife;
    this.forever = forever;
    this.random = new SplittableRandom(seed);
  }

  /** Frees what expires at {@code step}, then makes the step's requests. */
  public void step(long step) {
    for (int i = live.size() - 1; i >= 0; i--) {
      long[] e = live.get(i);
      if (e[1] >= 0 && e[1] <= step) {
        machine.freePages(e[0], cpu);
        live.set(i, live.getLast());
        live.removeLast();
      }
    }
    int cpus = machine.config().nodes() * machine.config().cpusPerNode();
    for (long r = 0; r < requestsPerStep; r++) {
      int order = order();
      cpu = (cpu + 1) % cpus;
      long pfn = machine.allocPages(PageRequest.of(Gfp.GFP_NOWAIT, order).onCpu(cpu).tagged(TAG));
      if (pfn < 0) {
        refused++;
        continue;
      }
      granted++;
      long expiry = random.nextDouble() < forever
          ? -1
          : step + 1 + (long) (-meanLife * Math.log(1 - random.nextDouble()));
      live.add(new long[] {pfn, expiry});
    }
  }

  private int order() {
    double x = random.nextDouble();
    for (int k = 0; k < ORDER_WEIGHTS.length - 1; k++) {
      x -= ORDER_WEIGHTS[k];
      if (x < 0) {
        return k;
      }
    }
    return ORDER_WEIGHTS.length - 1;
  }

  public long granted() {
    return granted;
  }

  public long refused() {
    return refused;
  }

  /** Blocks held now. */
  public int live() {
    return live.size();
  }
}
