package io.buddykit.share.cpu;

import io.buddykit.core.BuddyAllocator;

/**
 * The buddy quantum: a request for CPU time is granted the next power of two of time units (a
 * 3 ms request gets a 4 ms slice), and no slice is longer than one frame. The difference is the
 * time-internal fragmentation of the request.
 */
public final class Quantum {
  private Quantum() {}

  /**
   * The slice granted for {@code requestedUnits}: the next power of two. Throws {@link
   * IllegalArgumentException} for less than one unit or more than the frame.
   */
  public static long slice(long requestedUnits, TimeFrame frame) {
    return 1L << order(requestedUnits, frame);
  }

  /** The buddy order of the slice for {@code requestedUnits}. */
  public static int order(long requestedUnits, TimeFrame frame) {
    check(requestedUnits, frame);
    return BuddyAllocator.orderFor(requestedUnits);
  }

  /** Time granted but not asked for: {@code slice - requested}. */
  public static long waste(long requestedUnits, TimeFrame frame) {
    return slice(requestedUnits, frame) - requestedUnits;
  }

  /** Refuses a request that is not 1 to {@code frame.units()} units, saying why. */
  static void check(long requestedUnits, TimeFrame frame) {
    if (requestedUnits < 1) {
      throw new IllegalArgumentException(
          "a CPU-time request must be at least 1 time unit, got " + requestedUnits);
    }
    if (requestedUnits > frame.units()) {
      throw new IllegalArgumentException(
          "a request of " + requestedUnits + " units (" + frame.toMs(requestedUnits)
              + " ms) cannot be placed: a slice is at most one frame of " + frame.units()
              + " units (" + frame.lengthMs() + " ms)");
    }
  }
}
