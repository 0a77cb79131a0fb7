package io.buddykit.sim;

import java.util.List;

/**
 * Page reclaim: each node's kswapd, woken when an allocation finds a zone below its low watermark
 * and run by {@link Machine#tick()} until the node is balanced at the high watermark, then
 * kcompactd for a high-order wakeup; and direct reclaim of SWAP_CLUSTER_MAX pages by a request
 * that may block. What is reclaimable is page cache: allocations made with {@code reclaimable}.
 * Anonymous memory is not reclaimed (no swap in the model).
 */
final class Reclaim {
  /** Pages reclaimed per pass (SWAP_CLUSTER_MAX). */
  static final int SWAP_CLUSTER_MAX = 32;

  private final Machine m;

  Reclaim(Machine m) {
    this.m = m;
  }

  /** Linux's wake_all_kswapds: wakes the kswapd of every node in the zonelist not yet balanced. */
  void wakeKswapds(AllocContext ac) {
    int order = ac.order();
    ZoneType highest = ac.highestZone();
    Node last = null;
    for (Zone z : ac.zonelist()) {
      Node n = z.node();
      if (n == last || !ac.eligible(z)) { // for_each_zone_zonelist(.., highest)
        continue;
      }
      last = n;
      wakeKswapd(n, order, highest);
    }
  }

  /**
   * Linux's wakeup_kswapd: records the order and highest zone kswapd is woken for, unless the
   * node is balanced for them and none of its eligible zones has a boost to reclaim
   * (pgdat_watermark_boosted).
   */
  void wakeKswapd(Node n, int order, ZoneType highest) {
    if (balanced(n, order, highest) && !boosted(n, highest)) {
      return;
    }
    if (n.kswapdOrder < 0) {
      m.stat().kswapdWake++;
    }
    n.kswapdOrder = Math.max(n.kswapdOrder, order);
    if (highest.ordinal() > n.kswapdHighest.ordinal()) {
      n.kswapdHighest = highest;
    }
  }

  private static boolean boosted(Node n, ZoneType highest) {
    for (Zone z : n.zones()) {
      if (z.type().ordinal() <= highest.ordinal() && z.watermarkBoost() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Linux's pgdat_balanced: some eligible zone meets its high watermark for {@code order}; a node
   * with no eligible zone needs no balancing.
   */
  boolean balanced(Node n, int order, ZoneType highest) {
    boolean eligible = false;
    for (Zone z : n.zones()) {
      if (z.type().ordinal() <= highest.ordinal() && z.populated()) {
        eligible = true;
        if (m.watermarkOk(z, order, z.wmarkPages(AllocFlags.ALLOC_WMARK_HIGH), highest, 0)) {
          return true;
        }
      }
    }
    return !eligible;
  }

  /**
   * Linux's balance_pgdat for every woken kswapd (6.12 and 7.3): reclaim until the node is
   * balanced at the (boosted) high mark; a node already balanced but boosted reclaims the boost
   * itself (nr_boost_reclaim), and at the end each zone's boost is taken off by what it was when
   * kswapd started and kcompactd is woken at pageblock order. Then kcompactd for a high-order
   * wakeup.
   */
  void runKswapds() {
    for (Node n : m.nodes()) {
      if (n.kswapdOrder < 0) {
        continue;
      }
      int order = n.kswapdOrder;
      ZoneType highest = n.kswapdHighest;
      n.kswapdOrder = -1;
      n.kswapdHighest = ZoneType.DMA;
      List<Zone> eligible = n.zones().stream()
          .filter(z -> z.type().ordinal() <= highest.ordinal() && z.populated()).toList();
      long[] zoneBoosts = eligible.stream().mapToLong(Zone::watermarkBoost).toArray();
      long boostReclaim = java.util.Arrays.stream(zoneBoosts).sum();
      boolean boosted = boostReclaim > 0;
      if (!balanced(n, order, highest)) {
        boostReclaim = 0; // imbalanced: ordinary reclaim, the boost waits for the next wakeup
      }
      int balanceOrder = order;
      long reclaimed = 0;
      setReclaimActive(n, highest, true);
      while (boostReclaim > 0 || !balanced(n, balanceOrder, highest)) {
        long r = shrink(n, SWAP_CLUSTER_MAX, highest);
        if (r == 0) {
          break;
        }
        reclaimed += r;
        boostReclaim -= Math.min(boostReclaim, r);
        m.stat().pgstealKswapd += r;
        if (balanceOrder > 0 && reclaimed >= (2L << balanceOrder)) {
          balanceOrder = 0; // kswapd_shrink_node: enough for compaction, now balance order 0
        }
      }
      setReclaimActive(n, highest, false);
      if (boosted) {
        for (int i = 0; i < zoneBoosts.length; i++) {
          eligible.get(i).reduceBoost(zoneBoosts[i]);
        }
      }
      int compactOrder = boosted ? Math.max(order, eligible.getFirst().pageblockOrder()) : order;
      if (compactOrder > 0) {
        kcompactd(eligible, compactOrder, highest);
      }
    }
  }

  /** Linux's kcompactd_do_work for a wakeup at {@code order}: each zone that cannot serve it. */
  private void kcompactd(List<Zone> eligible, int order, ZoneType highest) {
    m.stat().compactDaemonWake++;
    for (Zone z : eligible) {
      if (!z.orderAvailable(order, Migratetype.MOVABLE)) {
        Compaction.Result r = m.compaction().compactZone(z, order, Migratetype.MOVABLE, highest, false);
        if (r == Compaction.Result.COMPLETE) { // kcompactd_do_work (6.12, 7.3): pages stranded on pcps
          m.drainAllPages(z, z.node().firstCpu());
        }
      }
    }
  }

  /**
   * Linux's set_reclaim_active / clear_reclaim_active (mm/vmscan.c, 6.12 and 7.3): while kswapd
   * balances a node, its populated zones up to {@code highest} carry ZONE_RECLAIM_ACTIVE, which
   * keeps frees from filling the per-CPU lists (nr_pcp_high).
   */
  private static void setReclaimActive(Node n, ZoneType highest, boolean on) {
    for (Zone z : n.zones()) {
      if (z.type().ordinal() <= highest.ordinal() && z.populated()) {
        z.setReclaimActive(on);
      }
    }
  }

  /**
   * Direct reclaim: SWAP_CLUSTER_MAX pages from the nodes of the zonelist, nearest first, taking
   * only pages in zones the request may use.
   */
  long direct(AllocContext ac) {
    m.stat().allocstall++;
    long r = 0;
    Node last = null;
    for (Zone z : ac.zonelist()) {
      if (z.node() == last || !ac.eligible(z)) {
        continue;
      }
      last = z.node();
      r += shrink(last, SWAP_CLUSTER_MAX - r, ac.highestZone());
      if (r >= SWAP_CLUSTER_MAX) {
        break;
      }
    }
    m.stat().pgstealDirect += r;
    return r;
  }

  /**
   * Reclaims up to {@code nr} pages from the oldest end of the node's LRU, in zones up to
   * {@code highest} (Linux's sc->reclaim_idx); returns pages freed. Pages of higher zones are
   * skipped and go back on the list (at its young end: the model's LRU is a ring).
   */
  private long shrink(Node n, long nr, ZoneType highest) {
    OwnerTable owners = m.owners();
    long freed = 0;
    int left = n.lru().size(); // each entry is looked at once per call
    long[] skipped = new long[16];
    int skippedCount = 0;
    while (freed < nr && left-- > 0) {
      long pfn = n.lru().pollOldest();
      if (pfn < 0) {
        break;
      }
      if (m.zoneOf(pfn).type().ordinal() > highest.ordinal()) {
        if (skippedCount == skipped.length) {
          skipped = java.util.Arrays.copyOf(skipped, skippedCount * 2);
        }
        skipped[skippedCount++] = pfn;
        continue;
      }
      int order = owners.order(pfn);
      m.listener().reclaimed(owners.owner(pfn), pfn, order);
      m.freePages(pfn, n.firstCpu());
      freed += 1L << order;
    }
    for (int i = 0; i < skippedCount; i++) {
      n.lru().add(skipped[i]);
    }
    return freed;
  }
}
