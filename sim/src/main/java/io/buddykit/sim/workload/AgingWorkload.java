package io.buddykit.sim.workload;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import java.util.SplittableRandom;

/**
 * Ages a machine as months of uptime do: memory kept nearly full of page cache and anonymous
 * pages that turn over quickly, while a trickle of long-lived kernel allocations lands wherever a
 * page is free, which on a full machine means inside movable pageblocks (the allocator steals
 * from them). Each cycle ends by releasing movable memory at random, so that the pinned kernel
 * pages stay behind scattered over many pageblocks: much of memory is free, little of it in
 * pageblock-sized blocks, and compaction cannot fix what it may not move.
 *
 * <p>A cycle is a refill step (back up to every usable page), churn steps, and a release step;
 * kernel allocations expire by their lifetime, movable ones only by churn, release and reclaim.
 */
public final class AgingWorkload implements Workload {
  /** The kinds of kernel allocation, weighted as slab, reclaimable slab and network buffers. */
  private static final PageKind[] KERNEL_KINDS = {PageKind.KERNEL, PageKind.SLAB_RECLAIMABLE, PageKind.ATOMIC};
  private static final double[] KERNEL_SHARES = {0.6, 0.25, 0.15};

  private final AgingConfig config;
  private final MachineClient client;
  private final SplittableRandom random;
  private final Weights cacheOrders;
  private final Weights anonOrders;
  private final Weights unmovableOrders;
  private final Expiries expiries = new Expiries();
  private final long usable;
  private final long target;
  private final long budget;

  public AgingWorkload(Machine machine, AgingConfig config, long seed) {
    int maxOrder = machine.config().maxOrder();
    if (Math.max(config.cacheOrderWeights().size(), config.anonOrderWeights().size()) > maxOrder + 1
        || config.unmovableOrderWeights().size() > maxOrder + 1) {
      throw new IllegalArgumentException("order weights go beyond the machine's largest order " + maxOrder);
    }
    this.config = config;
    this.random = new SplittableRandom(seed);
    this.client = new MachineClient(machine, config.cpuPolicy(), random.split());
    this.cacheOrders = new Weights(config.cacheOrderWeights());
    this.anonOrders = new Weights(config.anonOrderWeights());
    this.unmovableOrders = new Weights(config.unmovableOrderWeights());
    this.usable = usablePages(machine);
    this.target = (long) (config.occupancy() * usable);
    this.budget = Math.max(1, (long) (config.churnRate() * usable));
  }

  /**
   * Pages a movable request can take without waking kswapd: in each zone, the managed pages above
   * its high watermark and the reserve it keeps from such requests. Holding this much is "full"
   * the way a long-running machine is full, with no free pageblock left to hand out whole.
   */
  public static long usablePages(Machine machine) {
    ZoneType highest = Gfp.GFP_HIGHUSER_MOVABLE.highestZone();
    long n = 0;
    for (Zone z : machine.zones()) {
      n += Math.max(0, z.managedPages() - z.watermarks().high() - z.lowmemReserve(highest));
    }
    return n;
  }

  @Override
  public String name() {
    return "aging";
  }

  public AgingConfig config() {
    return config;
  }

  @Override
  public void step(long step) {
    expiries.freeDue(step, client);
    Holdings h = client.holdings();
    if (step % config.cycleSteps() == config.cycleSteps() - 1 || step == config.steps() - 1) {
      freeMovable(h.pages() - (long) (config.releaseTo() * usable));
      return;
    }
    // Allocate first, then free at random: the free memory a step leaves is holes spread over
    // every pageblock, not the top of the zone (the allocator takes the lowest free block, so a
    // machine never filled to the brim keeps whole free pageblocks there). The kernel trickle
    // meets those holes and lands among movable pages, as it does on a full Linux machine.
    boolean refill = step % config.cycleSteps() == 0;
    long movableWant = refill ? usable - h.pages() : budget;
    long kernelWant = (long) (config.unmovableFraction() * budget);
    long movableAsked = 0;
    long kernelAsked = 0;
    while ((movableAsked < movableWant || kernelAsked < kernelWant) && h.pages() < usable) {
      // Spread the kernel's pages evenly through the step, so they meet memory in every state
      // the step passes through; decided by counts, not coin flips, so the rate is exact.
      if (kernelAsked < kernelWant && kernelAsked * movableWant <= movableAsked * kernelWant) {
        int order = unmovableOrders.draw(random);
        kernelAsked += 1L << order;
        int tag = client.allocate(kernelKind(), order);
        if (tag >= 0) {
          expiries.schedule(tag, step, config.unmovableLifetime().draw(random));
        }
      } else {
        PageKind kind = random.nextDouble() < config.cacheShare() ? PageKind.PAGE_CACHE : PageKind.ANON;
        int order = (kind == PageKind.PAGE_CACHE ? cacheOrders : anonOrders).draw(random);
        movableAsked += 1L << order;
        client.allocate(kind, order);
      }
    }
    freeMovable(h.pages() - target);
  }

  private PageKind kernelKind() {
    double x = random.nextDouble();
    for (int i = 0; i < KERNEL_KINDS.length - 1; i++) {
      x -= KERNEL_SHARES[i];
      if (x < 0) {
        return KERNEL_KINDS[i];
      }
    }
    return KERNEL_KINDS[KERNEL_KINDS.length - 1];
  }

  /** Frees movable blocks picked uniformly until {@code pages} pages are freed. */
  private void freeMovable(long pages) {
    Holdings h = client.holdings();
    long freed = 0;
    while (freed < pages) {
      int cache = h.count(PageKind.PAGE_CACHE);
      int n = cache + h.count(PageKind.ANON);
      if (n == 0) {
        return;
      }
      int i = random.nextInt(n);
      int tag = i < cache ? h.tag(PageKind.PAGE_CACHE, i) : h.tag(PageKind.ANON, i - cache);
      freed += 1L << h.order(tag);
      client.free(tag);
    }
  }

  @Override
  public long steps() {
    return config.steps();
  }

  @Override
  public MachineClient client() {
    return client;
  }
}
