package io.buddykit.experiments.frag;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.Series;

/**
 * Several dynamic arrays of 8-byte elements appended round-robin on one buddy heap, so that one
 * array's buddy is often another's block. Measures, over the appends, the bytes the heap holds
 * against the bytes in use: time averages, the peak, and the copying the growth cost.
 */
public final class ArrayGrowthRun {
  /** Bytes per element. */
  public static final long ELEMENT_BYTES = 8;

  /** What one policy cost over the run, in elements (units) unless named bytes. */
  public record Outcome(GrowthPolicy policy, long appendsPerArray, int arrays, GrowthStats stats,
      double meanGrantedUnits, double meanCapacityUnits, double meanUsedUnits, long finalGrantedUnits,
      long finalUsedUnits, Series series) {
    /** Time-average bytes held over bytes used. */
    public double grantedOverUsed() {
      return meanGrantedUnits / meanUsedUnits;
    }

    public double capacityOverUsed() {
      return meanCapacityUnits / meanUsedUnits;
    }

    public long bytesCopied() {
      return stats.elementsCopied() * ELEMENT_BYTES;
    }

    public long peakBytes() {
      return stats.peakUnits() * ELEMENT_BYTES;
    }
  }

  private ArrayGrowthRun() {}

  /** Appends {@code appends} elements to each of {@code arrays} arrays, taking turns. */
  public static Outcome run(GrowthPolicy policy, long appends, int arrays, int samples) {
    long cap = 1;
    while (cap < appends) {
      cap = policy.next(cap);
    }
    int order = BuddyAllocator.orderFor(cap);
    int spread = BuddyAllocator.orderFor(4L * arrays); // room for every array's largest block, a move, and holes
    BuddyAllocator heap = BuddyAllocator.create(1L << (order + spread), order + spread);
    GrowthStats stats = new GrowthStats();
    DynamicArray[] a = new DynamicArray[arrays];
    for (int i = 0; i < arrays; i++) {
      a[i] = new DynamicArray(heap, policy, stats);
    }
    long total = appends * arrays;
    long step = Math.max(1, total / Math.max(1, samples));
    Series.Builder series = Series.builder("appends", "bytes held", "bytes of capacity", "bytes used");
    double granted = 0;
    double capacity = 0;
    long capNow = 0;
    long t = 0;
    for (long round = 0; round < appends; round++) {
      for (DynamicArray d : a) {
        long before = d.capacity();
        d.append();
        capNow += d.capacity() - before;
        t++;
        granted += heap.liveUnits();
        capacity += capNow;
        if (t % step == 0 || t == total) {
          series.point(t, heap.liveUnits() * ELEMENT_BYTES, capNow * ELEMENT_BYTES, t * ELEMENT_BYTES);
        }
      }
    }
    double used = total * (total + 1) / 2.0; // the t-th append leaves t elements in use
    return new Outcome(policy, appends, arrays, stats, granted / total, capacity / total, used / total,
        heap.liveUnits(), total, series.build());
  }
}
