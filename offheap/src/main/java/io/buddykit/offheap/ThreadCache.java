package io.buddykit.offheap;

/**
 * One thread's cache of free objects and small buddy blocks, in the spirit of Linux's per-CPU page
 * lists: a LIFO stack per bin (slab class, or a buddy order below {@link
 * BuddyArena#CACHED_ORDERS}), refilled from the shared pool {@code batch} entries at a time when
 * empty and drained {@code batch} at a time when above {@code high}, so the shared locks are taken
 * once per batch. A block freed by another thread goes to that thread's cache: any cache may hold
 * any free block.
 *
 * <p>The owner holds the cache's lock for each allocation and free, as Linux 6.x's per-CPU lists
 * are taken under {@code pcp->lock} (pcp_spin_trylock in rmqueue_pcplist and free_unref_page), so
 * that another thread can drain them safely: a starved allocation or {@link BuddyArena#trim} empties
 * every cache under its lock, as drain_all_pages drains each CPU's lists with drain_pages_zone
 * (mm/page_alloc.c, 6.1 and later). Uncontended, the lock ({@link SpinLock}) costs one
 * compare-and-set per call.
 */
final class ThreadCache extends SpinLock {
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
  /** The purger's view, for idle reclaim: {@code allocations + frees} when last looked, and when. */
  long seenOps;
  long seenAt;

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
