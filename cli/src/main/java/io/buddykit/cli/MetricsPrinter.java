package io.buddykit.cli;

import io.buddykit.app.Figures;
import io.buddykit.app.Json;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a record of measurements, as JSON with its component names as keys or as a two-column
 * table, with any extra named values after it: one rendering for every command that reports one
 * run's metrics. The table may name a metric in words with its unit ({@code labels}) and start
 * with the run's parameters, so that a reader of the terminal needs neither the code nor the
 * command line; JSON keeps the component names.
 */
final class MetricsPrinter {
  private MetricsPrinter() {}

  static void print(PrintWriter out, Record metrics, Map<String, Object> extra, boolean json) {
    print(out, metrics, extra, json, Map.of(), "");
  }

  /**
   * @param labels the table's words for a metric, by component or extra name (others print their name)
   * @param params a line naming the run's parameters, printed above the table ("" for none)
   */
  static void print(PrintWriter out, Record metrics, Map<String, Object> extra, boolean json,
      Map<String, String> labels, String params) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (RecordComponent c : metrics.getClass().getRecordComponents()) {
      all.put(c.getName(), SummaryPrinter.component(metrics, c));
    }
    all.putAll(extra);
    print(out, all, json, labels, params);
  }

  /** Prints named values already gathered (a record's components and extras), as above. */
  static void print(PrintWriter out, Map<String, Object> all, boolean json, Map<String, String> labels,
      String params) {
    if (json) {
      Json.print(out, all);
      return;
    }
    if (!params.isEmpty()) {
      out.println(params);
      out.println();
    }
    Table t = new Table("metric", "value");
    all.forEach((k, v) -> t.row(labels.getOrDefault(k, k), v instanceof Number n ? Figures.format(n) : v));
    t.print(out);
  }
}
