package io.buddykit.experiments.thp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fully associative LRU TLB driven by uniform random accesses over a working set whose first
 * {@code hugeBytes} are mapped by huge pages and the rest by base pages. Why simulate: with two
 * page sizes the pages are no longer equally likely, and the hit rate is no longer reach over
 * working set, so it is measured.
 */
public final class TlbSimulator {
  /** What a run measured. */
  public record Outcome(double hitRate, long coveredBytes, long accesses) {}

  private final Tlb tlb;

  public TlbSimulator(Tlb tlb) {
    this.tlb = tlb;
  }

  /**
   * Runs {@code warmup} accesses, then {@code accesses} counted ones.
   *
   * @param hugeBytes bytes at the start of the working set mapped by huge pages (rounded down to
   *     whole huge pages)
   * @return the hit rate of the counted accesses and the memory the TLB's entries cover at the end
   */
  public Outcome run(long workingSetBytes, long hugeBytes, long warmup, long accesses, long seed) {
    if (workingSetBytes < tlb.basePageBytes() || hugeBytes < 0 || hugeBytes > workingSetBytes) {
      throw new IllegalArgumentException("working set " + workingSetBytes + " bytes with " + hugeBytes + " huge");
    }
    if (warmup < 0 || accesses < 1) {
      throw new IllegalArgumentException("warmup must be >= 0 and accesses >= 1");
    }
    long huge = hugeBytes / tlb.hugePageBytes() * tlb.hugePageBytes();
    int cap = tlb.entries();
    LinkedHashMap<Long, Long> lru = new LinkedHashMap<>(cap * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
        return size() > cap;
      }
    };
    SplittableRandom random = new SplittableRandom(seed);
    long hits = 0;
    for (long i = 0; i < warmup + accesses; i++) {
      long address = random.nextLong(workingSetBytes);
      long key;
      long size;
      if (address < huge) { // huge translations keyed negative so they never meet base ones
        key = -1 - address / tlb.hugePageBytes();
        size = tlb.hugePageBytes();
      } else {
        key = address / tlb.basePageBytes();
        size = tlb.basePageBytes();
      }
      if (lru.get(key) != null) {
        if (i >= warmup) {
          hits++;
        }
      } else {
        lru.put(key, size);
      }
    }
    long covered = 0;
    for (long s : lru.values()) {
      covered += s;
    }
    return new Outcome((double) hits / accesses, covered, accesses);
  }
}
