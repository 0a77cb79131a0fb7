package io.buddykit.sim.proc;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Node;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole simulated machine at one moment: every zone's {@link ZoneSnapshot} and the event
 * counters. One value that the /proc views format, that {@link #toJson()} writes for {@code
 * buddykit sim --json}, and that charts read, so they never disagree.
 *
 * @param nodes number of nodes (node ids are 0 to nodes - 1)
 * @param pageShift log2 of the page size
 * @param maxOrder the highest order, so every buddyinfo row has maxOrder + 1 entries
 * @param pageblockOrder pageblock_order
 * @param zones every zone with RAM, by node then zone type
 * @param vmstat counters under Linux's /proc/vmstat names ({@link VmStatCounters#linux})
 * @param modelCounters the simulator's counters without a Linux name ({@link
 *     VmStatCounters#model})
 */
public record MachineSnapshot(
    int nodes,
    int pageShift,
    int maxOrder,
    int pageblockOrder,
    List<ZoneSnapshot> zones,
    Map<String, Long> vmstat,
    Map<String, Long> modelCounters) {

  public MachineSnapshot {
    zones = List.copyOf(zones);
    // Map.copyOf would lose the /proc/vmstat order.
    vmstat = Collections.unmodifiableMap(new LinkedHashMap<>(vmstat));
    modelCounters = Collections.unmodifiableMap(new LinkedHashMap<>(modelCounters));
  }

  /** Reads the machine now; pages on per-CPU lists are not drained and do not count as free. */
  public static MachineSnapshot of(Machine m) {
    List<ZoneSnapshot> zones = new ArrayList<>();
    for (Node n : m.nodes()) {
      for (Zone z : n.zones()) {
        zones.add(ZoneSnapshot.of(z));
      }
    }
    MachineConfig c = m.config();
    return new MachineSnapshot(c.nodes(), c.pageShift(), c.maxOrder(), c.pageblockOrder(), zones,
        VmStatCounters.linux(m.stat()), VmStatCounters.model(m.stat()));
  }

  /** The zones of node {@code nid}, lowest first. */
  public List<ZoneSnapshot> zones(int nid) {
    return zones.stream().filter(z -> z.node() == nid).toList();
  }

  /** The zone of {@code type} on node {@code nid}, or null when that node has no such zone. */
  public ZoneSnapshot zone(int nid, ZoneType type) {
    for (ZoneSnapshot z : zones) {
      if (z.node() == nid && z.type() == type) {
        return z;
      }
    }
    return null;
  }

  /** Free blocks per order summed over every zone: the machine's buddyinfo. */
  public long[] buddyinfo() {
    long[] sum = new long[maxOrder + 1];
    for (ZoneSnapshot z : zones) {
      long[] row = z.buddyinfo();
      for (int k = 0; k < sum.length; k++) {
        sum[k] += row[k];
      }
    }
    return sum;
  }

  public long freePages() {
    return zones.stream().mapToLong(ZoneSnapshot::freePages).sum();
  }

  public long managedPages() {
    return zones.stream().mapToLong(ZoneSnapshot::managedPages).sum();
  }

  public long presentPages() {
    return zones.stream().mapToLong(ZoneSnapshot::presentPages).sum();
  }

  /**
   * The snapshot as compact JSON with a fixed key order: {@code pageShift}, {@code maxOrder},
   * {@code pageblockOrder}, {@code migratetypes}, {@code totals}, {@code nodes} (each with its
   * {@code zones}: {@code buddyinfo}, {@code pagetypeinfo}, {@code pageblocks}, watermarks, page
   * counts, {@code extfragIndex} and {@code unusableIndex} x1000), {@code vmstat} and {@code
   * modelCounters}.
   */
  public String toJson() {
    return JsonWriter.write(SnapshotJson.tree(this));
  }
}
