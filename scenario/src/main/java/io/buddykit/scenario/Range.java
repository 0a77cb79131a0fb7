package io.buddykit.scenario;

import java.util.function.DoubleFunction;

/**
 * The values a numeric parameter allows: an interval whose ends are each closed, open or absent
 * (an infinite end bounds nothing). Most ranges are closed, {@code [1, 64]}; shares and rates are
 * often {@code (0, 1]} or "more than 0", which inclusive bounds alone cannot say. Whole-number
 * and size bounds are held as doubles, exact up to 2^53.
 */
public record Range(double min, boolean minOpen, double max, boolean maxOpen) {
  public Range {
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("no values between " + min + " and " + max);
    }
  }

  /** {@code [min, max]}. */
  public static Range closed(double min, double max) {
    return new Range(min, false, max, false);
  }

  /** {@code (min, max]}. */
  public static Range openClosed(double min, double max) {
    return new Range(min, true, max, false);
  }

  /** {@code [min, max)}. */
  public static Range closedOpen(double min, double max) {
    return new Range(min, false, max, true);
  }

  /** {@code min} or more. */
  public static Range atLeast(double min) {
    return closed(min, Double.POSITIVE_INFINITY);
  }

  /** More than {@code min}. */
  public static Range greaterThan(double min) {
    return openClosed(min, Double.POSITIVE_INFINITY);
  }

  /** Every value. */
  public static Range all() {
    return closed(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public boolean contains(double v) {
    return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
  }

  public boolean hasMin() {
    return Double.isFinite(min);
  }

  public boolean hasMax() {
    return Double.isFinite(max);
  }

  /**
   * The range in words, each bound written by {@code format}: {@code in (0, 1]}, {@code at least
   * 0}, {@code more than 0}, {@code at most 5}; empty for {@link #all}.
   */
  public String describe(DoubleFunction<String> format) {
    if (hasMin() && hasMax()) {
      return "in " + (minOpen ? "(" : "[") + format.apply(min) + ", " + format.apply(max) + (maxOpen ? ")" : "]");
    }
    if (hasMin()) {
      return (minOpen ? "more than " : "at least ") + format.apply(min);
    }
    if (hasMax()) {
      return (maxOpen ? "less than " : "at most ") + format.apply(max);
    }
    return "";
  }

  /**
   * A bound as a person reads it: large powers of two and of ten as {@code 2^30} and {@code 10^7},
   * else as {@link #format} writes it. For messages and listings, not for text to be read back.
   */
  public static String bound(double v) {
    if (v == Math.rint(v) && v >= 1 << 16 && v < 1e18) {
      long n = (long) v;
      if (Long.bitCount(n) == 1) {
        return "2^" + Long.numberOfTrailingZeros(n);
      }
      String digits = Long.toString(n);
      if (digits.matches("10+")) {
        return "10^" + (digits.length() - 1);
      }
    }
    return format(v);
  }

  /** A number as a person writes it: {@code 16}, not {@code 16.0}; {@code 0.07}. */
  public static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
