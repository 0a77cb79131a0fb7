package io.buddykit.share.cpu;

/**
 * A frame of CPU time: {@code units} time units of {@code unitMs} milliseconds each. The number of
 * units is a power of two, so that the whole frame is one buddy block of order {@link #maxOrder()}.
 * All scheduling works in whole units; milliseconds appear only at the edges.
 */
public record TimeFrame(int units, double unitMs) {

  /** Largest frame, in units. */
  public static final int MAX_UNITS = 1 << 20;

  public TimeFrame {
    if (units < 1 || units > MAX_UNITS || Integer.bitCount(units) != 1) {
      throw new IllegalArgumentException(
          "a frame must be a power of two of time units in [1, " + MAX_UNITS + "], got " + units);
    }
    if (!(unitMs > 0) || !Double.isFinite(unitMs)) {
      throw new IllegalArgumentException("the time unit must be a positive number of ms, got " + unitMs);
    }
  }

  /** A frame of {@code frameMs} ms in units of 1 ms (the default: 16 ms). */
  public static TimeFrame ofMs(int frameMs) {
    return new TimeFrame(frameMs, 1.0);
  }

  /**
   * A frame of {@code frameMs} ms in units of {@code unitMs} ms; {@code frameMs / unitMs} must be a
   * whole power of two.
   */
  public static TimeFrame ofMs(double frameMs, double unitMs) {
    if (!(frameMs > 0) || !(unitMs > 0) || !Double.isFinite(frameMs) || !Double.isFinite(unitMs)) {
      throw new IllegalArgumentException(
          "frame and unit must be positive ms, got frame " + frameMs + " ms, unit " + unitMs + " ms");
    }
    double n = frameMs / unitMs;
    long units = Math.round(n);
    if (Math.abs(n - units) > 1e-9 * Math.max(1, n) || units < 1 || units > MAX_UNITS
        || Long.bitCount(units) != 1) {
      throw new IllegalArgumentException(
          "a frame of " + frameMs + " ms in units of " + unitMs + " ms is " + n
              + " units: it must be a whole power of two in [1, " + MAX_UNITS + "]");
    }
    return new TimeFrame((int) units, unitMs);
  }

  /** The buddy order of the whole frame: log2(units). */
  public int maxOrder() {
    return Integer.numberOfTrailingZeros(units);
  }

  /** The frame's length in ms. */
  public double lengthMs() {
    return units * unitMs;
  }

  /** Whole units needed for {@code ms} of CPU time (rounded up; at least 1). */
  public long unitsFor(double ms) {
    if (!(ms > 0) || !Double.isFinite(ms)) {
      throw new IllegalArgumentException("a request must be a positive number of ms, got " + ms);
    }
    double n = ms / unitMs;
    long whole = Math.round(n);
    return Math.abs(n - whole) <= 1e-9 * Math.max(1, n) ? Math.max(1, whole) : (long) Math.ceil(n);
  }

  /** {@code n} units in ms. */
  public double toMs(long n) {
    return n * unitMs;
  }
}
