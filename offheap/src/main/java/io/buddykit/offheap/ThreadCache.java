package io.buddykit.offheap;

/**
 * One thread's cache of free objects and small buddy blocks, in the spirit of Linux's per-CPU page
 * lists: a LIFO stack per bin (slab class, or a buddy order below {@link
 * BuddyArena#CACHED_ORDERS}), refilled from the shared pool {@code batch} entries at a time when
 * empty and drained {@code batch} at a time when above {@code high}, so the shared locks are taken
 * once per batch. A block freed by another thread goes to that thread's cache: any cache may hold
 * any free block. Only the owner thread touches a cache, except that a dead owner's cache is
 * drained by whoever trims the arena.
 */
final class ThreadCache {
  final Thread owner;
  final long[][] bins;
  final int[] count;
  /** Per slab class, the slab this thread refills from (SLUB's cpu slab); under the class lock. */
  final Slab[] current;

  // Owner-written counters, summed racily by statistics (exact when the arena is quiet).
  long requestedBytes;
  long grantedBytes;
  long allocations;
  long frees;

  ThreadCache(Thread owner, int binCount, int slabClasses, int high) {
    this.owner = owner;
    this.bins = new long[binCount][high + 1];
    this.count = new int[binCount];
    this.current = new Slab[slabClasses];
  }

  int entries() {
    int n = 0;
    for (int c : count) {
      n += c;
    }
    return n;
  }
}
