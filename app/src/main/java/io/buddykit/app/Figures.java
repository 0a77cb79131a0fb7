package io.buddykit.app;

import java.util.Locale;

/** How a result's numbers read to people, in the terminal, the report and the live view alike. */
public final class Figures {
  private Figures() {}

  /**
   * Whole numbers as they are; others with four significant digits, but never in scientific
   * notation from 10,000 up (a mean count of 12,904.5 reads {@code 12904.5}, not {@code 1.290e+04});
   * an unbounded value (a projected lifetime with no erase yet) as {@code ∞}, and an undefined one
   * (a ratio with nothing to divide) as {@code -}.
   */
  public static String format(Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      return "-";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "∞" : "-∞";
    }
    if (n instanceof Long || n instanceof Integer || (d == Math.rint(d) && Math.abs(d) < 1e15)) {
      return String.valueOf((long) d);
    }
    if (Math.abs(d) >= 1e4 && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }
}
