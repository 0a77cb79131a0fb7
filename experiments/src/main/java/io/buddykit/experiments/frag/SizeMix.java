package io.buddykit.experiments.frag;

import java.util.SplittableRandom;

/** Object sizes drawn log-uniformly from [min, max] bytes, seeded: as many 8-16 B as 1-2 KiB objects. */
public record SizeMix(long min, long max, long seed) {
  public SizeMix {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("object sizes need 1 <= min (" + min + ") <= max (" + max + ")");
    }
  }

  /** {@code n} sizes. */
  public long[] draw(int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double lo = Math.log(min);
    double hi = Math.log(max + 1.0);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.min(max, (long) Math.floor(Math.exp(lo + r.nextDouble() * (hi - lo))));
    }
    return out;
  }
}
