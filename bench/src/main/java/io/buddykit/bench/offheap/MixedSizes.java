package io.buddykit.bench.offheap;

import java.util.SplittableRandom;

/**
 * The mixed request-size distribution of the off-heap benchmarks (not a benchmark): 60% uniform in
 * 64..512 B, 30% in 1..16 KiB, 9% in (16 KiB, 256 KiB], 1% in (256 KiB, 1 MiB]. Mean about 22 KB;
 * sizes are drawn ahead of time from a seeded {@link SplittableRandom} so that every peer sees the
 * same sequence.
 */
final class MixedSizes {

  static final int KIB = 1024;
  static final int MAX = 1024 * KIB;

  private MixedSizes() {}

  /** One size of the distribution. */
  static int next(SplittableRandom rnd) {
    int p = rnd.nextInt(100);
    if (p < 60) {
      return rnd.nextInt(64, 512 + 1);
    } else if (p < 90) {
      return rnd.nextInt(KIB, 16 * KIB + 1);
    } else if (p < 99) {
      return rnd.nextInt(16 * KIB + 1, 256 * KIB + 1);
    } else {
      return rnd.nextInt(256 * KIB + 1, MAX + 1);
    }
  }

  /** {@code n} sizes of the distribution from {@code seed}. */
  static int[] sizes(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = next(rnd);
    }
    return s;
  }
}
