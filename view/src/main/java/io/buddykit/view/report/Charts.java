package io.buddykit.view.report;

import io.buddykit.app.Figures;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import io.buddykit.sim.proc.MetricsSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
  /** The longest row label a chart shows whole. */
  private static final int LABEL = 32;
  /** Words a key writes in lower case that a reader writes otherwise: units and acronyms. */
  private static final Map<String, String> WORDS = Map.of("mib", "MiB", "kib", "KiB", "mb", "MB", "dram", "DRAM",
      "nvm", "NVM", "tlb", "TLB", "iv", "IV", "ivs", "IVs", "waf", "WAF", "gfp", "GFP");

  private Charts() {}

  /** A bar chart of a table with no headline columns: the first column that differs is shown first. */
  static Optional<ChartSpec> table(String id, String name, ResultTable t) {
    return table(id, name, t, List.of());
  }

  /**
   * A bar chart of a table, or none when it has no numeric column to plot. The leading columns
   * that name a row (text, or ids such as a node number, up to the first measure after a text
   * column: a sweep's "load, broker" as much as a policy's "gc, wear rule") label the bars, and
   * the numeric columns after them are the bars, but for positions (pfns), which are no quantity.
   * A table whose first column is {@code order} is a buddyinfo: free blocks per order, every
   * column at once. {@code headlines} name the columns shown first (a name ending in '.' stands
   * for every column it starts); without them, the first column that differs between rows.
   */
  static Optional<ChartSpec> table(String id, String name, ResultTable t, List<String> headlines) {
    List<String> cols = t.columns();
    if (cols.isEmpty() || t.rows().isEmpty()) {
      return Optional.empty();
    }
    boolean buddyinfo = cols.getFirst().equals("order");
    int keys = buddyinfo ? 1 : keyColumns(t);
    List<Integer> values = IntStream.range(keys, cols.size())
        .filter(c -> numeric(t, c) && !ID_COLUMNS.contains(cols.get(c)) && !cols.get(c).contains("pfn"))
        .boxed().toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> labels = IntStream.range(0, keys).filter(c -> !drawn(t, c)).boxed().toList();
    List<String> categories = t.rows().stream().map(row -> label(row, labels)).toList();
    List<ChartSpec.Plot> plots = values.stream()
        .map(c -> new ChartSpec.Plot(cols.get(c), t.rows().stream().map(row -> number(row.get(c))).toList()))
        .toList();
    String title = quantity(name);
    if (buddyinfo) {
      String y = values.size() == 1 ? cols.get(values.getFirst()) : "free blocks";
      return Optional.of(new ChartSpec(id, "bar", title + ": free blocks per order", "order", y, categories, plots,
          List.of(), false));
    }
    if (ordersAcross(cols, values)) {
      // /proc/buddyinfo's own shape, a row per zone or stage and a column per order: bars per
      // order, a group per row, so stages can be compared order by order.
      List<ChartSpec.Plot> rows = t.rows().stream()
          .map(row -> new ChartSpec.Plot(label(row, labels), values.stream().map(c -> number(row.get(c))).toList()))
          .toList();
      List<String> orders = values.stream().map(c -> cols.get(c).replaceFirst("^o", "")).toList();
      return Optional.of(new ChartSpec(id, "bar", title + ": free blocks per order", "order", "free blocks", orders,
          rows, List.of(), false));
    }
    // Columns mix units (a ratio beside a count of millions), so only the headline columns are
    // shown at first, one at a time when there is one: the first that differs between rows if no
    // headline is named, since a column equal everywhere (often a parameter) shows nothing.
    List<String> shown = values.stream().map(cols::get).filter(c -> headline(c, headlines)).toList();
    if (shown.isEmpty()) {
      shown = List.of(cols.get(values.stream().filter(c -> varies(t, c)).findFirst().orElse(values.getFirst())));
    }
    String xName = String.join(" / ", labels.stream().map(cols::get).toList());
    return Optional.of(new ChartSpec(id, "bar", title, xName.isEmpty() ? "row" : xName, String.join(", ", shown),
        categories, plots, shown, values.size() > 1 && shown.size() == 1));
  }

  /**
   * How many leading columns name a row: the first column whatever it holds (a sweep's load, a
   * checkpoint's step), then text columns and ids, up to the first measure. A table whose first
   * column is its only name is named by it, so a checkpoint's free pages are a bar, not part of
   * its label.
   */
  static int keyColumns(ResultTable t) {
    List<String> cols = t.columns();
    for (int c = 1; c < cols.size(); c++) {
      if (numeric(t, c) && !ID_COLUMNS.contains(cols.get(c))) {
        return c;
      }
    }
    return cols.size();
  }

  private static boolean headline(String column, List<String> headlines) {
    return headlines.stream().anyMatch(h -> h.endsWith(".") ? column.startsWith(h) : column.equals(h));
  }

  /** A line per y column over x, with no headline line. */
  static List<ChartSpec> series(String id, String name, Series s) {
    return series(id, name, s, List.of());
  }

  /**
   * A line per y column over x, and for free-block counts per order also their last values as bars.
   * When the lines are shown one at a time, the first in {@code headlines} (y column names) is
   * shown first, else the first line.
   */
  static List<ChartSpec> series(String id, String name, Series s, List<String> headlines) {
    List<ChartSpec.Plot> lines = new ArrayList<>();
    for (int i = 0; i < s.y().size(); i++) {
      int col = i + 1;
      boolean sentinel = minusOneIsNoValue(s, col);
      lines.add(new ChartSpec.Plot(quantity(s.y().get(i)), s.points().stream()
          .map(p -> Arrays.asList(p[0], sentinel && p[col] == -1 ? null : number(p[col]))).toList()));
    }
    // Lines of very different sizes (free pages beside a fragmentation index) flatten each other
    // on one axis, so those are shown one at a time like a table's columns.
    boolean single = spread(s) > 50;
    int first = Math.max(0, IntStream.range(0, s.y().size()).filter(i -> headline(s.y().get(i), headlines))
        .findFirst().orElse(0));
    String yName = s.y().size() == 1 || single ? lines.get(first).name() : commonQuantity(name, lines);
    List<ChartSpec> out = new ArrayList<>();
    out.add(new ChartSpec(id, "line", quantity(name), quantity(s.x()), yName, List.of(), lines,
        single ? List.of(lines.get(first).name()) : List.of(), single));
    List<Integer> orders = IntStream.range(0, s.y().size()).filter(i -> s.y().get(i).contains(FREE_BLOCKS))
        .boxed().toList();
    if (!orders.isEmpty() && !s.points().isEmpty()) {
      double[] last = s.points().getLast();
      List<String> categories = orders.stream().map(i -> orderOf(s.y().get(i))).toList();
      List<Object> heights = orders.stream().map(i -> number(last[i + 1])).toList();
      out.add(new ChartSpec(id + "/orders", "bar",
          quantity(name) + ": free blocks per order at " + s.x() + " " + Figures.format(last[0]), "order",
          "free blocks", categories, List.of(new ChartSpec.Plot("free blocks", heights)), List.of(), false));
    }
    return out;
  }

  /**
   * What several lines on one axis measure: their common first word when they share one ("bytes
   * held", "bytes used": bytes), else the series' own name.
   */
  private static String commonQuantity(String name, List<ChartSpec.Plot> lines) {
    String word = lines.getFirst().name().split(" ")[0];
    boolean common = lines.size() > 1 && lines.stream().allMatch(l -> l.name().contains(" ")
        && l.name().split(" ")[0].equals(word));
    return common ? word : quantity(name);
  }

  /** The section's named numbers as bars: the chart of last resort for a result with nothing else. */
  static ChartSpec numbers(String id, String name, Map<String, Number> numbers) {
    return new ChartSpec(id, "bar", name + ": results", "result", "value", List.copyOf(numbers.keySet()),
        List.of(new ChartSpec.Plot("value", numbers.values().stream().map(Charts::number).toList())), List.of(),
        false);
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

  /**
   * A row's name from its key cells: a cell's text up to its first ": " (the rest explains the row,
   * and the table beside the chart has it), and long text cut short.
   */
  private static String label(List<Object> row, List<Integer> keys) {
    return String.join(" / ", keys.stream().map(k -> cell(row.get(k)))
        .map(c -> c.indexOf(": ") > 0 ? c.substring(0, c.indexOf(": ")) : c)
        .map(c -> c.length() > LABEL ? c.substring(0, LABEL - 1) + "\u2026" : c).toList());
  }

  /** Whether a column is drawn in characters (a memory map: long cells without a space), which names nothing. */
  private static boolean drawn(ResultTable t, int col) {
    return t.rows().stream().map(row -> cell(row.get(col))).allMatch(c -> c.length() > LABEL && !c.contains(" "));
  }

  /**
   * A result's key as a quantity a reader names: {@code free_pages} and {@code freePageblocks} as
   * "free pages" and "free pageblocks", a trailing {@code Ns} as "(ns)", units and acronyms in
   * their own case (MiB, DRAM, TLB), and a dotted key's parts joined by commas
   * ({@code ungated.hugePages}: "ungated, huge pages"). The engine's metric columns are named by
   * {@link MetricsSeries#label}. Text that is already words is left as it is.
   */
  static String quantity(String key) {
    if (key.contains(" ")) {
      return key;
    }
    String metric = MetricsSeries.label(key);
    if (metric != null) {
      return metric;
    }
    List<String> parts = new ArrayList<>();
    for (String part : key.split("\\.")) {
      List<String> words = new ArrayList<>(Arrays.asList(
          part.replace('_', ' ').replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split(" ")));
      if (words.size() > 1 && words.getLast().equals("ns")) {
        words.set(words.size() - 1, "(ns)");
      }
      parts.add(String.join(" ", words.stream().map(w -> WORDS.getOrDefault(w, w)).toList()));
    }
    return String.join(", ", parts);
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
