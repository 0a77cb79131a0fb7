package io.buddykit.experiments.tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One migration policy over a run: objects placed first-touch (DRAM until it is full, then NVM),
 * accessed with Zipf skew, a share of them replaced every epoch by new objects that take over the
 * old one's popularity (a hot new object may land in NVM), and at each epoch's end the hot NVM
 * objects considered for promotion per the policy.
 *
 * <p>Workload randomness (sizes, churn, ranks, accesses) comes from generators the policy never
 * touches, so every policy sees exactly the same objects and accesses.
 */
final class TierRun {
  /** Cold DRAM objects whose regions are priced per promotion; the coldest region among them wins. */
  static final int VICTIM_CANDIDATES = 64;
  /** MAX_PAGE_ORDER of both pools: blocks up to 4 MiB. */
  static final int MAX_ORDER = 10;

  private final TierConfig config;
  private final MigrationPolicy policy;
  private final MemoryPool dram;
  private final MemoryPool nvm;
  private final ObjectTable objects;
  private final int[] rankToSlot;
  private final ZipfSampler zipf;
  private final SplittableRandom workload;
  private final SplittableRandom accesses;
  private final double[] orderCdf;
  private long livePages;
  private long totalAccesses;
  private long dramAccesses;
  private double latencySum;
  private long pagesPromoted;
  private long pagesDemoted;
  private long promotions;
  private long declined;

  TierRun(TierConfig config, MigrationPolicy policy) {
    this.config = config;
    this.policy = policy;
    CostBenefit cb = config.costBenefit();
    this.dram = new MemoryPool("DRAM", config.dramPages(), MAX_ORDER, cb.dramNs());
    this.nvm = new MemoryPool("NVM", config.nvmPages(), MAX_ORDER, cb.nvmNs());
    this.objects = new ObjectTable(config.objects());
    SplittableRandom root = new SplittableRandom(config.seed());
    this.workload = root.split();
    this.accesses = root.split();
    this.zipf = new ZipfSampler(config.objects(), config.zipf());
    List<Double> w = config.orderWeights();
    this.orderCdf = new double[w.size()];
    double sum = 0;
    for (int k = 0; k < w.size(); k++) {
      sum += w.get(k);
      orderCdf[k] = sum;
    }
    this.rankToSlot = new int[config.objects()];
    for (int i = 0; i < rankToSlot.length; i++) {
      rankToSlot[i] = i;
    }
    for (int i = rankToSlot.length - 1; i > 0; i--) { // popularity is not creation order
      int j = workload.nextInt(i + 1);
      int t = rankToSlot[i];
      rankToSlot[i] = rankToSlot[j];
      rankToSlot[j] = t;
    }
    for (int slot = 0; slot < config.objects(); slot++) {
      create(slot);
    }
  }

  private int drawOrder() {
    double x = workload.nextDouble() * orderCdf[orderCdf.length - 1];
    for (int k = 0; k < orderCdf.length - 1; k++) {
      if (x < orderCdf[k]) {
        return k;
      }
    }
    return orderCdf.length - 1;
  }

  /** First touch: a new object goes to DRAM if a block fits, else to NVM. */
  private void create(int slot) {
    int order = drawOrder();
    long at = dram.allocate(order, slot);
    if (at >= 0) {
      objects.place(slot, ObjectTable.DRAM, at, order);
    } else {
      at = nvm.allocate(order, slot);
      if (at < 0) {
        throw new IllegalStateException("NVM full: cannot place an object of order " + order);
      }
      objects.place(slot, ObjectTable.NVM, at, order);
    }
    livePages += 1L << order;
  }

  private void destroy(int slot) {
    (objects.pool(slot) == ObjectTable.DRAM ? dram : nvm).free(objects.start(slot));
    livePages -= objects.pages(slot);
  }

  /** Runs epoch {@code e}: churn, accesses, counter decay, migration. */
  EpochStats epoch(int e) {
    int replaced = (int) Math.round(config.churn() * config.objects());
    for (int i = 0; i < replaced; i++) {
      int slot = workload.nextInt(config.objects());
      destroy(slot);
      create(slot);
    }
    long inDram = 0;
    double ns = 0;
    for (int a = 0; a < config.accessesPerEpoch(); a++) {
      int slot = rankToSlot[zipf.draw(accesses)];
      objects.touch(slot);
      if (objects.pool(slot) == ObjectTable.DRAM) {
        inDram++;
        ns += dram.latencyNs();
      } else {
        ns += nvm.latencyNs();
      }
    }
    totalAccesses += config.accessesPerEpoch();
    dramAccesses += inDram;
    latencySum += ns;
    objects.decay();
    long migrated = policy == MigrationPolicy.NO_MIGRATION ? 0 : migrate(e);
    return new EpochStats(e, ns / config.accessesPerEpoch(), (double) inDram / config.accessesPerEpoch(), migrated);
  }

  /** Considers every hot NVM object, hottest per page first; returns the pages copied. */
  private long migrate(int epoch) {
    double hotDensity = config.hotFactor() * config.accessesPerEpoch() / (double) livePages;
    List<Integer> hot = new ArrayList<>();
    List<Integer> cold = new ArrayList<>();
    for (int slot = 0; slot < objects.size(); slot++) {
      if (objects.pool(slot) == ObjectTable.NVM) {
        if (objects.density(slot) >= hotDensity) {
          hot.add(slot);
        }
      } else {
        cold.add(slot);
      }
    }
    Comparator<Integer> byDensity = Comparator.comparingDouble(objects::density);
    hot.sort(byDensity.reversed().thenComparing(Comparator.naturalOrder()));
    cold.sort(byDensity.thenComparing(Comparator.naturalOrder()));
    long copied = 0;
    for (int h : hot) {
      copied += consider(h, cold, epoch);
    }
    return copied;
  }

  /** Promotes {@code h} if the policy agrees and room can be made; returns the pages copied. */
  private long consider(int h, List<Integer> coldest, int epoch) {
    int k = objects.order(h);
    VictimRegion victims = dram.hasFree(k) ? new VictimRegion(List.of(), 0, 0) : findVictims(k, coldest, epoch);
    if (victims == null) {
      return 0;
    }
    if (policy == MigrationPolicy.COST_BENEFIT
        && !config.costBenefit().worthIt(objects.rate(h), objects.pages(h), victims.rate(), victims.pages())) {
      declined++;
      return 0;
    }
    for (int v : victims.slots()) {
      long to = nvm.allocate(objects.order(v), v);
      if (to < 0) {
        throw new IllegalStateException("NVM full while demoting");
      }
      dram.free(objects.start(v));
      objects.move(v, ObjectTable.NVM, to);
    }
    long to = dram.allocate(k, h);
    if (to < 0) {
      throw new IllegalStateException("no order-" + k + " DRAM block after demoting " + victims);
    }
    nvm.free(objects.start(h));
    objects.move(h, ObjectTable.DRAM, to);
    objects.markPromoted(h, epoch);
    promotions++;
    pagesPromoted += objects.pages(h);
    pagesDemoted += victims.pages();
    return objects.pages(h) + victims.pages();
  }

  /**
   * The cheapest set of DRAM objects (least expected accesses) whose demotion frees a block of
   * {@code order}, among the regions around the coldest {@link #VICTIM_CANDIDATES} DRAM objects;
   * objects promoted this epoch are never victims. Null when none qualifies.
   */
  VictimRegion findVictims(int order, List<Integer> coldest, int epoch) {
    VictimRegion best = null;
    int seen = 0;
    for (int c : coldest) {
      if (seen == VICTIM_CANDIDATES) {
        break;
      }
      if (objects.pool(c) != ObjectTable.DRAM || objects.promotedIn(c, epoch)) {
        continue;
      }
      seen++;
      VictimRegion r = regionAround(c, order, epoch);
      if (r != null && (best == null || r.rate() < best.rate())) {
        best = r;
      }
    }
    return best;
  }

  /** The objects of the aligned DRAM block of {@code order} around object {@code c} (or c's own block if bigger). */
  private VictimRegion regionAround(int c, int order, int epoch) {
    if (objects.order(c) >= order) {
      return new VictimRegion(List.of(c), objects.rate(c), objects.pages(c));
    }
    long from = objects.start(c) & -(1L << order);
    long to = from + (1L << order);
    List<Integer> slots = new ArrayList<>();
    double rate = 0;
    long pages = 0;
    for (long p = from; p < to; ) {
      long freeEnd = dram.freeBlockEnd(p);
      if (freeEnd >= 0) {
        p = freeEnd;
        continue;
      }
      int o = dram.ownerAt(p);
      if (objects.promotedIn(o, epoch)) {
        return null;
      }
      slots.add(o);
      rate += objects.rate(o);
      pages += objects.pages(o);
      p += objects.pages(o);
    }
    return new VictimRegion(slots, rate, pages);
  }

  void verify() {
    dram.verify();
    nvm.verify();
    long pages = 0;
    for (int slot = 0; slot < objects.size(); slot++) {
      MemoryPool pool = objects.pool(slot) == ObjectTable.DRAM ? dram : nvm;
      if (pool.ownerAt(objects.start(slot)) != slot) {
        throw new IllegalStateException(
            "object " + slot + " is not at page " + objects.start(slot) + " of " + pool.name());
      }
      pages += objects.pages(slot);
    }
    if (pages != livePages || dram.pages() - dram.freePages() + nvm.pages() - nvm.freePages() != livePages) {
      throw new IllegalStateException("live pages do not add up");
    }
  }

  ObjectTable objects() {
    return objects;
  }

  double meanAccessNs() {
    return totalAccesses == 0 ? 0 : latencySum / totalAccesses;
  }

  double dramShare() {
    return totalAccesses == 0 ? 0 : (double) dramAccesses / totalAccesses;
  }

  long pagesPromoted() {
    return pagesPromoted;
  }

  long pagesDemoted() {
    return pagesDemoted;
  }

  long promotions() {
    return promotions;
  }

  long declined() {
    return declined;
  }

  /** Copy time of every migration, in ns. */
  double migrationNs() {
    return (pagesPromoted + pagesDemoted) * config.costBenefit().copyNsPerPage();
  }

  /** Mean access time with the copying spread over the accesses. */
  double effectiveAccessNs() {
    return totalAccesses == 0 ? 0 : (latencySum + migrationNs()) / totalAccesses;
  }
}
