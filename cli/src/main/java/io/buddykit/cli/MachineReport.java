package io.buddykit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buddykit.app.Json;
import io.buddykit.sim.Machine;
import io.buddykit.sim.proc.BuddyInfoView;
import io.buddykit.sim.proc.ExtfragView;
import io.buddykit.sim.proc.MachineSnapshot;
import io.buddykit.sim.proc.PagetypeInfoView;
import io.buddykit.sim.proc.ZoneInfoView;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The end of a simulator run as Linux shows it: /proc/buddyinfo, /proc/pagetypeinfo, the
 * watermark lines of /proc/zoneinfo, debugfs extfrag_index and unusable_index, then a summary;
 * or all of it as one JSON object (the machine snapshot plus {@code summary}).
 */
final class MachineReport {
  private MachineReport() {}

  static void print(PrintWriter out, Machine m, Map<String, Object> summary, boolean json) {
    if (json) {
      Json.print(out, json(m, summary));
      return;
    }
    section(out, "/proc/buddyinfo", BuddyInfoView.render(m));
    section(out, "/proc/pagetypeinfo", PagetypeInfoView.render(m));
    section(out, "/proc/zoneinfo (watermarks)", ZoneInfoView.render(m));
    section(out, "/sys/kernel/debug/extfrag/extfrag_index", ExtfragView.extfragIndex(m));
    section(out, "/sys/kernel/debug/extfrag/unusable_index", ExtfragView.unusableIndex(m));
    out.println("== summary");
    Table t = new Table("what", "value");
    summary.forEach((k, v) -> SummaryPrinter.rows(t, k, v));
    t.print(out);
  }

  /** The snapshot's JSON with {@code summary} added. */
  static ObjectNode json(Machine m, Map<String, Object> summary) {
    try {
      ObjectNode node = (ObjectNode) Json.mapper().readTree(MachineSnapshot.of(m).toJson());
      // The per-zone arrays again, keyed by node and zone, for scripts that want only those.
      for (String key : new String[] {"buddyinfo", "extfragIndex", "unusableIndex"}) {
        ObjectNode byNode = node.putObject(key);
        for (var n : node.get("nodes")) {
          ObjectNode zones = byNode.putObject(n.get("node").asText());
          for (var z : n.get("zones")) {
            zones.set(z.get("zone").asText(), z.get(key));
          }
        }
      }
      node.set("summary", Json.mapper().valueToTree(summary));
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("machine snapshot is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static void section(PrintWriter out, String title, String text) {
    out.println("== " + title);
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.println();
  }
}
