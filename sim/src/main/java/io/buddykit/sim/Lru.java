package io.buddykit.sim;

import java.util.BitSet;
import java.util.function.LongPredicate;

/**
 * A node's list of reclaimable pages, oldest first (Linux keeps LRU lists per node). Entries are
 * head pfns in the order they were allocated. A page freed by its owner is not searched for: its
 * entry goes stale and is dropped when reclaim meets it, or when the ring fills and is compacted,
 * so adding and freeing cost O(1) and the ring stays under twice the live reclaimable pages.
 *
 * <p>Approximation: a pfn freed and reallocated as page cache before a compaction keeps its old
 * place as well, so reclaim may take that newer page early.
 */
final class Lru {
  private final LongPredicate live;
  private long[] ring = new long[64];
  private int head;
  private int size;

  /** @param live whether a pfn still heads a reclaimable allocation */
  Lru(LongPredicate live) {
    this.live = live;
  }

  void add(long pfn) {
    if (size == ring.length) {
      compact();
      if (size * 2 > ring.length) {
        long[] r = new long[ring.length * 2];
        for (int i = 0; i < size; i++) {
          r[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = r;
        head = 0;
      }
    }
    ring[(head + size) & (ring.length - 1)] = pfn;
    size++;
  }

  /** The oldest live entry, removed, or -1 when none is left. */
  long pollOldest() {
    while (size > 0) {
      long pfn = ring[head];
      head = (head + 1) & (ring.length - 1);
      size--;
      if (live.test(pfn)) {
        return pfn;
      }
    }
    return -1;
  }

  /** Drops stale and repeated entries, keeping the first (oldest) place of each pfn. */
  private void compact() {
    BitSet seen = new BitSet();
    int kept = 0;
    long[] r = new long[ring.length];
    for (int i = 0; i < size; i++) {
      long pfn = ring[(head + i) & (ring.length - 1)];
      if (live.test(pfn) && !seen.get((int) pfn)) {
        seen.set((int) pfn);
        r[kept++] = pfn;
      }
    }
    ring = r;
    head = 0;
    size = kept;
  }

  int size() {
    return size;
  }
}
