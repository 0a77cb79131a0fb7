package io.buddykit.cli;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.Fragmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Memory aging on the core allocator: 65,536 pages (256 MiB of 4 KiB pages) under a seeded churn of
 * mostly small allocations of random lifetimes. Snapshots show the free blocks per order, Linux's
 * fragmentation index for a huge page (order 9) and the unusable free space index drifting as
 * memory ages, and the internal fragmentation of rounded requests.
 */
public final class AgingDemo {
  static final int PAGES = 1 << 16;
  static final int MAX_ORDER = 10;
  static final int HUGE_ORDER = 9;

  /** The state after some steps of churn. */
  public record Snapshot(
      long step, long livePages, long requestedPages, long freePages, long[] buddyInfo,
      int largestFreeOrder, int hugePageFragmentationIndex, int hugePageUnusableIndex,
      long failedAllocations) {}

  private AgingDemo() {}

  public static List<Snapshot> run(long seed, long steps, int snapshots) {
    SplittableRandom r = new SplittableRandom(seed);
    BuddyAllocator a = BuddyAllocator.create(PAGES, MAX_ORDER);
    long[] live = new long[PAGES];
    int nlive = 0;
    long failed = 0;
    List<Snapshot> out = new ArrayList<>();
    out.add(snapshot(a, 0, failed));
    for (long step = 1; step <= steps; step++) {
      // Hold memory near 70% full: allocate when below, free a random victim when above.
      boolean allocate = nlive == 0 || (a.liveUnits() < 0.7 * PAGES && r.nextInt(10) < 7)
          || r.nextInt(10) < 3;
      if (allocate) {
        long pages = r.nextInt(4) == 0 ? r.nextLong(1, 65) : r.nextLong(1, 4);
        long start = a.tryAllocateUnits(pages);
        if (start < 0) {
          failed++;
        } else {
          live[nlive++] = start;
        }
      } else {
        int victim = r.nextInt(nlive);
        a.free(live[victim]);
        live[victim] = live[--nlive];
      }
      if (step % (steps / snapshots) == 0) {
        out.add(snapshot(a, step, failed));
      }
    }
    a.verify();
    return out;
  }

  private static Snapshot snapshot(BuddyAllocator a, long step, long failed) {
    long[] info = a.buddyInfo();
    return new Snapshot(step, a.liveUnits(), a.liveRequestedUnits(), a.freeUnits(), info,
        a.largestFreeOrder(), Fragmentation.fragmentationIndex(info, HUGE_ORDER),
        Fragmentation.unusableFreeIndex(info, HUGE_ORDER), failed);
  }
}
