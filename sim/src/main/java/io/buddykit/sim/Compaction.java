package io.buddykit.sim;

import io.buddykit.core.Fragmentation;
import io.buddykit.core.FreeBlock;

/**
 * Memory compaction as Linux's compact_zone does it: a migrate scanner walks up from the zone
 * start taking movable pages, a free scanner walks down from the zone end finding free pages,
 * each movable page is copied to a free page above and its owner told the new pfn, until a free
 * block of the wanted order exists or the scanners meet.
 *
 * <p>Simplified: no cached scanner positions or skip bits between runs (each run starts at the
 * zone ends), a migration never fails, and the free scanner takes one target block per source
 * page rather than isolating batches.
 */
final class Compaction {
  /** vm.extfrag_threshold: below this index a failure is lack of memory, not fragmentation. */
  static final int EXTFRAG_THRESHOLD = 500;

  /** How a compaction run ended. */
  enum Result {
    /** compaction_suitable said no: too little free memory, or not fragmentation. */
    SKIPPED,
    /** A block of the wanted order is free. */
    SUCCESS,
    /** The scanners met without producing one. */
    COMPLETE
  }

  private final Machine m;

  Compaction(Machine m) {
    this.m = m;
  }

  /**
   * Linux's compaction_suitable: the zone must stay above its watermark (low for costly orders,
   * min otherwise) plus compact_gap, 2 << order pages to migrate into; and for a costly order the
   * fragmentation index must show fragmentation (above extfrag_threshold), not lack of memory.
   */
  boolean suitable(Zone z, int order, ZoneType highest) {
    boolean costly = order > PcpSizing.PAGE_ALLOC_COSTLY_ORDER;
    long mark = z.wmarkPages(costly ? AllocFlags.ALLOC_WMARK_LOW : AllocFlags.ALLOC_WMARK_MIN) + (2L << order);
    if (!m.watermarkOk(z, 0, mark, highest, AllocFlags.ALLOC_CMA)) {
      return false;
    }
    if (costly) {
      int index = Fragmentation.fragmentationIndex(z.buddyInfo(), order);
      return !(index >= 0 && index <= EXTFRAG_THRESHOLD);
    }
    return true;
  }

  /**
   * Compacts {@code z} until an allocation of {@code order} for {@code mt} can be served; with
   * order -1, the whole zone (Linux's is_via_compact_memory).
   *
   * @param async only pageblocks of the request's kind are sources (MIGRATE_ASYNC); otherwise any
   */
  Result compactZone(Zone z, int order, Migratetype mt, ZoneType highest, boolean async) {
    boolean whole = order < 0; // compact_memory: until the scanners meet, no suitability test
    if (!whole && z.orderAvailable(order, mt)) {
      return Result.SUCCESS;
    }
    if (!whole && !suitable(z, order, highest)) {
      return Result.SKIPPED;
    }
    return scan(z, order, mt, async, whole ? () -> false : () -> z.orderAvailable(order, mt));
  }

  /**
   * Linux's skip_isolation_on_order (mm/compaction.c, 6.12 and 7.3): a block of the target order
   * or more is not migrated (a free block of that size would have served the request, so the
   * migration would likely fail), unless the run has no target (compact_memory, proactive); and
   * compaction never moves a block of pageblock order or more, as it makes nothing larger.
   */
  static boolean skipIsolationOnOrder(int blockOrder, int targetOrder, int pageblockOrder) {
    if (targetOrder >= 0 && blockOrder >= targetOrder) {
      return true;
    }
    return blockOrder >= pageblockOrder;
  }

  /**
   * The two scanners over {@code z} until {@code finished} says so after a pageblock (Linux's
   * __compact_finished) or they meet; {@code order} is the target (-1: compact_memory and
   * proactive compaction, which have none).
   */
  private Result scan(Zone z, int order, Migratetype mt, boolean async,
      java.util.function.BooleanSupplier finished) {
    VmStat stat = m.stat();
    OwnerTable owners = m.owners();
    int pbOrder = z.pageblockOrder();
    long pb = 1L << pbOrder;
    long freeCursor = z.endPfn(); // the free scanner looks below this pfn
    for (long block = z.startPfn() & -pb; block < z.endPfn(); block += pb) {
      long blockEnd = Math.min(block + pb, z.endPfn());
      if (freeCursor <= blockEnd) {
        return Result.COMPLETE; // the scanners met
      }
      if (!suitableSource(z.pageblockType(block), mt, async)) {
        continue;
      }
      for (long pfn = Math.max(block, z.startPfn()); pfn < blockEnd; ) {
        long free = z.freeBlockContaining(pfn);
        if (free >= 0) {
          long end = FreeBlock.end(free);
          stat.compactMigrateScanned += end - pfn;
          pfn = end;
          continue;
        }
        stat.compactMigrateScanned++;
        if (!owners.isHead(pfn)) {
          pfn++;
          continue;
        }
        int o = owners.order(pfn);
        if (skipIsolationOnOrder(o, order, pbOrder)) {
          pfn += 1L << o; // isolate_migratepages_block steps over it and scans on
          continue;
        }
        if (owners.isMovable(pfn) && !owners.isPcp(pfn)) {
          long target = findTarget(z, o, blockEnd, freeCursor);
          if (target < 0) {
            return Result.COMPLETE;
          }
          freeCursor = target;
          migrate(z, pfn, target, o);
        }
        pfn += 1L << o;
      }
      if (finished.getAsBoolean()) {
        return Result.SUCCESS;
      }
    }
    return Result.COMPLETE;
  }

  /**
   * Linux's fragmentation_score_zone (mm/compaction.c, 6.12 and 7.3): extfrag_for_order at
   * COMPACTION_HPAGE_ORDER (HPAGE_PMD_ORDER, the pageblock order on x86-64), the percentage of
   * free pages not in free blocks of that order or more; 0 for a zone without free pages.
   */
  static int fragmentationScoreZone(Zone z) {
    long free = z.freePages();
    if (free == 0) {
      return 0;
    }
    int order = z.pageblockOrder();
    long suitable = io.buddykit.core.BuddyInfo.suitableBlocks(z.buddyInfo(), order);
    return (int) ((free - (suitable << order)) * 100 / free);
  }

  /**
   * Linux's fragmentation_score_node: each populated zone's score weighted by its share of the
   * node's present pages, {@code present * score / (node_present + 1)}, summed.
   */
  static int fragmentationScoreNode(Node n) {
    long nodePresent = 0;
    for (Zone z : n.zones()) {
      nodePresent += z.presentPages();
    }
    int score = 0;
    for (Zone z : n.zones()) {
      if (z.populated()) {
        score += (int) (z.presentPages() * fragmentationScoreZone(z) / (nodePresent + 1));
      }
    }
    return score;
  }

  /**
   * Linux's fragmentation_score_wmark: proactive compaction starts above the high mark and stops
   * at the low one, {@code 100 - proactiveness}; high is low plus min(10, low / 2), at most 100.
   */
  static int fragmentationScoreWmark(int proactiveness, boolean low) {
    int wmarkLow = 100 - proactiveness;
    int leeway = Math.min(10, wmarkLow / 2);
    return low ? wmarkLow : Math.min(wmarkLow + leeway, 100);
  }

  /**
   * kcompactd's timer for one node (Linux's kcompactd loop, 6.12 and 7.3), one model tick standing
   * for its HPAGE_FRAG_CHECK_INTERVAL_MSEC: when proactive compaction is on, kswapd is not running
   * and the node's score is above the high mark (should_proactive_compact_node), compact every
   * populated zone until its own score is at the low mark (compact_node with
   * proactive_compaction); a run that did not lower the node's score sleeps
   * 2^COMPACT_MAX_DEFER_SHIFT timeouts.
   */
  void proactiveTick(Node n, boolean kswapdRunning) {
    int proactiveness = m.config().compactionProactiveness();
    if (proactiveness == 0 || kswapdRunning) {
      return;
    }
    if (n.kcompactdSleep > 0) {
      n.kcompactdSleep--;
      return;
    }
    int before = fragmentationScoreNode(n);
    if (before <= fragmentationScoreWmark(proactiveness, false)) {
      return;
    }
    int low = fragmentationScoreWmark(proactiveness, true);
    for (Zone z : n.zones()) {
      if (z.populated()) {
        scan(z, -1, Migratetype.MOVABLE, false, () -> fragmentationScoreZone(z) <= low); // cc->order -1
      }
    }
    m.stat().compactProactive++;
    if (fragmentationScoreNode(n) >= before) {
      n.kcompactdSleep = (1 << Zone.COMPACT_MAX_DEFER_SHIFT) - 1;
    }
  }

  /** Linux's suitable_migration_source: async compaction only empties blocks of the request's kind. */
  private static boolean suitableSource(Migratetype block, Migratetype mt, boolean async) {
    if (block == Migratetype.ISOLATE || block == Migratetype.HIGHATOMIC) {
      return false;
    }
    if (!async) {
      return true;
    }
    return mt == Migratetype.MOVABLE ? block == Migratetype.MOVABLE : block == mt;
  }

  /**
   * The free scanner: the highest free block of {@code order} below {@code cursor} and above the
   * migrate scanner's block, in a pageblock that may take movable pages (suitable_migration_target:
   * a movable pageblock, never a free block of pageblock order or more, which compaction is there
   * to make). Without mobility grouping every pageblock is unmovable by fiat, so any will do.
   * Returns its pfn, or -1 when the scanners meet.
   */
  private long findTarget(Zone z, int order, long floor, long cursor) {
    VmStat stat = m.stat();
    int pbOrder = z.pageblockOrder();
    long p = cursor;
    while (p > floor) {
      long q = p - 1;
      if (z.pageblockType(q) != Migratetype.MOVABLE && m.config().mobilityGrouping()) {
        long blockStart = Math.max(q & -(1L << pbOrder), floor);
        stat.compactFreeScanned += p - blockStart;
        p = blockStart;
        continue;
      }
      long free = z.freeBlockContaining(q);
      if (free < 0) {
        stat.compactFreeScanned++;
        p = q;
        continue;
      }
      long start = FreeBlock.start(free);
      int k = FreeBlock.order(free);
      stat.compactFreeScanned += p - Math.max(start, floor);
      if (k >= order && k < pbOrder && start >= floor) {
        return start + (1L << k) - (1L << order);
      }
      p = Math.max(start, floor);
    }
    return -1;
  }

  /** Copies the block at {@code from} to the free block at {@code to}, moving its owner. */
  private void migrate(Zone z, long from, long to, int order) {
    OwnerTable owners = m.owners();
    assert owners.isMovable(from) && !owners.isPcp(from) : "pfn " + from + " is not a movable allocation";
    if (!z.takeAt(to, order)) {
      throw new IllegalStateException(
          "free scanner chose pfn " + to + " but it is not a free order-" + order + " block");
    }
    int tag = owners.owner(from);
    boolean reclaimable = owners.isReclaimable(from);
    owners.move(from, to);
    z.freeOne(from);
    if (reclaimable) {
      z.node().lru().add(to);
    }
    m.listener().migrated(tag, from, to, order);
    m.stat().pgmigrateSuccess += 1L << order;
  }
}
