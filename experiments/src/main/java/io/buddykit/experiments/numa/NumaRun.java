package io.buddykit.experiments.numa;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import java.util.SplittableRandom;

/**
 * One policy on one machine: threads pinned one per CPU on every node keep their node's {@link
 * NumaConfig#occupancy(int) occupancy} of its usable memory allocated, turning {@link
 * NumaConfig#churn()} of it over each step in blocks of order 0-3 and 2 MiB huge page faults,
 * while sampled accesses from each thread to its own pages are timed by the {@link
 * DistanceModel}.
 *
 * <p>A huge page fault asks its policy's node for an order-9 block with __GFP_THISNODE and
 * GFP_TRANSHUGE_LIGHT (no reclaim or compaction: THP's default defrag for non-madvised memory);
 * when none is free it falls back to 512 base pages placed by the policy, as a THP fault does.
 */
final class NumaRun {
  /** Orders 0-3 of the small requests: single pages mostly, some folios and slab-like blocks. */
  private static final double[] SMALL_ORDER_WEIGHTS = {0.7, 0.1, 0.1, 0.1};
  private static final Gfp SMALL = Gfp.GFP_HIGHUSER_MOVABLE;
  private static final Gfp HUGE = Gfp.GFP_TRANSHUGE_LIGHT.with(Gfp.__GFP_THISNODE);

  private final NumaConfig config;
  private final NumaPolicy policy;
  private final Machine machine;
  private final DistanceModel model;
  private final ThreadHoldings holdings;
  private final SplittableRandom random;
  private final int threads;
  private final int hugeOrder;
  private final long[] targetPerThread;
  private final double[] hugeChance;
  private long hugeFaults;
  private long localHugePages;
  private final long[] hugeFaultsByNode;
  private final long[] localHugePagesByNode;
  private long remoteHugePages;
  private long hugeFallbacks;
  private long failures;
  private long accesses;
  private long localAccesses;
  private double latencySum;

  NumaRun(NumaConfig config, NumaPolicy policy) {
    this.config = config;
    this.policy = policy;
    this.machine = Machine.booted(config.machineConfig());
    this.model = DistanceModel.of(machine.config(), config.localNs());
    this.threads = config.nodes() * config.threadsPerNode();
    this.holdings = new ThreadHoldings(threads, config.nodes());
    this.hugeFaultsByNode = new long[config.nodes()];
    this.localHugePagesByNode = new long[config.nodes()];
    machine.setListener(holdings);
    this.random = new SplittableRandom(config.seed());
    this.hugeOrder = machine.config().pageblockOrder();
    this.targetPerThread = new long[threads];
    for (int t = 0; t < threads; t++) {
      int nid = machine.nodeOfCpu(t);
      targetPerThread[t] = (long) (config.occupancy(nid) * usablePages(nid)) / config.threadsPerNode();
    }
    double meanSmall = 0;
    double sum = 0;
    for (int k = 0; k < SMALL_ORDER_WEIGHTS.length; k++) {
      meanSmall += SMALL_ORDER_WEIGHTS[k] * (1 << k);
      sum += SMALL_ORDER_WEIGHTS[k];
    }
    meanSmall /= sum;
    this.hugeChance = new double[threads];
    for (int t = 0; t < threads; t++) {
      double h = config.hugeShare(machine.nodeOfCpu(t));
      // per request: q huge faults of 512 pages against (1 - q) small ones gives a page share h
      hugeChance[t] = h * meanSmall / ((1L << hugeOrder) * (1 - h) + h * meanSmall);
    }
  }

  Machine machine() {
    return machine;
  }

  NumaPolicy policy() {
    return policy;
  }

  /** Runs step {@code s}: frees, refills, accesses; returns what it measured. */
  NumaStep step(long s) {
    long faults0 = hugeFaults;
    long local0 = localHugePages;
    for (int t = 0; t < threads; t++) {
      long want = (long) (config.churn() * holdings.pages(t));
      long freed = 0;
      while (freed < want) {
        int tag = holdings.pick(t, random);
        freed += 1L << holdings.order(tag);
        long pfn = holdings.pfn(tag);
        holdings.remove(tag);
        machine.freePages(pfn, t);
      }
    }
    boolean[] stuck = new boolean[threads];
    boolean any = true;
    while (any) { // round-robin, so that the threads' requests interleave in time
      any = false;
      for (int t = 0; t < threads; t++) {
        if (stuck[t] || holdings.pages(t) >= targetPerThread[t]) {
          continue;
        }
        any = true;
        boolean ok = random.nextDouble() < hugeChance[t] ? hugeFault(t) : small(t, drawSmallOrder());
        stuck[t] = !ok;
      }
    }
    double stepLatency = 0;
    long stepAccesses = 0;
    for (int i = 0; i < config.accessesPerStep(); i++) {
      int t = i % threads;
      int nid = holdings.nodeOfRandomPage(t, random);
      if (nid < 0) {
        continue;
      }
      int home = machine.nodeOfCpu(t);
      double ns = model.latencyNs(home, nid);
      stepLatency += ns;
      stepAccesses++;
      localAccesses += nid == home ? 1 : 0;
    }
    latencySum += stepLatency;
    accesses += stepAccesses;
    return new NumaStep(s, stepAccesses == 0 ? 0 : stepLatency / stepAccesses, freeHugeBlocks(),
        hugeFaults - faults0, localHugePages - local0);
  }

  private int drawSmallOrder() {
    double x = random.nextDouble();
    for (int k = 0; k < SMALL_ORDER_WEIGHTS.length - 1; k++) {
      x -= SMALL_ORDER_WEIGHTS[k];
      if (x < 0) {
        return k;
      }
    }
    return SMALL_ORDER_WEIGHTS.length - 1;
  }

  private boolean small(int t, int order) {
    int tag = holdings.reserve();
    long pfn = policy.allocate(machine, SMALL, order, t, tag);
    if (pfn < 0) {
      holdings.cancel(tag);
      failures++;
      return false;
    }
    holdings.add(tag, t, pfn, order, machine.zoneOf(pfn).node().id());
    return true;
  }

  private boolean hugeFault(int t) {
    hugeFaults++;
    int home = machine.nodeOfCpu(t);
    hugeFaultsByNode[home]++;
    int nid = policy.hugePageNode(machine, t);
    int tag = holdings.reserve();
    long pfn = machine.allocPages(HUGE, hugeOrder, t, nid, tag, false);
    if (pfn >= 0) {
      holdings.add(tag, t, pfn, hugeOrder, nid);
      if (nid == home) {
        localHugePages++;
        localHugePagesByNode[home]++;
      } else {
        remoteHugePages++;
      }
      return true;
    }
    holdings.cancel(tag);
    hugeFallbacks++;
    for (int i = 0; i < 1 << hugeOrder; i++) {
      if (!small(t, 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Pages of node {@code nid} a movable request can take without waking kswapd: above each zone's
   * high watermark and the reserve it keeps from such requests (as the aging workload counts).
   */
  private long usablePages(int nid) {
    ZoneType highest = SMALL.highestZone();
    long n = 0;
    for (Zone z : machine.node(nid).zones()) {
      n += Math.max(0, z.managedPages() - z.watermarks().high() - z.lowmemReserve(highest));
    }
    return n;
  }

  /** Free memory in blocks of order >= the huge order on each node, counted in huge blocks. */
  long[] freeHugeBlocks() {
    long[] out = new long[config.nodes()];
    for (Zone z : machine.zones()) {
      long[] b = z.buddyInfo();
      for (int k = hugeOrder; k < b.length; k++) {
        out[z.node().id()] += b[k] << (k - hugeOrder);
      }
    }
    return out;
  }

  long hugeFaults() {
    return hugeFaults;
  }

  long localHugePages() {
    return localHugePages;
  }

  /** Huge page faults of the threads on node {@code nid}. */
  long hugeFaults(int nid) {
    return hugeFaultsByNode[nid];
  }

  /** Of those, the faults served by a huge page on node {@code nid}. */
  long localHugePages(int nid) {
    return localHugePagesByNode[nid];
  }

  long remoteHugePages() {
    return remoteHugePages;
  }

  long hugeFallbacks() {
    return hugeFallbacks;
  }

  long failures() {
    return failures;
  }

  double meanLatencyNs() {
    return accesses == 0 ? 0 : latencySum / accesses;
  }

  double localAccessShare() {
    return accesses == 0 ? 0 : (double) localAccesses / accesses;
  }
}
