package io.buddykit.view.serve;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Zone;
import io.buddykit.sim.proc.VmStatCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows of a memory after one step: free pages, free blocks per order
 * (buddyinfo, summed over zones), the fragmentation indices at {@code fragOrder} (Linux's
 * extfrag and unusable indices x1000, over the summed buddyinfo as {@code MetricsSeries} computes
 * them), free blocks of that order counted in its units, counters, and the {@link MemoryMap}.
 * Built on the run's own thread, since the simulator is single-threaded.
 */
record Snapshot(
    long managedPages,
    long freePages,
    long[] buddyinfo,
    int fragOrder,
    long freeFragBlocks,
    int extfrag,
    int unusable,
    List<Map<String, Object>> zones,
    Map<String, Long> vmstat,
    Map<String, Long> modelCounters,
    MemoryMap map) {

  static Snapshot of(Machine m) {
    long[] sum = new long[m.config().maxOrder() + 1];
    List<Map<String, Object>> zones = new ArrayList<>();
    for (Zone z : m.zones()) {
      long[] row = z.buddyInfo();
      for (int k = 0; k < sum.length; k++) {
        sum[k] += row[k];
      }
      Map<String, Object> zone = new LinkedHashMap<>();
      zone.put("node", z.node().id());
      zone.put("zone", z.type().procName());
      zone.put("freePages", z.freePages());
      zone.put("buddyinfo", row);
      zones.add(zone);
    }
    return of(m.managedPages(), sum, m.config().pageblockOrder(), zones,
        VmStatCounters.linux(m.stat()), VmStatCounters.model(m.stat()), MemoryMap.of(m));
  }

  /** A heap's state; its fragmentation order is Linux's pageblock order 9, or its largest order if smaller. */
  static Snapshot of(BuddyAllocator heap) {
    long managed = heap.units() - heap.reservedUnits();
    return of(managed, heap.buddyInfo(), Math.min(9, heap.maxOrder()), List.of(), Map.of(), Map.of(),
        MemoryMap.of(heap));
  }

  private static Snapshot of(long managed, long[] buddyinfo, int fragOrder, List<Map<String, Object>> zones,
      Map<String, Long> vmstat, Map<String, Long> model, MemoryMap map) {
    long blocks = BuddyInfo.suitableBlocks(buddyinfo, fragOrder);
    return new Snapshot(managed, BuddyInfo.freeUnits(buddyinfo), buddyinfo, fragOrder, blocks,
        Fragmentation.fragmentationIndex(buddyinfo, fragOrder), Fragmentation.unusableFreeIndex(buddyinfo, fragOrder),
        zones, vmstat, model, map);
  }

  /** The JSON fields of the run state this snapshot fills. */
  void putInto(Map<String, Object> state) {
    state.put("managedPages", managedPages);
    state.put("freePages", freePages);
    state.put("buddyinfo", buddyinfo);
    state.put("fragOrder", fragOrder);
    state.put("freeFragBlocks", freeFragBlocks);
    state.put("extfrag", extfrag);
    state.put("unusable", unusable);
    state.put("zones", zones);
    state.put("vmstat", vmstat);
    state.put("modelCounters", modelCounters);
    int[] cells = new int[map.cells().length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = map.cells()[i];
    }
    Map<String, Object> mapJson = new LinkedHashMap<>();
    mapJson.put("cellPages", map.cellPages());
    mapJson.put("states", MemoryMap.STATES);
    mapJson.put("cells", cells);
    mapJson.put("hash", map.hash());
    state.put("map", mapJson);
  }
}
