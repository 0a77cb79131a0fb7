package io.buddykit.sim.replay;

import java.util.Arrays;

/**
 * Small integer ids for live allocations, reused after release (a stack of free ids), so that a
 * replay keeps per-allocation data in flat arrays indexed by id.
 */
final class Slots {
  private int[] free = new int[1024];
  private int freeCount;
  private int next;

  /** A free id: a released one, or the next new one ({@link #highWater()} - 1). */
  int take() {
    return freeCount > 0 ? free[--freeCount] : next++;
  }

  void release(int id) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = id;
  }

  /** One past the largest id ever handed out: arrays indexed by id need this length. */
  int highWater() {
    return next;
  }

  /** {@code array} grown (doubled) if it is too short for every id handed out. */
  static long[] fit(long[] array, Slots s) {
    return s.next <= array.length ? array : Arrays.copyOf(array, Math.max(s.next, array.length * 2));
  }
}
