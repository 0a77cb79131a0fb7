package io.buddykit.cli;

import io.buddykit.app.Figures;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints a scenario's result for people: parameters, named numbers, tables and series. */
public final class ResultPrinter {
  /** Rows of a series printed for people; longer series are thinned evenly, keeping the last. */
  static final int MAX_SERIES_ROWS = 20;

  /** Named numbers the tour prints per section; the report has them all. */
  static final int MAX_SUMMARY_NUMBERS = 16;

  private ResultPrinter() {}

  /** The named numbers and the first table: what the tour shows of each section. */
  static void printSummary(PrintWriter out, Result r) {
    Table numbers = new Table("result", "value");
    int shown = 0;
    for (Map.Entry<String, Object> e : r.results().entrySet()) {
      if (e.getValue() instanceof Number n && shown++ < MAX_SUMMARY_NUMBERS) {
        numbers.row(e.getKey(), Figures.format(n));
      }
    }
    if (shown > 0) {
      numbers.print(out);
    }
    if (shown > MAX_SUMMARY_NUMBERS) {
      out.println("(" + (shown - MAX_SUMMARY_NUMBERS) + " more figures in the report)");
    }
    r.results().entrySet().stream().filter(e -> e.getValue() instanceof ResultTable).findFirst().ifPresent(e -> {
      out.println();
      out.println(e.getKey() + ":");
      printTable(out, (ResultTable) e.getValue());
    });
  }

  static void print(PrintWriter out, Result r) {
    out.println("scenario " + r.scenario());
    StringBuilder params = new StringBuilder();
    r.params().forEach((k, v) ->
        params.append(params.isEmpty() ? "" : " ").append(k).append('=').append(Params.text(v)));
    out.println("params   " + params);
    Table numbers = new Table("result", "value");
    boolean any = false;
    for (Map.Entry<String, Object> e : r.results().entrySet()) {
      if (e.getValue() instanceof Number n) {
        numbers.row(e.getKey(), Figures.format(n));
        any = true;
      }
    }
    if (any) {
      out.println();
      numbers.print(out);
    }
    for (Map.Entry<String, Object> e : r.results().entrySet()) {
      if (e.getValue() instanceof ResultTable t) {
        out.println();
        out.println(e.getKey() + ":");
        printTable(out, t);
      }
    }
    for (Map.Entry<String, Series> e : r.series().entrySet()) {
      Series s = e.getValue();
      out.println();
      int every = Math.max(1, (s.points().size() + MAX_SERIES_ROWS - 1) / MAX_SERIES_ROWS);
      out.println(e.getKey() + " (series" + (every > 1
          ? ", one point in " + every + " of " + s.points().size() + "; --json has all" : "") + "):");
      String[] header = new String[s.y().size() + 1];
      header[0] = s.x();
      for (int i = 0; i < s.y().size(); i++) {
        header[i + 1] = s.y().get(i);
      }
      Table table = new Table(header);
      for (int i = 0; i < s.points().size(); i++) {
        if (i % every != 0 && i != s.points().size() - 1) {
          continue;
        }
        double[] p = s.points().get(i);
        Object[] cells = new Object[p.length];
        for (int c = 0; c < p.length; c++) {
          cells[c] = Figures.format(p[c]);
        }
        table.row(cells);
      }
      table.print(out);
    }
  }

  private static void printTable(PrintWriter out, ResultTable t) {
    Table table = new Table(t.columns().toArray(String[]::new));
    for (List<Object> row : t.rows()) {
      table.row(row.stream().map(ResultPrinter::cell).toArray());
    }
    table.print(out);
  }

  private static Object cell(Object o) {
    return o instanceof Number n ? Figures.format(n) : String.valueOf(o);
  }

}
