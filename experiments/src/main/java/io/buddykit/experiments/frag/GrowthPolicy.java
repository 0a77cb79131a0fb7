package io.buddykit.experiments.frag;

/**
 * How a dynamic array grows when full: its capacity times {@code factor} (at least one more), and
 * whether it tries to grow without moving (realloc: use the block's rounding slack, else merge with
 * the free buddy) before allocating a new block and copying.
 */
public record GrowthPolicy(double factor, boolean inPlace) {
  public GrowthPolicy {
    if (!(factor > 1) || factor > 16) {
      throw new IllegalArgumentException("growth factor " + factor + " must be in (1, 16]");
    }
  }

  /** The capacity after growing from {@code capacity}. */
  public long next(long capacity) {
    return Math.max(capacity + 1, (long) Math.floor(capacity * factor));
  }

  public String label() {
    String f = factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    return "x" + f + (inPlace ? " in place" : " move");
  }
}
