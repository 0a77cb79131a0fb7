package io.buddykit.experiments.numa;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import io.buddykit.trace.memory.GfpBits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed's high-order protection: a request below {@code protectOrder} that could only be
 * served locally by splitting a free block of order {@code protectOrder} or more goes to the
 * nearest remote node that has a smaller block that fits (and stays above its low watermark),
 * paying remote latency to keep the local huge-page-sized blocks whole. Otherwise it is local
 * first, as {@link LocalFirst}.
 *
 * <p>The decision reads each node's free lists ({@link Zone#buddyInfo(Migratetype)}) of the
 * request's migratetype, the lists {@code __rmqueue_smallest} takes from, in the zone of that node
 * the zonelist walk would serve the request from (the first one its watermark lets through).
 */
public final class ProtectHighOrders implements NumaPolicy {
  private final int protectOrder;
  private final long scarce;
  private long sentRemote;

  /** The seed's rule: always protect. @param protectOrder the smallest order worth protecting */
  public ProtectHighOrders(int protectOrder) {
    this(protectOrder, Long.MAX_VALUE);
  }

  /**
   * @param protectOrder the smallest order worth protecting (9: a 2 MiB huge page)
   * @param scarce protect only while the local node has at most this many free blocks of that
   *     order (larger ones counted in its units); {@link Long#MAX_VALUE} for always
   */
  public ProtectHighOrders(int protectOrder, long scarce) {
    if (protectOrder < 1) {
      throw new IllegalArgumentException("protect order must be >= 1, got " + protectOrder);
    }
    if (scarce < 0) {
      throw new IllegalArgumentException("scarcity threshold must be >= 0, got " + scarce);
    }
    this.protectOrder = protectOrder;
    this.scarce = scarce;
  }

  @Override
  public String name() {
    return scarce == Long.MAX_VALUE ? "protect-high-orders" : "protect-when-scarce";
  }

  public int protectOrder() {
    return protectOrder;
  }

  /** Requests sent to a remote node to spare a local high-order block. */
  public long sentRemote() {
    return sentRemote;
  }

  @Override
  public long allocate(Machine machine, Gfp gfp, int order, int cpu, int tag) {
    int local = machine.nodeOfCpu(cpu);
    int remote = remoteChoice(machine, gfp, order, local);
    if (remote >= 0) {
      PageRequest thisNode = PageRequest.of(gfp.with(GfpBits.__GFP_THISNODE), order).onCpu(cpu).preferNode(remote);
      long pfn = machine.allocPages(thisNode.tagged(tag));
      if (pfn >= 0) {
        sentRemote++;
        return pfn;
      }
    }
    return machine.allocPages(PageRequest.of(gfp, order).onCpu(cpu).preferNode(local).tagged(tag));
  }

  @Override
  public int hugePageNode(Machine machine, int cpu) {
    return machine.nodeOfCpu(cpu);
  }

  /**
   * The remote node to serve the request from instead of splitting a local block of order
   * {@code >= protectOrder}, or -1 to stay local.
   */
  public int remoteChoice(Machine machine, Gfp gfp, int order, int local) {
    if (order >= protectOrder) {
      return -1;
    }
    Migratetype mt = gfp.migratetype();
    Zone here = servingZone(machine, local, gfp.highestZone(), order);
    if (here == null) {
      return -1; // the local node cannot serve it at all: the zonelist falls back by distance
    }
    int localFit = smallestFit(here.buddyInfo(mt), order);
    if (localFit >= 0 && localFit < protectOrder) {
      return -1; // a local block below the protected orders fits: no huge block is split
    }
    if (localFit < 0 && smallestFit(here.buddyInfo(), protectOrder) < 0) {
      return -1; // a fallback steal could split only small blocks of other types
    }
    if (scarce != Long.MAX_VALUE && freeHighBlocks(machine, local) > scarce) {
      return -1; // plenty of huge blocks here: splitting one costs little
    }
    MachineConfig c = machine.config();
    List<Integer> others = new ArrayList<>();
    for (int n = 0; n < c.nodes(); n++) {
      if (n != local) {
        others.add(n);
      }
    }
    others.sort(Comparator.<Integer>comparingInt(n -> c.distance(local, n)).thenComparingInt(n -> n));
    for (int n : others) {
      Zone there = servingZone(machine, n, gfp.highestZone(), order);
      if (there == null) {
        continue;
      }
      int fit = smallestFit(there.buddyInfo(mt), order);
      if (fit >= 0 && fit < protectOrder) {
        return n;
      }
    }
    return -1;
  }

  /** Free blocks of order >= protectOrder on node {@code nid}, counted in protectOrder blocks. */
  private long freeHighBlocks(Machine machine, int nid) {
    long n = 0;
    for (Zone z : machine.node(nid).zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), protectOrder);
    }
    return n;
  }

  /** The smallest order {@code >= order} with a free block in {@code buddyInfo}, or -1. */
  static int smallestFit(long[] buddyInfo, int order) {
    for (int k = order; k < buddyInfo.length; k++) {
      if (buddyInfo[k] > 0) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The zone of node {@code nid} that would serve an allocation of {@code order}: the first in
   * the node's zonelist within {@code highest} whose low watermark (plus the reserve it keeps
   * from such requests) allows it and that has a free block of that order or more; null if none.
   */
  static Zone servingZone(Machine machine, int nid, ZoneType highest, int order) {
    for (Zone z : machine.zonelists().zonelist(nid, true)) {
      if (z.type().ordinal() > highest.ordinal() || !z.populated()) {
        continue;
      }
      boolean watermarkOk = z.freePages() - (1L << order) >= z.watermarks().low() + z.lowmemReserve(highest);
      if (watermarkOk && smallestFit(z.buddyInfo(), order) >= 0) {
        return z;
      }
    }
    return null;
  }
}
