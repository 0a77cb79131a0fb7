package io.buddykit.sim;

/**
 * One CPU's page lists for one zone (Linux's struct per_cpu_pages): a list per (pcp migratetype,
 * order 0..3) plus two for pageblock order, each a deque of block pfns. Frees push at the head and
 * allocations pop from the head (LIFO, cache-hot); refills append at the tail and bulk frees to
 * the buddy allocator take the oldest from the tail. {@code count} is in pages.
 *
 * <p>The sizing is Linux 6.x's auto-tuned one (mm/page_alloc.c, 6.12 and 7.3, CONFIG_PCP_BATCH_SCALE_MAX
 * 5): {@code high} floats between {@code highMin} and {@code highMax}, raised by refills ({@link
 * #nrPcpAlloc}) and by runs of frees ({@link #nrPcpHigh}), lowered by frees under pressure and by
 * the vmstat tick ({@link #decayHigh}); {@code allocFactor} doubles refills over runs of
 * allocations and {@code freeCount} grows bulk frees over runs of frees. The formulas are the
 * kernel's, one method each; the machine calls them where the kernel does.
 */
final class PerCpuPages {
  /** PAGE_ALLOC_COSTLY_ORDER: higher orders bypass the lists (except the pageblock order). */
  static final int COSTLY_ORDER = 3;
  /** CONFIG_PCP_BATCH_SCALE_MAX's default (mm/Kconfig, 6.12 and 7.3): batches scale up to 2^5. */
  static final int PCP_BATCH_SCALE_MAX = 5;
  /** PCPF_PREV_FREE_HIGH_ORDER (include/linux/mmzone.h): the last free was of order 1..3. */
  static final int PCPF_PREV_FREE_HIGH_ORDER = 1;
  /**
   * PCPF_FREE_HIGH_BATCH: the CPU's share of the last-level cache holds more than 3 batches, so a
   * batch is kept before free_high drains (setup_pcp_cacheinfo). Set here always: machines the
   * model stands for have MiBs of cache per CPU (this one 16 MiB, 4096 pages, against 3 x 63).
   */
  static final int PCPF_FREE_HIGH_BATCH = 2;

  private final int pageblockOrder;
  private final int batch;
  private final int highMin;
  private final int highMax;
  private final long[][] lists;
  private final int[] head;
  private final int[] size;
  private int count;
  /** Linux's pcp->high; 0 until first used, as per_cpu_pages_init leaves it, then clamped. */
  private int high;
  /** Linux's pcp->alloc_factor: refills are {@code batch << allocFactor} pages. */
  private int allocFactor;
  /** Linux's pcp->free_count: pages freed in a row, halved by each allocation. */
  private int freeCount;
  /** Linux's pcp->flags, the PCPF_* bits. */
  private int flags = PCPF_FREE_HIGH_BATCH;

  PerCpuPages(int batch, int highMin, int highMax, int pageblockOrder) {
    if (batch < 1 || highMin < 0 || highMax < highMin) {
      throw new IllegalArgumentException("need batch >= 1 and 0 <= highMin <= highMax: " + batch + ", "
          + highMin + ", " + highMax);
    }
    this.batch = batch;
    this.highMin = highMin;
    this.highMax = highMax;
    this.pageblockOrder = pageblockOrder;
    int n = PcpSizing.NR_PCP_LISTS;
    lists = new long[n][8];
    head = new int[n];
    size = new int[n];
  }

  PerCpuPages(PcpSizing.Limits limits, int pageblockOrder) {
    this(limits.batch(), limits.highMin(), limits.highMax(), pageblockOrder);
  }

  /** Linux's pcp_allowed_order. */
  boolean allowed(int order) {
    return order <= COSTLY_ORDER || order == pageblockOrder;
  }

  /** The list index of (migratetype, order); Linux's order_to_pindex. */
  int index(Migratetype mt, int order) {
    return PcpSizing.orderToPindex(mt.ordinal(), order, pageblockOrder);
  }

  int batch() {
    return batch;
  }

  /** Linux's pcp->high as /proc/zoneinfo prints it (0 before the first use). */
  int high() {
    return high;
  }

  int highMin() {
    return highMin;
  }

  int highMax() {
    return highMax;
  }

  int allocFactor() {
    return allocFactor;
  }

  int freeCount() {
    return freeCount;
  }

  int flags() {
    return flags;
  }

  private int clampHigh() {
    high = Math.clamp(high, highMin, highMax);
    return high;
  }

  /**
   * Linux's nr_pcp_alloc (6.12, 7.3 alike): how many blocks a refill of {@code order} takes. An
   * order-0 refill is {@code batch << allocFactor} pages, at most what fits under {@code high}
   * less a batch (never below a batch), and a refill that fits raises allocFactor towards
   * PCP_BATCH_SCALE_MAX; each refill also raises {@code high} by the batch (up to highMax) unless
   * the zone is below its high watermark. Higher orders take {@code max(batch >> order, 2)}.
   */
  int nrPcpAlloc(int order, boolean zoneBelowHigh) {
    int h = clampHigh();
    if (h < batch) {
      return 1; // pcp disabled, or a boot pageset
    }
    int b = order != 0 ? batch : batch << allocFactor;
    if (highMin != highMax && !zoneBelowHigh) {
      h = high = Math.min(h + b, highMax);
    }
    if (order == 0) {
      int maxNrAlloc = Math.max(h - count - batch, batch);
      if (b <= maxNrAlloc && allocFactor < PCP_BATCH_SCALE_MAX) {
        allocFactor++;
      }
      b = Math.min(b, maxNrAlloc);
    }
    if (b > 1) {
      b = Math.max(b >> order, 2);
    }
    return b;
  }

  /** rmqueue_pcplist (6.12, 7.3): an allocation through the lists halves the run of frees. */
  void allocating() {
    freeCount >>= 1;
  }

  /**
   * The bookkeeping of free_unref_page_commit (6.12) / free_frozen_page_commit (7.3) after a block
   * of {@code order} was pushed: a free halves allocFactor; a free of order 1..3 right after another
   * is "free_high" once the run of frees is long enough (7.3, and 6.18 after it: {@code freeCount >=
   * batch + highMin / 2}; 6.12: {@code freeCount >= batch}) and, with PCPF_FREE_HIGH_BATCH, a batch
   * is on the lists; freeCount grows by the pages up to {@code batch << PCP_BATCH_SCALE_MAX}.
   * Returns free_high.
   */
  boolean freed(int order) {
    allocFactor >>= 1;
    boolean freeHigh = false;
    if (order != 0 && order <= COSTLY_ORDER) {
      freeHigh = freeCount >= batch + highMin / 2
          && (flags & PCPF_PREV_FREE_HIGH_ORDER) != 0
          && ((flags & PCPF_FREE_HIGH_BATCH) == 0 || count >= batch);
      flags |= PCPF_PREV_FREE_HIGH_ORDER;
    } else {
      flags &= ~PCPF_PREV_FREE_HIGH_ORDER;
    }
    if (freeCount < batch << PCP_BATCH_SCALE_MAX) {
      freeCount += 1 << order;
    }
    return freeHigh;
  }

  /**
   * Linux's nr_pcp_high (6.12, 7.3 alike): the count at which a free drains, adjusting {@code high}
   * on the way. free_high lowers high by {@code batch << PCP_BATCH_SCALE_MAX} and drains now (0);
   * kswapd at work lowers it by the run of frees and caps the answer at 4 batches; with a fixed
   * high (highMin == highMax) high itself; below the high watermark high falls by the run of frees
   * and the answer is the count (at least highMin), so the free drains; otherwise a full list
   * raises high to hold the run of frees plus a batch.
   */
  int nrPcpHigh(boolean zoneReclaimActive, boolean zoneBelowHigh, boolean freeHigh) {
    int h = clampHigh();
    if (h == 0) {
      return 0;
    }
    if (freeHigh) {
      high = Math.max(h - (batch << PCP_BATCH_SCALE_MAX), highMin);
      return 0;
    }
    if (zoneReclaimActive) {
      high = Math.max(h - Math.max(freeCount, batch), highMin);
      return Math.min(batch << 2, high);
    }
    if (highMin == highMax) {
      return h;
    }
    if (zoneBelowHigh) {
      high = Math.max(h - Math.max(freeCount, batch), highMin);
      h = Math.max(count, highMin);
    } else if (count >= h) {
      int needHigh = freeCount + batch;
      if (high < needHigh) {
        high = Math.clamp(needHigh, highMin, highMax);
      }
    }
    return h;
  }

  /**
   * Linux's nr_pcp_free (6.12, 7.3 alike): pages a free that reached {@code high} gives back. For
   * free_high as many as the lists hold, up to {@code batch << PCP_BATCH_SCALE_MAX}; else the run of
   * frees, clamped to [batch, high - batch], so that a batch stays.
   */
  int nrPcpFree(int high, boolean freeHigh) {
    if (freeHigh) {
      return Math.min(count, batch << PCP_BATCH_SCALE_MAX);
    }
    if (high < batch) {
      return 1;
    }
    return Math.clamp(freeCount, batch, high - batch);
  }

  /**
   * Linux's decay_pcp_high (6.12.118 and 7.3), on the vmstat tick: {@code high} above highMin
   * loses an eighth (no more than to {@code count - (batch << PCP_BATCH_SCALE_MAX)}, no less than
   * highMin). Returns the pages to give back now, {@code count - high}, which the caller frees in
   * chunks of a batch; 0 when the lists are within high.
   */
  int decayHigh() {
    if (high > highMin) {
      high = Math.max(Math.max(count - (batch << PCP_BATCH_SCALE_MAX), high - (high >> 3)), highMin);
    }
    return Math.max(0, count - high);
  }

  /** Pages on all lists. */
  int count() {
    return count;
  }

  /** Pushes a block at the head (a free, or a refill from the buddy allocator). */
  void push(int list, long pfn, int order) {
    assert orderOf(list) == order : "order-" + order + " block on the list of order " + orderOf(list);
    long[] l = lists[list];
    if (size[list] == l.length) {
      l = grow(list);
    }
    head[list] = (head[list] - 1) & (l.length - 1);
    l[head[list]] = pfn;
    size[list]++;
    count += 1 << order;
  }

  /** Appends a block at the tail (refills keep the buddy allocator's address order). */
  void append(int list, long pfn, int order) {
    assert orderOf(list) == order : "order-" + order + " block on the list of order " + orderOf(list);
    long[] l = lists[list];
    if (size[list] == l.length) {
      l = grow(list);
    }
    l[(head[list] + size[list]) & (l.length - 1)] = pfn;
    size[list]++;
    count += 1 << order;
  }

  /** Pops the head block, or -1 when the list is empty. */
  long pop(int list, int order) {
    if (size[list] == 0) {
      return -1;
    }
    long[] l = lists[list];
    long pfn = l[head[list]];
    head[list] = (head[list] + 1) & (l.length - 1);
    size[list]--;
    count -= 1 << order;
    return pfn;
  }

  /** Removes the tail (oldest) block of {@code list}, or -1 when it is empty. */
  long takeOldest(int list, int order) {
    if (size[list] == 0) {
      return -1;
    }
    long[] l = lists[list];
    size[list]--;
    count -= 1 << order;
    return l[(head[list] + size[list]) & (l.length - 1)];
  }

  /**
   * The first non-empty list from {@code pindex} on, wrapping round (free_pcppages_bulk's round
   * robin), or -1 when all are empty.
   */
  int nextNonEmpty(int pindex) {
    for (int i = 0; i < lists.length; i++) {
      int list = (pindex + i) % lists.length;
      if (size[list] > 0) {
        return list;
      }
    }
    return -1;
  }

  /** Whether list {@code list} holds no block. */
  boolean isEmpty(int list) {
    return size[list] == 0;
  }

  /** The order of the blocks on {@code list}. */
  int orderOf(int list) {
    return PcpSizing.pindexToOrder(list, pageblockOrder);
  }

  /** Visits every block on every list. */
  void forEach(java.util.function.LongConsumer action) {
    for (int list = 0; list < lists.length; list++) {
      long[] l = lists[list];
      for (int i = 0; i < size[list]; i++) {
        action.accept(l[(head[list] + i) & (l.length - 1)]);
      }
    }
  }

  private long[] grow(int list) {
    long[] old = lists[list];
    long[] l = new long[old.length * 2];
    for (int i = 0; i < size[list]; i++) {
      l[i] = old[(head[list] + i) & (old.length - 1)];
    }
    head[list] = 0;
    lists[list] = l;
    return l;
  }
}
