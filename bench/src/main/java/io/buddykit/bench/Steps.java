package io.buddykit.bench;

/**
 * Sizing of the precomputed random step sequences the benchmarks walk cyclically (not a benchmark).
 *
 * <p>Each step picks a live slot uniformly at random. A sequence of L independent picks over n slots
 * never reaches a fraction e^(-L/n) of them, and those blocks would sit untouched for the whole run,
 * quietly shrinking the working set (2^20 picks over 2^19 slots miss 13.5%). So a sequence has at
 * least 4n steps (98% of slots reached) and at least 2^20, rounded up to a power of two so the walk
 * wraps with a mask.
 */
final class Steps {

  static final int MIN = 1 << 20;

  private Steps() {}

  /** The sequence length for {@code slots} live slots: a power of two, at least 4 * slots. */
  static int lengthFor(int slots) {
    long want = Math.max(MIN, 4L * slots);
    long len = Long.highestOneBit(want - 1) << 1;
    if (len > 1 << 30) {
      throw new IllegalArgumentException("too many slots: " + slots);
    }
    return (int) len;
  }
}
