package io.buddykit.sim.proc;

import io.buddykit.sim.Migratetype;
import io.buddykit.sim.ZoneWatermarks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link MachineSnapshot}, as insertion-ordered maps for {@link JsonWriter}: kept
 * apart from the record so the value stays free of its presentation. Keys are fixed; the CLI and
 * charts depend on them.
 */
final class SnapshotJson {
  private SnapshotJson() {}

  static Map<String, Object> tree(MachineSnapshot s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("pageShift", s.pageShift());
    root.put("maxOrder", s.maxOrder());
    root.put("pageblockOrder", s.pageblockOrder());
    List<Object> types = new ArrayList<>();
    for (Migratetype mt : Migratetype.values()) {
      types.add(mt.procName());
    }
    root.put("migratetypes", types);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("freePages", s.freePages());
    totals.put("managedPages", s.managedPages());
    totals.put("presentPages", s.presentPages());
    totals.put("buddyinfo", s.buddyinfo());
    root.put("totals", totals);
    List<Object> nodes = new ArrayList<>();
    for (int nid = 0; nid < s.nodes(); nid++) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("node", nid);
      List<Object> zones = new ArrayList<>();
      for (ZoneSnapshot z : s.zones(nid)) {
        zones.add(zone(z));
      }
      node.put("zones", zones);
      nodes.add(node);
    }
    root.put("nodes", nodes);
    root.put("vmstat", s.vmstat());
    root.put("modelCounters", s.modelCounters());
    return root;
  }

  private static Map<String, Object> zone(ZoneSnapshot z) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zone", z.name());
    m.put("startPfn", z.startPfn());
    m.put("spannedPages", z.spannedPages());
    m.put("presentPages", z.presentPages());
    m.put("managedPages", z.managedPages());
    m.put("freePages", z.freePages());
    ZoneWatermarks w = z.watermarks();
    Map<String, Object> marks = new LinkedHashMap<>();
    marks.put("min", w.min());
    marks.put("low", w.low());
    marks.put("high", w.high());
    marks.put("promo", w.promo());
    marks.put("boost", z.watermarkBoost());
    m.put("watermarks", marks);
    m.put("protection", z.protection());
    m.put("buddyinfo", z.buddyinfo());
    Map<String, Object> byType = new LinkedHashMap<>();
    Map<String, Object> blocks = new LinkedHashMap<>();
    long[] pageblocks = z.pageblocks();
    for (Migratetype mt : Migratetype.values()) {
      byType.put(mt.procName(), z.pagetypeinfo(mt));
      blocks.put(mt.procName(), pageblocks[mt.ordinal()]);
    }
    m.put("pagetypeinfo", byType);
    m.put("pageblocks", blocks);
    m.put("extfragIndex", z.extfragIndex());
    m.put("unusableIndex", z.unusableIndex());
    return m;
  }
}
