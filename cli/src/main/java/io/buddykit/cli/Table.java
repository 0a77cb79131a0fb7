package io.buddykit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: a header row, then rows. Columns of numbers are right-aligned, others
 * (and the first) left-aligned.
 */
public final class Table {
  /** A cell that reads as a number: digits, sign, point, exponent, ±, %, units after a space. */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile(
          "[-+]?[0-9][0-9.,]*(e[-+]?[0-9]+)?%?( [A-Za-z/]+)?( ± [0-9.]+)?|-|N/A|NaN|Infinity|-?∞");
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  public Table(String... header) {
    columns = header.length;
    rows.add(header);
  }

  public Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] text = new String[columns];
    for (int i = 0; i < columns; i++) {
      text[i] = String.valueOf(cells[i]);
    }
    rows.add(text);
    return this;
  }

  public void print(PrintWriter out) {
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    java.util.Arrays.fill(numeric, true);
    numeric[0] = false;
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
        if (r > 0 && !NUMBER.matcher(row[i]).matches()) {
          numeric[i] = false;
        }
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        if (i > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(width[i] - row[i].length());
        line.append(numeric[i] ? pad + row[i] : row[i] + pad);
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
