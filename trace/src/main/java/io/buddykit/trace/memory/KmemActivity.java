package io.buddykit.trace.memory;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The page allocator's per-CPU and fallback activity, counted from the observation events of
 * {@link PageEvents}: a sink that accumulates, fed only through {@code PageEvents} calls, so the
 * same code measures a kernel trace (through a reader) and the simulator (which calls the same
 * methods from its own paths), and the two sets of {@link #metrics()} compare name by name.
 *
 * <p>What the kernel emits, in Linux 6.12 and 7.3 (mm/page_alloc.c; 6.1 alike but for the
 * fallback functions' names):
 *
 * <ul>
 *   <li>A per-CPU refill is one call of {@code rmqueue_bulk(zone, order, count, list, mt)}: under
 *       one hold of the zone lock it takes up to {@code count} blocks of {@code order}, each by
 *       {@code __rmqueue}. A block from {@code __rmqueue_smallest} emits mm_page_alloc_zone_locked
 *       with percpu_refill = {@code pcp_allowed_order(order) && mt < MIGRATE_PCPTYPES}. A block
 *       found by {@code __rmqueue_claim} (6.12's Debian backport and 7.3; {@code
 *       __rmqueue_fallback} before) emits mm_page_alloc_extfrag, after a zone_locked record of the
 *       same pfn when the claim was below pageblock order ({@code try_to_claim_block} then calls
 *       {@code __rmqueue_smallest}) and alone when it took a pageblock or more whole; a block from
 *       {@code __rmqueue_steal} emits extfrag alone. No other event comes between the blocks of a
 *       refill on its CPU, since the zone lock is held with interrupts off.
 *   <li>A direct buddy allocation ({@code rmqueue_buddy}: orders the per-CPU lists do not hold,
 *       high-atomic reserves, a failed pcp trylock) emits one zone_locked record (and extfrag on a
 *       fallback). Its percpu_refill is the same predicate, so it is 0 for orders above
 *       PAGE_ALLOC_COSTLY_ORDER but pageblock order and for MIGRATE_HIGHATOMIC and MIGRATE_CMA.
 *   <li>{@code free_pcppages_bulk} moves blocks from per-CPU lists to the buddy lists under the
 *       zone lock, one mm_page_pcpu_drain record each.
 * </ul>
 *
 * <p>So, per CPU: a <em>refill</em> is a run of consecutive events of one order that are
 * zone_locked records with percpu_refill=1 or extfrag records; an extfrag record of the pfn the
 * previous record of the run named is the same block, any other record one more block; the run
 * starts at a zone_locked record with percpu_refill=1, or at an extfrag record whose allocation
 * would have percpu_refill=1 ({@link #pcpAllowed}), and ends at any other event on that CPU (a
 * record of another order, an allocation, a free, a drain). Its pages are its blocks times
 * {@code 2^order}. A zone_locked record with percpu_refill=0 is a <em>zone-locked
 * allocation</em>. A <em>drain run</em> is a run of consecutive mm_page_pcpu_drain records on one
 * CPU. Events without a CPU ({@link PageEvents#NO_CPU}) count as one CPU of their own.
 *
 * <p>Limits, all from what the tracepoints do not say: a refill that took one block cannot be
 * told from a direct allocation of a pcp order after a failed trylock (both are counted as
 * refills); a CMA block inside a refill ({@code __rmqueue_cma_fallback}, percpu_refill=0) ends
 * the run and counts as a zone-locked allocation; before the 2022 fix of the tracepoint,
 * percpu_refill was {@code order == 0} whatever the path; a remote drain in {@code
 * drain_all_pages} runs on the draining CPU, so drains of several CPUs' lists may form one run.
 */
public final class KmemActivity implements PageEvents {
  /** PAGE_ALLOC_COSTLY_ORDER: the per-CPU lists hold orders up to it (pcp_allowed_order). */
  static final int COSTLY_ORDER = 3;

  /** HPAGE_PMD_ORDER on x86-64: the per-CPU lists also hold THP-sized blocks. */
  static final int PMD_ORDER = 9;

  /** MIGRATE_PCPTYPES: the migratetypes that have per-CPU lists (unmovable, movable, reclaimable). */
  static final int MIGRATE_PCPTYPES = 3;

  private static final int NONE = -1;

  /** Per CPU (index cpu + 1): the open refill run's order, or {@link #NONE}. */
  private int[] runOrder = filled(8);

  private long[] runBlocks = new long[8];
  private long[] runLastPfn = new long[8];
  private boolean[] inDrain = new boolean[8];

  /** Pages of each finished refill, in order. */
  private long[] refillPages = new long[64];

  private int refills;
  private long drainPages;
  private long drainRuns;
  private long zoneLockedAllocs;
  private long fallbacks;
  private final Map<Long, Long> fallbackPairs = new TreeMap<>();

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, NONE);
    return a;
  }

  /**
   * Linux 6.12/7.3 pcp_allowed_order(order) {@code && migratetype < MIGRATE_PCPTYPES}, with
   * CONFIG_TRANSPARENT_HUGEPAGE on x86-64: whether __rmqueue_smallest would mark a block of this
   * order and migratetype percpu_refill.
   */
  static boolean pcpAllowed(int order, int migratetype) {
    return (order <= COSTLY_ORDER || order == PMD_ORDER) && migratetype < MIGRATE_PCPTYPES;
  }

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
    otherEvent(slot(cpu));
  }

  @Override
  public void free(int cpu, long pfn, int order) {
    otherEvent(slot(cpu));
  }

  @Override
  public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
    otherEvent(slot(cpu));
  }

  @Override
  public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
    int c = slot(cpu);
    inDrain[c] = false;
    if (!percpuRefill) {
      endRun(c);
      zoneLockedAllocs++;
      return;
    }
    if (runOrder[c] != order) {
      endRun(c);
      runOrder[c] = order;
    }
    runBlocks[c]++;
    runLastPfn[c] = pfn;
  }

  @Override
  public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
    int c = slot(cpu);
    endRun(c);
    if (!inDrain[c]) {
      inDrain[c] = true;
      drainRuns++;
    }
    drainPages += 1L << order;
  }

  @Override
  public void extfrag(
      int cpu,
      long pfn,
      int allocOrder,
      int fallbackOrder,
      int allocMigratetype,
      int fallbackMigratetype,
      boolean changeOwnership) {
    int c = slot(cpu);
    inDrain[c] = false;
    fallbacks++;
    fallbackPairs.merge((long) allocMigratetype << 32 | fallbackMigratetype, 1L, Long::sum);
    if (runOrder[c] == allocOrder) {
      if (runLastPfn[c] != pfn) {
        runBlocks[c]++; // stolen, or a whole pageblock claimed: no zone_locked record of its own
        runLastPfn[c] = pfn;
      }
      return;
    }
    endRun(c);
    if (pcpAllowed(allocOrder, allocMigratetype)) {
      runOrder[c] = allocOrder;
      runBlocks[c] = 1;
      runLastPfn[c] = pfn;
    }
  }

  private void otherEvent(int c) {
    endRun(c);
    inDrain[c] = false;
  }

  private void endRun(int c) {
    if (runOrder[c] == NONE) {
      return;
    }
    if (refills == refillPages.length) {
      refillPages = Arrays.copyOf(refillPages, refills * 2);
    }
    refillPages[refills++] = runBlocks[c] << runOrder[c];
    runOrder[c] = NONE;
    runBlocks[c] = 0;
  }

  /** The per-CPU index of {@code cpu} (NO_CPU is index 0), growing the arrays to hold it. */
  private int slot(int cpu) {
    if (cpu < NO_CPU) {
      throw new IllegalArgumentException("cpu " + cpu + " is neither a CPU number nor NO_CPU (-1)");
    }
    int c = cpu + 1;
    if (c >= runOrder.length) {
      int n = Math.max(c + 1, runOrder.length * 2);
      int old = runOrder.length;
      runOrder = Arrays.copyOf(runOrder, n);
      Arrays.fill(runOrder, old, n, NONE);
      runBlocks = Arrays.copyOf(runBlocks, n);
      runLastPfn = Arrays.copyOf(runLastPfn, n);
      inDrain = Arrays.copyOf(inDrain, n);
    }
    return c;
  }

  /**
   * The counts so far, in this order: {@code pcpRefills} (refills), {@code pcpRefillPagesMean},
   * {@code pcpRefillPagesP50} and {@code pcpRefillPagesP90} (pages per refill: the mean and the
   * nearest-rank percentiles, the smallest value with at least 50% or 90% of the refills at or
   * below it; 0 without refills), {@code pcpDrains} (pages drained), {@code pcpDrainRuns}, {@code
   * zoneLockedAllocs} and {@code fallbacks} (extfrag records). A refill still open counts as
   * finished, so the trace's end does not lose it; this changes nothing that later events see.
   */
  public Map<String, Number> metrics() {
    long[] pages = Arrays.copyOf(refillPages, refills + runOrder.length);
    int n = refills;
    for (int c = 0; c < runOrder.length; c++) {
      if (runOrder[c] != NONE) {
        pages[n++] = runBlocks[c] << runOrder[c];
      }
    }
    Arrays.sort(pages, 0, n);
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += pages[i];
    }
    Map<String, Number> m = new LinkedHashMap<>();
    m.put("pcpRefills", (long) n);
    m.put("pcpRefillPagesMean", n == 0 ? 0.0 : (double) total / n);
    m.put("pcpRefillPagesP50", percentile(pages, n, 50));
    m.put("pcpRefillPagesP90", percentile(pages, n, 90));
    m.put("pcpDrains", drainPages);
    m.put("pcpDrainRuns", drainRuns);
    m.put("zoneLockedAllocs", zoneLockedAllocs);
    m.put("fallbacks", fallbacks);
    return Collections.unmodifiableMap(m);
  }

  /** The nearest-rank {@code p}-th percentile of the sorted {@code sorted[0..n)}: rank ceil(p n / 100). */
  static long percentile(long[] sorted, int n, int p) {
    if (n == 0) {
      return 0;
    }
    int rank = (int) ((p * (long) n + 99) / 100);
    return sorted[Math.max(rank, 1) - 1];
  }

  /**
   * The fallbacks by migratetype pair, keyed {@code "A->F"}: allocations of migratetype A that
   * took a block from the lists of migratetype F (the kernel's numbers), sorted by A then F.
   */
  public Map<String, Long> fallbackPairs() {
    Map<String, Long> m = new LinkedHashMap<>();
    fallbackPairs.forEach((k, v) -> m.put((k >>> 32) + "->" + (k & 0xffffffffL), v));
    return Collections.unmodifiableMap(m);
  }
}
