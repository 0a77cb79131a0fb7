package io.buddykit.view.report;

import io.buddykit.app.Figures;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The rules that turn a result's tables, series and numbers into charts. They are generic, so a
 * new scenario gets charts without touching the report.
 */
final class Charts {
  private static final String FREE_BLOCKS = "free_blocks_o";
  /** Numeric columns that name a row rather than measure it: a node id is not a bar height. */
  private static final java.util.Set<String> ID_COLUMNS = java.util.Set.of("node", "nid", "cpu", "zone id");

  private Charts() {}

  /**
   * A bar chart of a table, or none when it has no numeric column to plot. The leading columns up
   * to the last text column name a row (a sweep's "load, broker" as much as a policy's "gc, wear
   * rule"), and the numeric columns after them are the bars. A table whose first column is
   * {@code order} is a buddyinfo: free blocks per order, every column at once.
   */
  static Optional<ChartSpec> table(String id, String name, ResultTable t) {
    List<String> cols = t.columns();
    if (cols.isEmpty() || t.rows().isEmpty()) {
      return Optional.empty();
    }
    boolean buddyinfo = cols.getFirst().equals("order");
    int keys = buddyinfo ? 1 : IntStream.range(0, cols.size())
        .filter(c -> !numeric(t, c) || ID_COLUMNS.contains(cols.get(c))).max().orElse(0) + 1;
    List<Integer> values = IntStream.range(keys, cols.size()).filter(c -> numeric(t, c)).boxed().toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<String> categories = t.rows().stream().map(row -> label(row.subList(0, keys))).toList();
    List<ChartSpec.Plot> plots = values.stream()
        .map(c -> new ChartSpec.Plot(cols.get(c), t.rows().stream().map(row -> number(row.get(c))).toList()))
        .toList();
    if (buddyinfo) {
      String y = values.size() == 1 ? cols.get(values.getFirst()) : "free blocks";
      return Optional.of(new ChartSpec(id, "bar", name + ": free blocks per order", "order", y, categories, plots,
          false));
    }
    if (ordersAcross(cols, values)) {
      // /proc/buddyinfo's own shape, a row per zone or stage and a column per order: bars per
      // order, a group per row, so stages can be compared order by order.
      List<ChartSpec.Plot> rows = t.rows().stream()
          .map(row -> new ChartSpec.Plot(label(row.subList(0, keys)),
              values.stream().map(c -> number(row.get(c))).toList()))
          .toList();
      List<String> orders = values.stream().map(c -> cols.get(c).replaceFirst("^o", "")).toList();
      return Optional.of(new ChartSpec(id, "bar", name + ": free blocks per order", "order", "free blocks", orders,
          rows, false));
    }
    // Columns mix units (a ratio beside a count of millions), so one is shown at a time: the first
    // that differs between rows, since a column equal everywhere (often a parameter) shows nothing.
    int shown = values.stream().filter(c -> varies(t, c)).findFirst().orElse(values.getFirst());
    return Optional.of(new ChartSpec(id, "bar", name, String.join(" / ", cols.subList(0, keys)),
        cols.get(shown), categories, plots, values.size() > 1));
  }

  /** A line per y column over x, and for free-block counts per order also their last values as bars. */
  static List<ChartSpec> series(String id, String name, Series s) {
    List<ChartSpec.Plot> lines = new ArrayList<>();
    for (int i = 0; i < s.y().size(); i++) {
      int col = i + 1;
      boolean sentinel = minusOneIsNoValue(s, col);
      lines.add(new ChartSpec.Plot(s.y().get(i), s.points().stream()
          .map(p -> Arrays.asList(p[0], sentinel && p[col] == -1 ? null : number(p[col]))).toList()));
    }
    // Lines of very different sizes (free pages beside a fragmentation index) flatten each other
    // on one axis, so those are shown one at a time like a table's columns.
    boolean single = spread(s) > 50;
    String yName = s.y().size() == 1 || single ? s.y().getFirst() : name;
    List<ChartSpec> out = new ArrayList<>();
    out.add(new ChartSpec(id, "line", name, s.x(), yName, List.of(), lines, single));
    List<Integer> orders = IntStream.range(0, s.y().size()).filter(i -> s.y().get(i).contains(FREE_BLOCKS))
        .boxed().toList();
    if (!orders.isEmpty() && !s.points().isEmpty()) {
      double[] last = s.points().getLast();
      List<String> categories = orders.stream().map(i -> orderOf(s.y().get(i))).toList();
      List<Object> heights = orders.stream().map(i -> number(last[i + 1])).toList();
      out.add(new ChartSpec(id + "/orders", "bar",
          name + ": free blocks per order at " + s.x() + " " + Figures.format(last[0]), "order",
          "free blocks", categories, List.of(new ChartSpec.Plot("free blocks", heights)), false));
    }
    return out;
  }

  /** The section's named numbers as bars: the chart of last resort for a result with nothing else. */
  static ChartSpec numbers(String id, String name, Map<String, Number> numbers) {
    return new ChartSpec(id, "bar", name + ": results", "result", "value", List.copyOf(numbers.keySet()),
        List.of(new ChartSpec.Plot("value", numbers.values().stream().map(Charts::number).toList())), false);
  }

  /**
   * Whether a line of whole numbers uses −1 for "no value here": it is −1 at some points and never
   * below it, as counts with a "not measured" mark are (the watermarks scenario's huge pages
   * between probes). Those points are gaps in the chart, not a count of −1.
   */
  static boolean minusOneIsNoValue(Series s, int col) {
    boolean any = false;
    for (double[] p : s.points()) {
      double v = p[col];
      if (v < -1 || v != Math.rint(v)) {
        return false;
      }
      any |= v == -1;
    }
    return any;
  }

  private static boolean numeric(ResultTable t, int col) {
    return t.rows().stream().allMatch(row -> row.get(col) instanceof Number);
  }

  /** The largest line's size over the smallest's, ignoring lines that stay at zero. */
  private static double spread(Series s) {
    double[] peak = new double[s.y().size()];
    for (double[] p : s.points()) {
      for (int i = 0; i < peak.length; i++) {
        if (Double.isFinite(p[i + 1])) {
          peak[i] = Math.max(peak[i], Math.abs(p[i + 1]));
        }
      }
    }
    double[] nonzero = Arrays.stream(peak).filter(v -> v > 0).toArray();
    return nonzero.length < 2 ? 1 : Arrays.stream(nonzero).max().orElseThrow()
        / Arrays.stream(nonzero).min().orElseThrow();
  }

  /** Whether the value columns are orders 0, 1, 2, ... named "0" or "o0" as buddyinfo's are. */
  private static boolean ordersAcross(List<String> cols, List<Integer> values) {
    if (values.size() < 2) {
      return false;
    }
    for (int i = 0; i < values.size(); i++) {
      String c = cols.get(values.get(i));
      if (!c.equals(Integer.toString(i)) && !c.equals("o" + i)) {
        return false;
      }
    }
    return true;
  }

  /** A row's name from its key cells; long text (a memory map drawn in characters) is cut short. */
  private static String label(List<Object> keys) {
    return String.join(" / ", keys.stream().map(Charts::cell)
        .map(c -> c.length() > 24 ? c.substring(0, 23) + "\u2026" : c).toList());
  }

  private static boolean varies(ResultTable t, int col) {
    return t.rows().stream().map(row -> ((Number) row.get(col)).doubleValue()).distinct().count() > 1;
  }

  /** A category label: "0.3" rather than the tables' "0.3000", as axis labels are short. */
  private static String cell(Object o) {
    if (!(o instanceof Number n)) {
      return String.valueOf(o);
    }
    String s = Figures.format(n);
    return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** JSON has no NaN or infinity; a gap in the chart says "no value" honestly. */
  private static Object number(Object o) {
    if (o instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? n : null;
    }
    return null;
  }

  private static String orderOf(String y) {
    return y.substring(y.indexOf(FREE_BLOCKS) + FREE_BLOCKS.length());
  }
}
