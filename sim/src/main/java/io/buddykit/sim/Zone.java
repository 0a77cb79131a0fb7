package io.buddykit.sim;

import io.buddykit.core.AlignedBlocks;
import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import io.buddykit.core.FreeListOrder;
import io.buddykit.trace.memory.PageEvents;

/**
 * One zone of one node: a pfn range whose free area is a core {@link BuddyAllocator} with one list
 * class per {@link Migratetype}, the pageblocks' migratetypes, the watermarks and the per-CPU
 * lists. Allocation follows Linux's {@code __rmqueue}; freeing follows {@code __free_one_page}.
 *
 * <p>The allocator's unit 0 is {@link #basePfn()}, the zone start rounded down to a MAX_PAGE_ORDER
 * block, so that a buddy found by XOR on a unit is the buddy Linux finds by XOR on the pfn. Pfns
 * that are not RAM handed over at boot stay reserved in the allocator (holes).
 */
public final class Zone {
  /** Linux's fallbacks[]: where each pcp type steals from, in order. */
  private static final Migratetype[][] FALLBACKS = {
    {Migratetype.RECLAIMABLE, Migratetype.MOVABLE}, // UNMOVABLE
    {Migratetype.RECLAIMABLE, Migratetype.UNMOVABLE}, // MOVABLE
    {Migratetype.UNMOVABLE, Migratetype.MOVABLE}, // RECLAIMABLE
  };

  private final Node node;
  private final ZoneType type;
  private final long basePfn;
  private final long startPfn;
  private final long endPfn;
  private final int maxOrder;
  private final int pageblockOrder;
  private final BuddyAllocator area;
  private final Pageblocks pageblocks;
  private final OwnerTable owners;
  private final VmStat stat;
  private final boolean mobilityGrouping;
  private long managedPages;
  private long presentPages;
  private long nrReservedHighatomic;
  /** compact_considered, compact_defer_shift, compact_order_failed (struct zone). */
  private int compactConsidered;
  private int compactDeferShift;
  private int compactOrderFailed;
  /** zone->watermark_boost, added to every watermark ({@code wmark_pages}). */
  private long watermarkBoost;
  /** ZONE_BOOSTED_WATERMARK: boosted since kswapd was last woken for it. */
  private boolean boostedWatermark;
  private int watermarkBoostFactor;
  /** Linux's pfn_valid: whether a struct page exists for a pfn; holes of whole sections have none. */
  private java.util.function.LongPredicate pfnValid = pfn -> true;
  private ZoneWatermarks watermarks = new ZoneWatermarks(0, 0, 0, 0);
  private long[] lowmemReserve = new long[ZoneType.values().length];
  private PerCpuPages[] pcp = new PerCpuPages[0];
  private PageEvents tracepoints = PageEvents.NONE;
  /** Linux's ZONE_BELOW_HIGH: an allocation found free pages below the high watermark. */
  private boolean belowHigh;
  /** Linux's ZONE_RECLAIM_ACTIVE: kswapd is balancing the zone's node (set_reclaim_active). */
  private boolean reclaimActive;
  /**
   * Linux's rmqueue_mode across one rmqueue_bulk (6.12.118 and 7.3): once a bulk refill had to
   * steal, its next blocks are stolen without trying the preferred lists first.
   */
  private boolean stealMode;
  private final FreeAreaView freeArea = new FreeAreaView() {
    @Override
    public boolean hasFree(int order, Migratetype mt) {
      return area.freeBlocks(order, mt.ordinal()) > 0;
    }

    @Override
    public int maxOrder() {
      return maxOrder;
    }
  };

  Zone(Node node, ZoneType type, long startPfn, long endPfn, int maxOrder, int pageblockOrder,
      OwnerTable owners, VmStat stat, boolean mobilityGrouping, FreeListOrder listOrder) {
    this.mobilityGrouping = mobilityGrouping;
    this.node = node;
    this.type = type;
    this.startPfn = startPfn;
    this.endPfn = endPfn;
    this.maxOrder = maxOrder;
    this.pageblockOrder = pageblockOrder;
    this.owners = owners;
    this.stat = stat;
    this.basePfn = startPfn & -(1L << maxOrder);
    long units = ((endPfn - basePfn) + (1L << maxOrder) - 1) & -(1L << maxOrder);
    this.area = BuddyAllocator.builder(units, maxOrder)
        .listClasses(Migratetype.count())
        .mergePolicy(this::mayMerge)
        .freeListOrder(listOrder)
        .build();
    area.reserve(0, units); // nothing is RAM until memblock hands it over
    this.pageblocks = new Pageblocks(units, pageblockOrder);
  }

  // ---------------------------------------------------------------- identity and state

  public Node node() {
    return node;
  }

  public ZoneType type() {
    return type;
  }

  /** First pfn of the allocator's space (zone start aligned down to 2^maxOrder). */
  public long basePfn() {
    return basePfn;
  }

  public long startPfn() {
    return startPfn;
  }

  /** One past the last spanned pfn. */
  public long endPfn() {
    return endPfn;
  }

  public long spannedPages() {
    return endPfn - startPfn;
  }

  /** Pages handed to the buddy allocator (Linux's managed_pages). */
  public long managedPages() {
    return managedPages;
  }

  /** Pages of RAM in the zone, reserved ones included (Linux's present_pages). */
  public long presentPages() {
    return presentPages;
  }

  public boolean populated() {
    return managedPages > 0;
  }

  /** Free pages in the buddy allocator (NR_FREE_PAGES; pages on per-CPU lists are not free). */
  public long freePages() {
    return area.freeUnits();
  }

  /** Free pages of one migratetype. */
  public long freePages(Migratetype mt) {
    return area.freeUnits(mt.ordinal());
  }

  /** Free blocks per order over all migratetypes: the /proc/buddyinfo row. */
  public long[] buddyInfo() {
    return area.buddyInfo();
  }

  /** Free blocks per order of one migratetype: a /proc/pagetypeinfo row. */
  public long[] buddyInfo(Migratetype mt) {
    return area.buddyInfo(mt.ordinal());
  }

  public ZoneWatermarks watermarks() {
    return watermarks;
  }

  /** zone->watermark_boost: pages added to every watermark after fragmenting fallbacks. */
  public long watermarkBoost() {
    return watermarkBoost;
  }

  /**
   * Linux's {@code wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK)}: the watermark the flags
   * select plus the zone's boost.
   */
  long wmarkPages(int allocFlags) {
    return AllocFlags.mark(watermarks, allocFlags) + watermarkBoost;
  }

  /** Pages this zone keeps back from requests whose highest zone is {@code highest}. */
  public long lowmemReserve(ZoneType highest) {
    return lowmemReserve[highest.ordinal()];
  }

  public long reservedHighatomic() {
    return nrReservedHighatomic;
  }

  public int maxOrder() {
    return maxOrder;
  }

  public int pageblockOrder() {
    return pageblockOrder;
  }

  /** The migratetype of the pageblock holding {@code pfn}. */
  public Migratetype pageblockType(long pfn) {
    return pageblocks.typeOf(pfn - basePfn);
  }

  /**
   * Pageblocks per migratetype, the second section of /proc/pagetypeinfo, as
   * pagetypeinfo_showblockcount_print counts them (mm/vmstat.c, 6.12 and 7.3): one pfn every
   * pageblock_nr_pages from zone_start_pfn, so an unaligned zone start counts the block it starts
   * in, skipping pfns without a struct page (pfn_to_online_page is NULL in a memory hole of whole
   * sections, such as the 3-4 GiB PCI hole).
   */
  public long[] pageblockCounts() {
    long[] n = new long[Migratetype.count()];
    for (long pfn = startPfn; pfn < endPfn; pfn += 1L << pageblockOrder) {
      if (pfnValid.test(pfn)) {
        n[pageblockType(pfn).ordinal()]++;
      }
    }
    return n;
  }

  void setPfnValid(java.util.function.LongPredicate valid) {
    this.pfnValid = valid;
  }

  public boolean contains(long pfn) {
    return pfn >= startPfn && pfn < endPfn;
  }

  /** True when {@code pfn} is in a free block of the buddy allocator. */
  public boolean isFree(long pfn) {
    return area.isFree(pfn - basePfn);
  }

  /** True when {@code pfn} is a hole or a boot reservation. */
  public boolean isReserved(long pfn) {
    return area.isReservedUnit(pfn - basePfn);
  }

  /** The free block holding {@code pfn}, packed as {@link FreeBlock} with its start as a pfn, or NONE. */
  public long freeBlockContaining(long pfn) {
    long b = area.freeBlockContaining(pfn - basePfn);
    return b < 0 ? FreeBlock.NONE : FreeBlock.pack(FreeBlock.start(b) + basePfn, FreeBlock.order(b));
  }

  /** True when a free block of at least {@code order} sits on a list of {@code mt}. */
  public boolean hasFree(int order, Migratetype mt) {
    for (int k = order; k <= maxOrder; k++) {
      if (area.freeBlocks(k, mt.ordinal()) > 0) {
        return true;
      }
    }
    return false;
  }

  /** A view of the free lists for {@link Watermarks#zoneWatermarkOk}. */
  FreeAreaView freeArea() {
    return freeArea;
  }

  /**
   * True when an allocation of {@code order} for {@code mt} could be taken now without breaking
   * the fallback rules (compaction's finish test, __compact_finished).
   */
  boolean orderAvailable(int order, Migratetype mt) {
    for (int k = order; k <= maxOrder; k++) {
      if (area.freeBlocks(k, mt.ordinal()) > 0) {
        return true;
      }
      if (mt.mergeable() && shouldTryClaim(k, mt) && fallbackWithFree(k, mt) != null) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- compaction deferral

  /** mm/compaction.c's COMPACT_MAX_DEFER_SHIFT: compaction is skipped at most 64 times. */
  static final int COMPACT_MAX_DEFER_SHIFT = 6;

  /**
   * Linux's defer_compaction (mm/compaction.c, 6.12 and 7.3), after a sync compaction that
   * completed without a page: skip the next 2^++compact_defer_shift attempts (at most 64) at
   * orders from {@code order} up.
   */
  void deferCompaction(int order) {
    compactConsidered = 0;
    compactDeferShift = Math.min(compactDeferShift + 1, COMPACT_MAX_DEFER_SHIFT);
    compactOrderFailed = Math.min(compactOrderFailed, order);
  }

  /**
   * Linux's compaction_deferred: true while this attempt at {@code order} is to be skipped; each
   * call counts one attempt considered, and the 2^compact_defer_shift-th goes ahead.
   */
  boolean compactionDeferred(int order) {
    if (order < compactOrderFailed) {
      return false;
    }
    long limit = 1L << compactDeferShift;
    if (++compactConsidered >= limit) {
      compactConsidered = (int) limit;
      return false;
    }
    return true;
  }

  /**
   * Linux's compaction_defer_reset: a compaction that should serve {@code order} raises the
   * failed order above it; an allocation that succeeded also clears the deferral.
   */
  void compactionDeferReset(int order, boolean allocSuccess) {
    if (allocSuccess) {
      compactConsidered = 0;
      compactDeferShift = 0;
    }
    if (order >= compactOrderFailed) {
      compactOrderFailed = order + 1;
    }
  }

  // ---------------------------------------------------------------- boot

  /** Hands [pfn, pfn + n) of RAM to the buddy allocator (memblock_free_all, free_reserved_area). */
  void handOver(long pfn, long n) {
    if (pfn < startPfn || pfn + n > endPfn) {
      throw new IllegalArgumentException("pfns [" + pfn + ", " + (pfn + n) + ") are not in zone " + this);
    }
    long from = pfn - basePfn;
    AlignedBlocks.forEach(from, from + n, maxOrder, (u, order) -> { // __free_pages_memory
      area.release(u, 1L << order, pageblocks.typeOf(u).ordinal());
      retypeMerged(u);
    });
    managedPages += n;
  }

  void addPresent(long n) {
    presentPages += n;
  }

  /** Sets the watermarks as __setup_per_zone_wmarks does, clearing the boost. */
  void setWatermarks(ZoneWatermarks w, long[] reserve, int boostFactor) {
    this.watermarks = w;
    this.lowmemReserve = reserve.clone();
    this.watermarkBoostFactor = boostFactor;
    this.watermarkBoost = 0;
  }

  /**
   * A fallback about to fragment another type's pageblock: {@link Watermarks#boostWatermark}, and
   * ZONE_BOOSTED_WATERMARK when the request may wake kswapd (try_to_claim_block, 6.12 and 7.3).
   */
  private void boostWatermark(int allocFlags) {
    long boosted = Watermarks.boostWatermark(watermarkBoost, managedPages, watermarks.high(), watermarkBoostFactor,
        pageblockOrder);
    if (boosted < 0) {
      return;
    }
    watermarkBoost = boosted;
    stat.watermarkBoosts++;
    if ((allocFlags & AllocFlags.ALLOC_KSWAPD) != 0) {
      boostedWatermark = true;
    }
  }

  /** Tests and clears ZONE_BOOSTED_WATERMARK, as rmqueue does before waking kswapd for the boost. */
  boolean testAndClearBoosted() {
    boolean was = boostedWatermark;
    boostedWatermark = false;
    return was;
  }

  /** balance_pgdat's end: the boost it set out to reclaim, {@code pages}, is taken off. */
  void reduceBoost(long pages) {
    watermarkBoost -= Math.min(watermarkBoost, pages);
  }

  void setPerCpuPages(PerCpuPages[] lists) {
    this.pcp = lists;
  }

  PerCpuPages pcp(int cpu) {
    return pcp.length == 0 ? null : pcp[cpu % pcp.length];
  }

  int cpus() {
    return pcp.length;
  }

  void setTracepoints(PageEvents sink) {
    this.tracepoints = sink;
  }

  boolean belowHigh() {
    return belowHigh;
  }

  void setBelowHigh(boolean on) {
    belowHigh = on;
  }

  boolean reclaimActive() {
    return reclaimActive;
  }

  void setReclaimActive(boolean on) {
    reclaimActive = on;
  }

  // ---------------------------------------------------------------- __rmqueue

  /**
   * Takes a block of {@code order} for {@code mt} as Linux's {@code rmqueue_buddy} does (6.12 and
   * 7.3): the HighAtomic lists first for {@code ALLOC_HIGHATOMIC}, then {@code __rmqueue}, then the
   * HighAtomic lists for OOM and non-blocking requests; or returns -1. {@code cpu} is the CPU the
   * tracepoints name. The caller has checked the watermark and records the owner.
   */
  long rmqueue(int order, Migratetype mt, int allocFlags, int cpu) {
    assert order >= 0 && order <= maxOrder : "order " + order;
    long u = -1;
    if (order > 0 && (allocFlags & AllocFlags.ALLOC_HIGHATOMIC) != 0) { // gfp_to_alloc_flags sets it for order > 0
      u = rmqueueSmallest(order, Migratetype.HIGHATOMIC, cpu);
    }
    if (u < 0) {
      stealMode = false;
      u = rmqueueUnits(order, mt, allocFlags, cpu);
    }
    if (u < 0 && (allocFlags & (AllocFlags.ALLOC_OOM | AllocFlags.ALLOC_NON_BLOCK)) != 0) {
      u = rmqueueSmallest(order, Migratetype.HIGHATOMIC, cpu); // failing now is worse
    }
    return u < 0 ? -1 : u + basePfn;
  }

  /** Starts one rmqueue_bulk: its mode is RMQUEUE_NORMAL again. */
  void beginBulk() {
    stealMode = false;
  }

  /**
   * One block of rmqueue_bulk's loop: Linux's {@code __rmqueue} with the bulk's mode (6.12.118 and
   * 7.3): the preferred lists, then claim, then steal; once stolen, steal straight away. Returns
   * the pfn or -1.
   */
  long rmqueueBulkOne(int order, Migratetype mt, int allocFlags, int cpu) {
    long u = rmqueueUnits(order, mt, allocFlags, cpu);
    return u < 0 ? -1 : u + basePfn;
  }

  /** Linux's __rmqueue over units; {@link #stealMode} is the caller's rmqueue_mode. */
  private long rmqueueUnits(int order, Migratetype mt, int allocFlags, int cpu) {
    long u = -1;
    if (!stealMode) {
      u = rmqueueSmallest(order, mt, cpu);
      if (u < 0 && mt.mergeable()) {
        u = claim(order, mt, allocFlags, cpu);
      }
    }
    if (u < 0 && mt.mergeable() && (allocFlags & AllocFlags.ALLOC_NOFRAGMENT) == 0) {
      u = steal(order, mt, cpu);
      stealMode = u >= 0;
    }
    return u;
  }

  /**
   * Linux's __rmqueue_smallest (6.12, 7.3): the head of the smallest order of {@code mt}'s lists
   * that has a block, split down; emits mm_page_alloc_zone_locked with percpu_refill as the kernel
   * computes it there: pcp_allowed_order(order) and a per-CPU migratetype, whether or not this is a
   * refill. Returns the unit or -1.
   */
  private long rmqueueSmallest(int order, Migratetype mt, int cpu) {
    long u = area.tryAllocate(order, mt.ordinal());
    if (u >= 0) {
      boolean percpuRefill = (order <= PcpSizing.PAGE_ALLOC_COSTLY_ORDER || order == pageblockOrder)
          && mt.mergeable();
      tracepoints.zoneLocked(cpu, u + basePfn, order, mt.ordinal(), percpuRefill);
    }
    return u;
  }

  /**
   * Linux's {@code __rmqueue_claim}: the largest block of a fallback type, whose pageblock is
   * claimed for {@code mt} when the claim rule allows; the allocation then comes from mt's lists.
   */
  private long claim(int order, Migratetype mt, int allocFlags, int cpu) {
    int minOrder = order;
    if (order < pageblockOrder && (allocFlags & AllocFlags.ALLOC_NOFRAGMENT) != 0) {
      minOrder = pageblockOrder;
    }
    for (int k = maxOrder; k >= minOrder; k--) {
      Migratetype fallback = fallbackWithFree(k, mt);
      if (fallback == null) {
        continue;
      }
      if (!shouldTryClaim(k, mt)) {
        break;
      }
      long start = area.firstFreeBlock(k, fallback.ordinal());
      if (k >= pageblockOrder) { // take ownership of whole pageblocks
        area.moveFreeBlocks(start, 1L << k, mt.ordinal());
        pageblocks.set(start, k, mt);
        stat.fallbackClaims++;
        stat.fallbacks++;
        area.tryAllocateAt(start, order); // expand() keeps the low half, as the kernel does here
        extfrag(cpu, start, order, k, mt, fallback);
        return start;
      }
      boostWatermark(allocFlags);
      if (tryClaimPageblock(start, mt, fallback)) {
        stat.fallbackClaims++;
        stat.fallbacks++;
        long u = rmqueueSmallest(order, mt, cpu); // try_to_claim_block ends in __rmqueue_smallest
        extfrag(cpu, u, order, k, mt, fallback);
        return u;
      }
    }
    return -1;
  }

  /** Linux's {@code __rmqueue_steal}: the smallest fallback block, split on its own lists. */
  private long steal(int order, Migratetype mt, int cpu) {
    for (int k = order; k <= maxOrder; k++) {
      Migratetype fallback = fallbackWithFree(k, mt);
      if (fallback == null) {
        continue;
      }
      long start = area.firstFreeBlock(k, fallback.ordinal());
      area.tryAllocateAt(start, order);
      stat.fallbacks++;
      extfrag(cpu, start, order, k, mt, fallback);
      return start;
    }
    return -1;
  }

  /**
   * Emits mm_page_alloc_extfrag as __rmqueue_claim and __rmqueue_steal do (6.12, 7.3), for the
   * block at unit {@code u}: change_ownership is whether its pageblock now has the request's type.
   */
  private void extfrag(int cpu, long u, int order, int fallbackOrder, Migratetype mt, Migratetype fallback) {
    boolean changeOwnership = pageblocks.typeOf(u) == mt;
    tracepoints.extfrag(cpu, u + basePfn, order, fallbackOrder, mt.ordinal(), fallback.ordinal(), changeOwnership);
  }

  private Migratetype fallbackWithFree(int order, Migratetype mt) {
    for (Migratetype f : FALLBACKS[mt.ordinal()]) {
      if (area.freeBlocks(order, f.ordinal()) > 0) {
        return f;
      }
    }
    return null;
  }

  /** Linux's should_try_claim_block: movable requests steal small blocks without claiming. */
  private boolean shouldTryClaim(int order, Migratetype mt) {
    return order >= pageblockOrder / 2 || mt == Migratetype.UNMOVABLE || mt == Migratetype.RECLAIMABLE;
  }

  /**
   * Linux's try_to_claim_block for a block below pageblock order: counts the pageblock's free and
   * movable pages and claims it when free plus alike pages reach half of it.
   */
  private boolean tryClaimPageblock(long unit, Migratetype mt, Migratetype blockType) {
    long pbStart = unit & -(1L << pageblockOrder);
    long pbEnd = pbStart + (1L << pageblockOrder);
    long free = 0;
    long movable = 0;
    for (long u = pbStart; u < pbEnd; ) {
      long pfn = u + basePfn;
      if (owners.isHead(pfn)) { // most pages of a pageblock worth claiming are held: look there first
        int o = owners.order(pfn);
        if (owners.isMovable(pfn) && !owners.isPcp(pfn)) {
          movable += 1L << o;
        }
        u += 1L << o;
        continue;
      }
      long b = area.freeBlockContaining(u);
      if (b >= 0) {
        long end = Math.min(pbEnd, FreeBlock.end(b));
        free += end - u;
        u = end;
      } else {
        u++; // a hole or a reservation
      }
    }
    long alike;
    if (mt == Migratetype.MOVABLE) {
      alike = movable;
    } else if (blockType == Migratetype.MOVABLE) {
      alike = (1L << pageblockOrder) - (free + movable);
    } else {
      alike = 0;
    }
    if (mobilityGrouping && free + alike < (1L << (pageblockOrder - 1))) {
      return false;
    }
    area.moveFreeBlocks(pbStart, 1L << pageblockOrder, mt.ordinal());
    pageblocks.set(pbStart, pageblockOrder, mt);
    return true;
  }

  /** Takes the block of {@code order} at {@code pfn} if it is wholly free (replay, migration). */
  boolean takeAt(long pfn, int order) {
    return area.tryAllocateAt(pfn - basePfn, order);
  }

  // ---------------------------------------------------------------- highatomic reserve

  /**
   * Linux's reserve_highatomic_pageblock: after a high-order atomic allocation, set the pageblocks
   * it came from aside for such allocations, up to 1% of the zone rounded up to a pageblock; a
   * zone whose 1% is less than a pageblock reserves nothing.
   */
  void reserveHighatomic(long pfn, int order) {
    long pb = 1L << pageblockOrder;
    if (managedPages / 100 < pb) {
      return;
    }
    long max = ((managedPages / 100) + pb - 1) / pb * pb;
    if (nrReservedHighatomic >= max) {
      return;
    }
    long u = (pfn - basePfn) & -pb;
    Migratetype mt = pageblocks.typeOf(u);
    if (mt == Migratetype.HIGHATOMIC || mt == Migratetype.ISOLATE || mt == Migratetype.CMA) {
      return;
    }
    int blockOrder = Math.max(order, pageblockOrder); // change_pageblock_range for larger blocks
    long start = (pfn - basePfn) & -(1L << blockOrder);
    area.moveFreeBlocks(start, 1L << blockOrder, Migratetype.HIGHATOMIC.ordinal());
    pageblocks.set(start, blockOrder, Migratetype.HIGHATOMIC);
    nrReservedHighatomic += 1L << blockOrder;
  }

  /**
   * Linux's unreserve_highatomic_pageblock: under pressure, give one reserved pageblock that has
   * free pages back to {@code mt}; unless {@code force}, the last reserved pageblock stays.
   * Returns true when one was given back.
   */
  boolean unreserveHighatomic(Migratetype mt, boolean force) {
    long pb = 1L << pageblockOrder;
    if (nrReservedHighatomic == 0 || (!force && nrReservedHighatomic <= pb)) {
      return false;
    }
    for (int k = 0; k <= maxOrder; k++) { // find the block through one of its free pages
      long free = area.firstFreeBlock(k, Migratetype.HIGHATOMIC.ordinal());
      if (free >= 0) {
        int blockOrder = Math.max(k, pageblockOrder);
        long start = free & -(1L << blockOrder);
        pageblocks.set(start, blockOrder, mt);
        area.moveFreeBlocks(start, 1L << blockOrder, mt.ordinal());
        nrReservedHighatomic = Math.max(0, nrReservedHighatomic - (1L << blockOrder));
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- free

  /** Gives the block at {@code pfn} back to the buddy allocator (Linux's __free_one_page). */
  void freeOne(long pfn) {
    assert !owners.isHead(pfn) : "pfn " + pfn + " still has an owner";
    long u = pfn - basePfn;
    area.free(u, pageblocks.typeOf(u).ordinal());
    retypeMerged(u);
  }

  /**
   * A free block that reaches pageblock order after merging takes the type of the page freed into
   * it, for all its pageblocks, as Linux (6.9+) keeps free blocks of that size one type.
   */
  private void retypeMerged(long u) {
    long b = area.freeBlockContaining(u);
    int order = FreeBlock.order(b);
    if (order > pageblockOrder) {
      long start = FreeBlock.start(b);
      int cls = area.freeClassAt(start, order);
      pageblocks.set(start, order, Migratetype.of(cls));
    }
  }

  /**
   * Linux's merge rule across pageblocks: buddies of pageblock order or more merge unless their
   * types differ and one of them may not merge (HighAtomic, CMA, Isolate).
   */
  private boolean mayMerge(long left, int order) {
    if (order < pageblockOrder) {
      return true;
    }
    Migratetype a = pageblocks.typeOf(left);
    Migratetype b = pageblocks.typeOf(left + (1L << order));
    return a == b || (a.mergeable() && b.mergeable());
  }

  /** The buddy allocator itself, for checks and the views. */
  BuddyAllocator area() {
    return area;
  }

  /** Moves the free blocks of the pageblock holding {@code pfn} and retypes it. */
  long setPageblockType(long pfn, Migratetype mt) {
    long u = (pfn - basePfn) & -(1L << pageblockOrder);
    pageblocks.set(u, pageblockOrder, mt);
    return area.moveFreeBlocks(u, 1L << pageblockOrder, mt.ordinal());
  }

  @Override
  public String toString() {
    return "Node " + node.id() + ", zone " + type.procName();
  }
}
