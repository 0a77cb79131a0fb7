package io.buddykit.cli;

import io.buddykit.app.Figures;
import io.buddykit.app.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a record of measurements, as JSON with its component names as keys or as a two-column
 * table, with any extra named values after it: one rendering for every command that reports one
 * run's metrics.
 */
final class MetricsPrinter {
  private MetricsPrinter() {}

  static void print(PrintWriter out, Record metrics, Map<String, Object> extra, boolean json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> all = Json.mapper().convertValue(metrics, LinkedHashMap.class);
    all.putAll(extra);
    if (json) {
      Json.print(out, all);
      return;
    }
    Table t = new Table("metric", "value");
    all.forEach((k, v) -> t.row(k, v instanceof Number n ? Figures.format(n) : v));
    t.print(out);
  }
}
