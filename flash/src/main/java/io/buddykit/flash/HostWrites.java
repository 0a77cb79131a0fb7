package io.buddykit.flash;

import java.util.SplittableRandom;

/** A stream of logical pages for the host to write. */
public interface HostWrites {
  /** The next logical page to write. */
  long next();

  /** Every logical page equally likely. */
  static HostWrites uniform(long pages, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return () -> r.nextLong(pages);
  }

  /**
   * Hot and cold data: {@code hotShare} of the writes go to the first {@code hotFraction} of the
   * space (the seed's example: 20% of the space takes 80% of the writes).
   */
  static HostWrites hotCold(long pages, double hotFraction, double hotShare, long seed) {
    if (hotFraction <= 0 || hotFraction >= 1 || hotShare <= 0 || hotShare >= 1) {
      throw new IllegalArgumentException("hot fraction and share must be in (0, 1)");
    }
    SplittableRandom r = new SplittableRandom(seed);
    long hot = Math.max(1, (long) (pages * hotFraction));
    return () -> r.nextDouble() < hotShare ? r.nextLong(hot) : hot + r.nextLong(pages - hot);
  }

  /** Pages in order, wrapping at the end: one long sequential stream. */
  static HostWrites sequential(long pages) {
    long[] next = {0};
    return () -> {
      long p = next[0];
      next[0] = (p + 1) % pages;
      return p;
    };
  }

  /** By name: uniform, hotcold or seq. */
  static HostWrites named(String name, long pages, long seed) {
    return switch (name) {
      case "uniform" -> uniform(pages, seed);
      case "hotcold" -> hotCold(pages, 0.2, 0.8, seed);
      case "seq" -> sequential(pages);
      default -> throw new IllegalArgumentException("unknown workload '" + name + "' (uniform, hotcold, seq)");
    };
  }
}
