package io.buddykit.app;

import java.util.Locale;

/** How a result's numbers read to people, in the terminal, the report and the live view alike. */
public final class Figures {
  private Figures() {}

  /** Whole numbers as they are; others with four significant digits. */
  public static String format(Number n) {
    double d = n.doubleValue();
    if (n instanceof Long || n instanceof Integer || (d == Math.rint(d) && Math.abs(d) < 1e15)) {
      return String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }
}
