package io.buddykit.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One NUMA node (Linux's pglist_data): its zones, its CPUs, its LRU of reclaimable pages and its
 * kswapd's pending request.
 */
public final class Node {
  private final int id;
  private final Zone[] zones = new Zone[ZoneType.values().length];
  private List<Zone> present = List.of();
  private final int firstCpu;
  private final int cpus;
  private final Lru lru;
  /** kswapd_order and kswapd_highest_zoneidx: what the sleeping kswapd was woken for; -1 none. */
  int kswapdOrder = -1;
  ZoneType kswapdHighest = ZoneType.DMA;
  /** kcompactd's timeouts still to sleep after a proactive run that made no progress. */
  int kcompactdSleep;

  Node(int id, int firstCpu, int cpus, OwnerTable owners) {
    this.lru = new Lru(pfn -> owners.isHead(pfn) && owners.isReclaimable(pfn) && !owners.isPcp(pfn));
    this.id = id;
    this.firstCpu = firstCpu;
    this.cpus = cpus;
  }

  public int id() {
    return id;
  }

  /** The zone of {@code type}, or null when the node has none. */
  public Zone zone(ZoneType type) {
    return zones[type.ordinal()];
  }

  /** The node's zones, lowest first. */
  public List<Zone> zones() {
    return present;
  }

  void setZone(Zone z) {
    zones[z.type().ordinal()] = z;
    List<Zone> list = new ArrayList<>();
    for (Zone each : zones) {
      if (each != null) {
        list.add(each);
      }
    }
    present = Collections.unmodifiableList(list);
  }

  public int firstCpu() {
    return firstCpu;
  }

  public int cpus() {
    return cpus;
  }

  Lru lru() {
    return lru;
  }

  /** Free pages over the node's zones. */
  public long freePages() {
    long n = 0;
    for (Zone z : zones()) {
      n += z.freePages();
    }
    return n;
  }

  /** Managed pages over the node's zones. */
  public long managedPages() {
    long n = 0;
    for (Zone z : zones()) {
      n += z.managedPages();
    }
    return n;
  }
}
