package io.buddykit.scenario;

import java.util.ArrayList;
import java.util.List;

/** A table of a result: named columns and rows of numbers or text. */
public record ResultTable(List<String> columns, List<List<Object>> rows) {

  public ResultTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Builds a table row by row. */
  public static Builder builder(String... columns) {
    return new Builder(List.of(columns));
  }

  /** Collects rows; each must have one cell per column. */
  public static final class Builder {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    public Builder row(Object... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException("row of " + cells.length + " cells for " + columns.size() + " columns");
      }
      rows.add(List.of(cells));
      return this;
    }

    public ResultTable build() {
      return new ResultTable(columns, rows);
    }
  }
}
