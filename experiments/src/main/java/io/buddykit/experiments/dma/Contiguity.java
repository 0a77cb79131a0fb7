package io.buddykit.experiments.dma;

import java.util.Arrays;

/** Whether pages obtained one by one happen to form one physically contiguous range. */
public final class Contiguity {
  private Contiguity() {}

  /** True when the pfns, in any order, are consecutive numbers with no repeats. */
  public static boolean consecutive(long... pfns) {
    long[] sorted = pfns.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1] + 1) {
        return false;
      }
    }
    return true;
  }

  /** True when the pfns are consecutive and the lowest is a multiple of their count (a power of two). */
  public static boolean consecutiveAndAligned(long... pfns) {
    return consecutive(pfns) && Arrays.stream(pfns).min().orElse(0) % pfns.length == 0;
  }
}
