package io.buddykit.sim;

import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.boot.Boot;
import io.buddykit.sim.boot.Memblock;
import io.buddykit.trace.memory.PageEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated machine's physical memory: nodes with a distance matrix, their zones, the owner of
 * every page frame, and Linux's page allocator over them: the zonelist walk with watermarks
 * ({@code get_page_from_freelist}), per-CPU lists, the slow path with kswapd, direct reclaim and
 * direct compaction ({@code __alloc_pages_slowpath}), and freeing.
 *
 * <p>Deterministic and single-threaded; a "CPU" is a number that picks per-CPU lists and a node.
 */
public final class Machine {
  /** Slow-path rounds of reclaim and compaction before a request fails (MAX_RECLAIM_RETRIES). */
  static final int MAX_RECLAIM_RETRIES = 16;
  /**
   * Not Linux's: marks ALLOC_NOFRAGMENT that {@link FallbackGate#NOFRAGMENT} gave a low-priority
   * request, which is never dropped to retry (a bit no ALLOC_* flag uses).
   */
  private static final int ALLOC_NOFRAGMENT_KEPT = 0x4000_0000;
  /** x86-64's SECTION_SIZE_BITS (arch/x86/include/asm/sparsemem.h): 128 MiB memory sections. */
  static final int SECTION_SIZE_BITS = 27;

  private final MachineConfig config;
  private final Node[] nodes;
  private final List<Zone> zones = new ArrayList<>();
  /** The zones sorted by start pfn, for {@link #zoneOf}. */
  private final Zone[] zoneByStart;
  private final Zonelists zonelists;
  private final OwnerTable owners;
  private final Memblock memblock;
  private final VmStat stat = new VmStat();
  private final Reclaim reclaim;
  private final Compaction compaction;
  private PageListener listener = PageListener.NONE;
  private PageEvents tracepoints = PageEvents.NONE;
  private boolean perCpuLists;
  private long minFreeKbytes;

  private Machine(MachineConfig config) {
    HeapBudget.require("a machine of " + Sizes.format(config.totalBytes()), config.heapBytes());
    this.config = config;
    this.memblock = Boot.layout(config.boot(), config.nodeBytes(), config.pageShift());
    long maxPfn = 0;
    for (Memblock.Region r : memblock.memory()) {
      maxPfn = Math.max(maxPfn, r.end());
    }
    this.owners = new OwnerTable(maxPfn);
    this.nodes = new Node[config.nodes()];
    int shift = config.pageShift();
    for (int nid = 0; nid < nodes.length; nid++) {
      nodes[nid] = new Node(nid, nid * config.cpusPerNode(), config.cpusPerNode(), owners);
      long lo = Long.MAX_VALUE;
      long hi = 0;
      for (Memblock.Region r : memblock.memory()) {
        if (r.nid() == nid) {
          lo = Math.min(lo, r.start());
          hi = Math.max(hi, r.end());
        }
      }
      long zoneLow = 0;
      for (ZoneType t : new ZoneType[] {ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL}) {
        long zoneHigh = t == ZoneType.NORMAL ? Long.MAX_VALUE : t.limitPfn(shift);
        long start = Math.max(lo, zoneLow);
        long end = Math.min(hi, zoneHigh);
        zoneLow = zoneHigh;
        if (start < end && ramIn(nid, start, end) > 0) {
          Zone z = new Zone(nodes[nid], t, start, end, config.maxOrder(), config.pageblockOrder(), owners, stat,
              config.mobilityGrouping(), config.freeListOrder());
          z.addPresent(ramIn(nid, start, end));
          z.setPfnValid(this::pfnValid);
          nodes[nid].setZone(z);
          zones.add(z);
        }
      }
    }
    this.zoneByStart = zones.stream().sorted(java.util.Comparator.comparingLong(Zone::startPfn)).toArray(Zone[]::new);
    this.zonelists = new Zonelists(nodes, config);
    for (Memblock.Region r : memblock.free()) {
      handOver(r.start(), r.end());
    }
    setupWatermarks();
    this.perCpuLists = config.perCpuLists();
    setupPerCpuLists();
    this.reclaim = new Reclaim(this);
    this.compaction = new Compaction(this);
  }

  /**
   * A machine after the memblock phase: every page not reserved is in the buddy allocator, the
   * initrd and the boot page tables are still reserved ({@link #releaseInitMemory()} frees them).
   */
  public static Machine boot(MachineConfig config) {
    return new Machine(config);
  }

  /** A machine booted and past the release of its init memory: the usual starting point. */
  public static Machine booted(MachineConfig config) {
    Machine m = new Machine(config);
    m.releaseInitMemory();
    return m;
  }

  private long ramIn(int nid, long start, long end) {
    long n = 0;
    for (Memblock.Region r : memblock.memory()) {
      if (r.nid() == nid) {
        n += Math.max(0, Math.min(end, r.end()) - Math.max(start, r.start()));
      }
    }
    return n;
  }

  /**
   * Linux's pfn_valid with SPARSEMEM on x86-64 (SECTION_SIZE_BITS 27): true when the 128 MiB
   * memory section holding {@code pfn} has RAM, so its struct pages exist; a hole inside a section
   * with RAM (640 KiB-1 MiB) has them too, a hole of whole sections (3-4 GiB) does not.
   */
  public boolean pfnValid(long pfn) {
    int sectionShift = SECTION_SIZE_BITS - config.pageShift();
    long section = pfn >>> sectionShift;
    for (Memblock.Region r : memblock.memory()) {
      if (r.start() >>> sectionShift <= section && section <= (r.end() - 1) >>> sectionShift) {
        return true;
      }
    }
    return false;
  }

  /** Frees [start, end) to the zones it lies in. */
  private void handOver(long start, long end) {
    for (Zone z : zones) {
      long s = Math.max(start, z.startPfn());
      long e = Math.min(end, z.endPfn());
      if (s < e) {
        z.handOver(s, e - s);
      }
    }
  }

  /**
   * Frees the initrd and the boot page tables to the buddy allocator (free_initrd_mem and the end
   * of init), as Linux does after the watermarks were set: they are not recomputed. Returns the
   * number of pages released.
   */
  public long releaseInitMemory() {
    long n = 0;
    for (String name : new String[] {Boot.INITRD, Boot.BOOT_PAGE_TABLES}) {
      if (memblock.reserved().stream().anyMatch(r -> r.name().equals(name))) {
        Memblock.Region r = memblock.release(name);
        handOver(r.start(), r.end());
        n += r.pages();
      }
    }
    return n;
  }

  /**
   * Linux's init_per_zone_wmark_min: min_free_kbytes, then every zone's watermarks and reserves;
   * then, with THP enabled, khugepaged's start at boot raises min_free_kbytes
   * ({@code set_recommended_min_free_kbytes}) and sets the watermarks again. A value written to the
   * sysctl ({@link MachineConfig#minFreeKbytes()} >= 0) comes last and wins, as a sysctl.conf does.
   */
  private void setupWatermarks() {
    long[] managed = new long[zones.size()];
    boolean[] highmem = new boolean[zones.size()];
    long lowmemKb = 0;
    for (int i = 0; i < managed.length; i++) {
      managed[i] = zones.get(i).managedPages();
      lowmemKb += managed[i] << (config.pageShift() - 10);
    }
    long minFreeKb = Watermarks.defaultMinFreeKbytes(lowmemKb);
    ZoneWatermarks[] w = Watermarks.setupPerZoneWmarks(
        managed, highmem, minFreeKb, config.watermarkScaleFactor(), config.pageShift());
    if (config.minFreeKbytes() >= 0) {
      minFreeKb = config.minFreeKbytes();
    } else if (config.thp().khugepaged()) {
      int lowZones = 0;
      long freeBuffer = 0; // nr_free_buffer_pages with the watermarks just set
      for (int i = 0; i < managed.length; i++) {
        if (zones.get(i).type().ordinal() <= ZoneType.NORMAL.ordinal() && managed[i] > 0) {
          lowZones++;
          freeBuffer += Math.max(0, managed[i] - w[i].high());
        }
      }
      minFreeKb = Watermarks.recommendedMinFreeKbytes(minFreeKb, lowZones, freeBuffer, config.pageblockOrder(),
          config.pageShift());
    }
    this.minFreeKbytes = minFreeKb;
    w = Watermarks.setupPerZoneWmarks(managed, highmem, minFreeKb, config.watermarkScaleFactor(), config.pageShift());
    for (Node node : nodes) { // lowmem_reserve is per node, over the node's zone types
      long[] nodeManaged = new long[ZoneType.count()];
      for (Zone z : node.zones()) {
        nodeManaged[z.type().ordinal()] = z.managedPages();
      }
      long[][] reserve = Watermarks.lowmemReserve(nodeManaged);
      for (Zone z : node.zones()) {
        z.setWatermarks(w[zones.indexOf(z)], reserve[z.type().ordinal()], config.watermarkBoostFactor());
      }
    }
  }

  private void setupPerCpuLists() {
    int cpus = config.nodes() * config.cpusPerNode();
    for (Zone z : zones) {
      if (!perCpuLists) {
        z.setPerCpuPages(new PerCpuPages[0]);
        continue;
      }
      // zone_set_pageset_high_and_batch with percpu_pagelist_high_fraction 0: high floats
      PcpSizing.Limits limits = PcpSizing.limits(z.managedPages(), z.watermarks().low(), config.cpusPerNode(), 0,
          (int) config.pageSize());
      PerCpuPages[] lists = new PerCpuPages[cpus];
      for (int c = 0; c < cpus; c++) {
        lists[c] = new PerCpuPages(limits, config.pageblockOrder());
      }
      z.setPerCpuPages(lists);
    }
  }

  // ---------------------------------------------------------------- queries

  public MachineConfig config() {
    return config;
  }

  public List<Node> nodes() {
    return List.of(nodes);
  }

  public Node node(int nid) {
    return nodes[nid];
  }

  /** Every zone, by node then zone type. */
  public List<Zone> zones() {
    return List.copyOf(zones);
  }

  public OwnerTable owners() {
    return owners;
  }

  public Memblock memblock() {
    return memblock;
  }

  /** vm.min_free_kbytes as the machine booted with it: the sysctl value, or Linux's, raised for THP. */
  public long minFreeKbytes() {
    return minFreeKbytes;
  }

  public VmStat stat() {
    return stat;
  }

  public Zonelists zonelists() {
    return zonelists;
  }

  /** The zone holding {@code pfn}, or null when it is in no zone (a binary search by start). */
  public Zone zoneOf(long pfn) {
    int lo = 0;
    int hi = zoneByStart.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Zone z = zoneByStart[mid];
      if (pfn < z.startPfn()) {
        hi = mid - 1;
      } else if (pfn >= z.endPfn()) {
        lo = mid + 1;
      } else {
        return z;
      }
    }
    return null;
  }

  public long freePages() {
    long n = 0;
    for (Zone z : zones) {
      n += z.freePages();
    }
    return n;
  }

  public long managedPages() {
    long n = 0;
    for (Zone z : zones) {
      n += z.managedPages();
    }
    return n;
  }

  /** Whoever is told about migrations and reclaim; one per machine. */
  public void setListener(PageListener listener) {
    this.listener = listener == null ? PageListener.NONE : listener;
  }

  PageListener listener() {
    return listener;
  }

  /**
   * Where the allocator's own kmem tracepoints go (mm_page_alloc_zone_locked,
   * mm_page_pcpu_drain, mm_page_alloc_extfrag, 6.12 and 7.3), with exactly the fields a kernel
   * trace has and called where mm/page_alloc.c calls them, so one {@link PageEvents} sink (e.g.
   * {@code KmemActivity}) counts the model and a kernel trace alike. Null drops them.
   */
  public void setTracepoints(PageEvents sink) {
    tracepoints = sink == null ? PageEvents.NONE : sink;
    for (Zone z : zones) {
      z.setTracepoints(tracepoints);
    }
  }

  /** The node of a CPU. */
  public int nodeOfCpu(int cpu) {
    checkCpu(cpu);
    return cpu / config.cpusPerNode();
  }

  /** Number of CPUs: cpus per node times nodes, numbered node by node. */
  public int cpus() {
    return config.nodes() * config.cpusPerNode();
  }

  private void checkOrder(int order) {
    if (order < 0 || order > config.maxOrder()) {
      throw new IllegalArgumentException("order " + order + " outside 0.." + config.maxOrder());
    }
  }

  private void checkCpu(int cpu) {
    if (cpu < 0 || cpu >= cpus()) {
      throw new IllegalArgumentException("no CPU " + cpu + " (0.." + (cpus() - 1) + ")");
    }
  }

  // ---------------------------------------------------------------- allocation

  /**
   * Allocates {@code 2^request.order()} pages as {@code request} asks (Linux's alloc_pages_node),
   * recording its tag as the owner. Returns the pfn, or -1 when even the slow path fails.
   */
  public long allocPages(PageRequest request) {
    Gfp gfp = request.gfp();
    int order = request.order();
    int cpu = request.cpu();
    int nid = request.nid() == PageRequest.NUMA_NO_NODE ? nodeOfCpu(cpu) : request.nid();
    checkOrder(order);
    checkCpu(cpu);
    if (nid < 0 || nid >= nodes.length) {
      throw new IllegalArgumentException("no node " + nid + " (0.." + (nodes.length - 1) + ")");
    }
    Zone[] zonelist = zonelists.of(nid, gfp.thisNode());
    ZoneType highest = gfp.highestZone();
    Migratetype wanted = gfp.migratetype();
    // page_group_by_mobility_disabled: every request shares the unmovable lists; the page itself
    // is as movable as ever.
    Migratetype mt = config.mobilityGrouping() ? wanted : Migratetype.UNMOVABLE;
    Zone preferred = zonelists.preferred(zonelist, highest);
    if (preferred == null) {
      stat.allocFail++;
      return -1;
    }
    return allocPages(new AllocContext(gfp, order, cpu, zonelist, preferred, highest, mt, request.tag(),
        request.reclaimable()));
  }

  /**
   * Linux's __alloc_pages: the fast path's first attempt, then the slow path; records the owner.
   * The first attempt's flags are 7.3's: the low mark, alloc_flags_nofragment, and the
   * ALLOC_HIGHATOMIC of a high-order non-blocking __GFP_HIGH request, so it may use the reserve.
   */
  private long allocPages(AllocContext ac) {
    int kept = keptNoFragment(ac.gfp());
    int flags = ac.gfp().fastpathAllocFlags(false) | (kept != 0 ? kept : noFragment(ac.preferredZone()))
        | (ac.gfp().nonblockingAllocFlags(ac.order()) & AllocFlags.ALLOC_HIGHATOMIC);
    long pfn = getPageFromFreelist(ac, flags);
    if (pfn < 0) {
      pfn = slowpath(ac, kept);
    }
    if (pfn < 0) {
      stat.allocFail++;
      return -1;
    }
    int order = ac.order();
    owners.set(pfn, order, ac.tag(), ac.migratetype(), ac.gfp().migratetype() == Migratetype.MOVABLE,
        ac.reclaimable());
    if (ac.reclaimable()) {
      nodes[zoneOf(pfn).node().id()].lru().add(pfn);
    }
    stat.pgalloc += 1L << order;
    return pfn;
  }

  /**
   * Takes exactly the block of {@code order} at {@code pfn}, as a trace recorded it, bypassing the
   * allocation policy and per-CPU lists; false (changing nothing) when it is not wholly free.
   */
  public boolean allocAt(long pfn, int order, Migratetype mt, int tag) {
    java.util.Objects.requireNonNull(mt, "mt");
    checkOrder(order);
    Zone z = zoneOf(pfn);
    if (z == null || (pfn & ((1L << order) - 1)) != 0 || pfn + (1L << order) > z.endPfn() || !z.takeAt(pfn, order)) {
      return false;
    }
    owners.set(pfn, order, tag, mt, mt == Migratetype.MOVABLE, false);
    stat.pgalloc += 1L << order;
    return true;
  }

  /**
   * Linux's alloc_flags_nofragment: a request whose preferred zone is Normal, with DMA32 below it
   * on the same node, first falls back to DMA32 rather than fragmenting Normal's pageblocks.
   */
  private int noFragment(Zone preferred) {
    if (config.fallbackGate() == FallbackGate.OFF || preferred.type() != ZoneType.NORMAL) {
      return 0;
    }
    Zone dma32 = preferred.node().zone(ZoneType.DMA32);
    return dma32 != null && dma32.populated() ? AllocFlags.ALLOC_NOFRAGMENT : 0;
  }

  /**
   * The ALLOC_NOFRAGMENT that {@link FallbackGate#NOFRAGMENT} keeps on a low-priority request (no
   * __GFP_DIRECT_RECLAIM, no __GFP_HIGH) through every pass, or 0.
   */
  private int keptNoFragment(Gfp gfp) {
    boolean lowPriority = !gfp.directReclaim() && !gfp.high();
    return config.fallbackGate() == FallbackGate.NOFRAGMENT && lowPriority
        ? AllocFlags.ALLOC_NOFRAGMENT | ALLOC_NOFRAGMENT_KEPT
        : 0;
  }

  /** Linux's get_page_from_freelist: the first zone whose watermark allows and that has a block. */
  private long getPageFromFreelist(AllocContext ac, int flags) {
    int order = ac.order();
    while (true) {
      boolean noFragment = (flags & AllocFlags.ALLOC_NOFRAGMENT) != 0;
      boolean kept = (flags & ALLOC_NOFRAGMENT_KEPT) != 0;
      Zone first = null;
      boolean retry = false;
      for (Zone z : ac.zonelist()) {
        if (!ac.eligible(z) || !z.populated()) {
          continue;
        }
        if (first == null) {
          first = z;
        }
        if (noFragment && !kept && z.node() != first.node()) {
          retry = true; // before going remote, fragment the local node
          break;
        }
        if (!z.belowHigh() && !watermarkOk(z, order, z.watermarks().high(), ac.highestZone(), flags)) {
          z.setBelowHigh(true); // ZONE_BELOW_HIGH: frees now shrink pcp->high (get_page_from_freelist, 6.7+)
        }
        if ((flags & AllocFlags.ALLOC_NO_WATERMARKS) == 0 && !zoneWatermarkFast(z, order, ac.highestZone(), flags)) {
          continue;
        }
        long pfn = rmqueue(z, order, ac.migratetype(), flags, ac.cpu());
        if ((flags & AllocFlags.ALLOC_KSWAPD) != 0 && z.testAndClearBoosted()) {
          reclaim.wakeKswapd(z.node(), 0, z.type()); // rmqueue: kswapd reclaims the boost
        }
        if (pfn >= 0) {
          return pfn;
        }
      }
      if (kept || (!noFragment && !retry)) {
        return -1;
      }
      flags &= ~AllocFlags.ALLOC_NOFRAGMENT;
    }
  }

  /**
   * Linux's zone_watermark_fast past its order-0 shortcut (7.3): the boosted mark the flags
   * select; failing that, an order-0 __GFP_HIGH request at the min mark is checked against the
   * unboosted min, "the point where boosting is ignored".
   */
  private boolean zoneWatermarkFast(Zone z, int order, ZoneType highest, int flags) {
    if (watermarkOk(z, order, z.wmarkPages(flags), highest, flags)) {
      return true;
    }
    return order == 0 && (flags & AllocFlags.ALLOC_MIN_RESERVE) != 0 && z.watermarkBoost() > 0
        && (flags & AllocFlags.ALLOC_WMARK_MASK) == AllocFlags.ALLOC_WMARK_MIN
        && watermarkOk(z, order, z.watermarks().min(), highest, flags);
  }

  /** Linux's zone_watermark_ok for this zone now. */
  boolean watermarkOk(Zone z, int order, long mark, ZoneType highest, int flags) {
    return Watermarks.zoneWatermarkOk(z.freePages(), order, mark, z.lowmemReserve(highest), flags,
        z.freePages(Migratetype.HIGHATOMIC), 0, z.freeArea());
  }

  /**
   * Linux's rmqueue (6.12, 7.3): through the CPU's per-CPU list when the order allows
   * (rmqueue_pcplist), refilling an empty list with nr_pcp_alloc blocks under one zone lock
   * (rmqueue_bulk, which adds them at the tail); else, or when the refill found nothing, the buddy
   * lists (rmqueue_buddy).
   */
  private long rmqueue(Zone z, int order, Migratetype mt, int flags, int cpu) {
    PerCpuPages pcp = z.pcp(cpu);
    if (pcp == null || !pcp.allowed(order) || !mt.mergeable()) {
      return rmqueueBuddy(z, order, mt, flags, cpu);
    }
    pcp.allocating();
    int list = pcp.index(mt, order);
    long pfn = pcp.pop(list, order);
    if (pfn < 0 && (flags & AllocFlags.ALLOC_HIGHATOMIC) != 0) {
      return rmqueueBuddy(z, order, mt, flags, cpu); // 7.3's __rmqueue_pcplist: to the reserve, no refill
    }
    if (pfn < 0) {
      int n = pcp.nrPcpAlloc(order, z.belowHigh());
      int bulk = flags & ~(AllocFlags.ALLOC_HIGHATOMIC | AllocFlags.ALLOC_OOM | AllocFlags.ALLOC_NON_BLOCK);
      z.beginBulk();
      for (int i = 0; i < n; i++) {
        long p = z.rmqueueBulkOne(order, mt, bulk, cpu);
        if (p < 0) {
          break;
        }
        pcp.append(list, p, order);
        owners.setPcp(p, order, mt);
      }
      pfn = pcp.pop(list, order);
      if (pfn < 0) {
        return rmqueueBuddy(z, order, mt, flags, cpu); // rmqueue_buddy, with the HighAtomic tries
      }
    }
    assert owners.isPcp(pfn) : "pfn " + pfn + " on a per-CPU list is not marked so";
    owners.clear(pfn);
    return pfn;
  }

  /**
   * Linux's rmqueue_buddy (7.3): __rmqueue with the HighAtomic tries; a slow-path (min mark)
   * ALLOC_HIGHATOMIC allocation then reserves its pageblock, reserve_highatomic_pageblock.
   */
  private long rmqueueBuddy(Zone z, int order, Migratetype mt, int flags, int cpu) {
    long pfn = z.rmqueue(order, mt, flags, cpu);
    if (pfn >= 0 && (flags & AllocFlags.ALLOC_HIGHATOMIC) != 0
        && (flags & AllocFlags.ALLOC_WMARK_MASK) == AllocFlags.ALLOC_WMARK_MIN) {
      z.reserveHighatomic(pfn, order);
    }
    return pfn;
  }

  /** Linux's __alloc_pages_slowpath, with bounded retries and no OOM killer. */
  private long slowpath(AllocContext ac, int kept) {
    stat.slowpath++;
    Gfp gfp = ac.gfp();
    int order = ac.order();
    int flags = gfp.toAllocFlags(order) | kept;
    if ((flags & AllocFlags.ALLOC_KSWAPD) != 0) {
      reclaim.wakeKswapds(ac);
    }
    long pfn = getPageFromFreelist(ac, flags);
    if (pfn >= 0) {
      return pfn;
    }
    int reserve = gfp.pfmemallocFlags(); // __GFP_MEMALLOC: no watermarks at all
    if (reserve != 0) {
      pfn = getPageFromFreelist(ac, reserve | (flags & AllocFlags.ALLOC_KSWAPD));
      if (pfn >= 0) {
        return pfn;
      }
    }
    if (!gfp.directReclaim()) {
      return -1;
    }
    boolean costly = order > PcpSizing.PAGE_ALLOC_COSTLY_ORDER;
    boolean mayCompact = gfp.io(); // gfp_compaction_allowed
    if (mayCompact && (costly || (order > 0 && ac.migratetype() != Migratetype.MOVABLE))) {
      pfn = directCompact(ac, flags, true);
      if (pfn >= 0) {
        return pfn;
      }
      if (costly && gfp.noRetry()) {
        return -1; // __GFP_NORETRY: one light compaction is all a costly request gets
      }
    }
    for (int retry = 0; retry < MAX_RECLAIM_RETRIES; retry++) {
      long reclaimed = reclaim.direct(ac);
      pfn = reclaimed > 0 ? afterDirectReclaim(ac, flags) : -1; // no progress, no retry (6.12, 7.3)
      if (pfn >= 0) {
        return pfn;
      }
      long migrated = stat.pgmigrateSuccess;
      if (order > 0 && mayCompact) {
        pfn = directCompact(ac, flags, false);
        if (pfn >= 0) {
          return pfn;
        }
      }
      if (gfp.noRetry() || (reclaimed == 0 && stat.pgmigrateSuccess == migrated)) {
        break; // should_reclaim_retry: no progress is possible, or none is wanted
      }
    }
    if (unreserveHighatomic(ac, true)) { // out of retries: the last reserve
      return getPageFromFreelist(ac, flags);
    }
    return -1;
  }

  /**
   * The rest of Linux's __alloc_pages_direct_reclaim once reclaim made progress: try again; if that
   * fails, give back a high-atomic reserve, drain every per-CPU list and try once more.
   */
  private long afterDirectReclaim(AllocContext ac, int flags) {
    long pfn = getPageFromFreelist(ac, flags);
    if (pfn < 0) {
      unreserveHighatomic(ac, false);
      drainAllPages(ac.cpu());
      pfn = getPageFromFreelist(ac, flags);
    }
    return pfn;
  }

  /** Linux's unreserve_highatomic_pageblock: one reserved pageblock, from the first eligible zone that has one. */
  private boolean unreserveHighatomic(AllocContext ac, boolean force) {
    for (Zone z : ac.zonelist()) {
      if (ac.eligible(z) && z.unreserveHighatomic(ac.migratetype(), force)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Linux's __alloc_pages_direct_compact over the zonelist (try_to_compact_pages, 6.12 and 7.3),
   * trying the freelists after each zone: a zone whose compaction is deferred is skipped; one
   * that should now serve the order resets the failed order (compaction_defer_reset), and the
   * zone that served the page clears the deferral; a sync run that completed without one defers
   * the zone's next compactions (defer_compaction).
   */
  private long directCompact(AllocContext ac, int flags, boolean async) {
    stat.compactStall++;
    int order = ac.order();
    for (Zone z : ac.zonelist()) {
      if (!ac.eligible(z) || !z.populated()) {
        continue;
      }
      if (z.compactionDeferred(order)) {
        stat.compactDeferred++;
        continue;
      }
      Compaction.Result status = compaction.compactZone(z, order, ac.migratetype(), ac.highestZone(), async);
      if (status == Compaction.Result.SUCCESS) {
        z.compactionDeferReset(order, false);
      } else if (!async && status == Compaction.Result.COMPLETE) {
        z.deferCompaction(order);
      }
      long pfn = getPageFromFreelist(ac, flags);
      if (pfn >= 0) {
        zoneOf(pfn).compactionDeferReset(order, true);
        stat.compactSuccess++;
        return pfn;
      }
    }
    stat.compactFail++;
    return -1;
  }

  // ---------------------------------------------------------------- free

  /** Frees the allocation at {@code pfn} (Linux's __free_pages) from CPU 0. */
  public void freePages(long pfn) {
    freePages(pfn, 0);
  }

  /** Frees the allocation at {@code pfn} through {@code cpu}'s per-CPU lists. */
  public void freePages(long pfn, int cpu) {
    checkCpu(cpu);
    Zone z = zoneOf(pfn);
    if (z == null || pfn >= owners.size() || !owners.isHead(pfn) || owners.isPcp(pfn)) {
      throw new IllegalArgumentException("pfn " + pfn + " heads no allocation"
          + (z == null ? " (it is in no zone)" : z.isFree(pfn) ? " (it is free)" : ""));
    }
    int order = owners.order(pfn);
    owners.clear(pfn);
    stat.pgfree += 1L << order;
    PerCpuPages pcp = z.pcp(cpu);
    if (pcp == null || !pcp.allowed(order)) {
      z.freeOne(pfn);
      return;
    }
    Migratetype mt = z.pageblockType(pfn);
    if (mt == Migratetype.ISOLATE) {
      z.freeOne(pfn);
      return;
    }
    if (!mt.mergeable()) {
      mt = Migratetype.MOVABLE; // HighAtomic pages go to the movable list, as in free_unref_page
    }
    int pindex = pcp.index(mt, order);
    pcp.push(pindex, pfn, order);
    owners.setPcp(pfn, order, mt);
    freeUnrefPageCommit(z, pcp, order, pindex, cpu);
  }

  /**
   * Linux's free_unref_page_commit (6.12; free_frozen_page_commit in 7.3) after the block is on its
   * list: the free bookkeeping, then nr_pcp_high; at or above it, nr_pcp_free pages go back to the
   * buddy allocator starting with the list just freed to (one free_pcppages_bulk as 6.12 and 6.18
   * do; 7.3 splits it into batches that each start there again), and a zone below its high
   * watermark that is above it again loses ZONE_BELOW_HIGH.
   */
  private void freeUnrefPageCommit(Zone z, PerCpuPages pcp, int order, int pindex, int cpu) {
    boolean freeHigh = pcp.freed(order);
    int high = pcp.nrPcpHigh(z.reclaimActive(), z.belowHigh(), freeHigh);
    if (pcp.count() < high) {
      return;
    }
    freePcpBulk(z, pcp, pcp.nrPcpFree(high, freeHigh), pindex, cpu);
    if (z.belowHigh()
        && Watermarks.zoneWatermarkOk(z.freePages(), 0, z.watermarks().high(), z.lowmemReserve(ZoneType.MOVABLE), 0,
            z.freePages(Migratetype.HIGHATOMIC), 0, z.freeArea())) {
      z.setBelowHigh(false);
    }
  }

  /**
   * Linux's free_pcppages_bulk (6.12, 7.3): at least {@code count} pages (no more than the lists
   * hold), the oldest blocks of list {@code pindex} first until it is empty, then of the next
   * non-empty list round robin; each block through __free_one_page and mm_page_pcpu_drain, on
   * {@code cpu}, the CPU that runs the drain.
   */
  private void freePcpBulk(Zone z, PerCpuPages pcp, int count, int pindex, int cpu) {
    long left = Math.min(pcp.count(), count);
    long freed = 0;
    int list = pindex;
    while (left > 0) {
      list = pcp.nextNonEmpty(list);
      int order = pcp.orderOf(list);
      do {
        long pfn = pcp.takeOldest(list, order);
        assert owners.isPcp(pfn) : "pfn " + pfn + " on a per-CPU list is not marked so";
        owners.clear(pfn);
        int mt = z.pageblockType(pfn).ordinal(); // read before __free_one_page, as the kernel does
        z.freeOne(pfn);
        tracepoints.pcpuDrain(cpu, pfn, order, mt);
        left -= 1L << order;
        freed += 1L << order;
      } while (left > 0 && !pcp.isEmpty(list));
    }
    stat.pcpDrained += freed;
  }

  /** Linux's drain_all_pages: every per-CPU list of every zone back to the buddy allocator, from CPU 0. */
  public void drainAllPages() {
    drainAllPages(0);
  }

  /**
   * Linux's drain_all_pages(NULL) (6.12, 7.3) run on {@code cpu}: drain_pages_zone for every CPU
   * and zone, which empties each list {@code batch << PCP_BATCH_SCALE_MAX} pages at a time.
   */
  private void drainAllPages(int cpu) {
    for (Zone z : zones) {
      drainAllPages(z, cpu);
    }
  }

  /** Linux's drain_all_pages(zone) run on {@code cpu}: drain_pages_zone for every CPU of one zone. */
  void drainAllPages(Zone z, int cpu) {
    for (int c = 0; c < z.cpus(); c++) {
      PerCpuPages pcp = z.pcp(c);
      while (pcp.count() > 0) {
        freePcpBulk(z, pcp, Math.min(pcp.count(), pcp.batch() << PerCpuPages.PCP_BATCH_SCALE_MAX), 0, cpu);
      }
    }
  }

  /**
   * Runs the background work due now: each woken kswapd balances its node; every CPU's
   * vmstat_update (refresh_cpu_vm_stats, every second in Linux) decays its pcp->high and gives
   * back what is above it (decay_pcp_high, 6.12.118 and 7.3: in batches); and each node's
   * kcompactd, whose timer a tick stands for, compacts proactively where kswapd did not run.
   */
  public void tick() {
    Scenario.checkInterrupted(); // a run the live view closed ends at its next tick
    boolean[] kswapdRunning = new boolean[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      kswapdRunning[i] = nodes[i].kswapdOrder >= 0;
    }
    reclaim.runKswapds();
    for (Zone z : zones) {
      for (int c = 0; c < z.cpus(); c++) {
        PerCpuPages pcp = z.pcp(c);
        for (int toDrain = pcp.decayHigh(); toDrain > 0; toDrain -= pcp.batch()) {
          freePcpBulk(z, pcp, Math.min(toDrain, pcp.batch()), 0, c);
        }
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      compaction.proactiveTick(nodes[i], kswapdRunning[i]);
    }
  }

  /** Compacts every zone until it can serve {@code order} (kcompactd's work for that order). */
  public void compactAll(int order) {
    drainAllPages();
    for (Zone z : zones) {
      compaction.compactZone(z, order, Migratetype.MOVABLE, ZoneType.MOVABLE, false);
    }
  }

  /** Compacts every zone until its scanners meet, as writing /proc/sys/vm/compact_memory does. */
  public void compactAll() {
    compactAll(-1);
  }

  Compaction compaction() {
    return compaction;
  }

  // ---------------------------------------------------------------- verify

  /**
   * Checks that every zone's buddy allocator is consistent and that the owner table names exactly
   * the live blocks: one head per live block with its order, per-CPU entries where the lists have
   * them, nothing else. Throws IllegalStateException on the first difference.
   */
  public void verify() {
    long heads = 0;
    for (Zone z : zones) {
      z.area().verify();
      long[] found = {0};
      z.area().forEachLive((unit, size, order, cls) -> {
        long pfn = unit + z.basePfn();
        if (!owners.isHead(pfn) || owners.order(pfn) != order) {
          throw new IllegalStateException(
              "owner table has no order-" + order + " head at live pfn " + pfn + " in " + z);
        }
        found[0]++;
      });
      for (int c = 0; c < z.cpus(); c++) {
        z.pcp(c).forEach(pfn -> {
          if (!owners.isPcp(pfn)) {
            throw new IllegalStateException("pfn " + pfn + " is on a per-CPU list of " + z + " but not marked so");
          }
        });
      }
      heads += found[0];
    }
    long recorded = owners.heads(0, owners.size());
    if (recorded != heads) {
      throw new IllegalStateException(
          "owner table has " + recorded + " heads, the allocators " + heads + " live blocks");
    }
  }
}
