package io.buddykit.offheap;


/**
 * The slabs of one size class (SLUB's kmem_cache): a partial list of slabs with free objects, full
 * slabs off any list, new slabs carved from buddy pages when the partial list is empty, and empty
 * slabs handed back to the buddy allocator at once. Thread caches refill and drain in batches
 * under this cache's lock, so the lock is taken once per batch, not per object.
 *
 * <p>As SLUB gives each CPU a slab of its own, each thread cache refills from a <em>current</em>
 * slab that no other thread refills from (it is off the partial list while current), so the
 * per-object metadata of a slab is written by one thread and its cache lines do not bounce
 * between cores. Objects freed to a current slab stay with it until its thread lets it go.
 */
final class SlabCache {
  /** Where slab pages come from: the arena's buddy allocator. */
  interface PageSource {
    /** Takes 2^order pages for a new slab and maps them to it; null when none are free. */
    Slab newSlab(SlabCache cache);

    /** Unmaps an empty slab and gives its pages back. */
    void freeSlab(Slab slab, int order);
  }

  final int cls;
  final int objSize;
  final int order;
  final int objectsPerSlab;
  private final PageSource pages;
  final SpinLock lock = new SpinLock();

  private Slab partial; // head of a doubly linked list
  int slabs;

  SlabCache(int cls, int objSize, int order, int pageSize, PageSource pages) {
    this.cls = cls;
    this.objSize = objSize;
    this.order = order;
    this.objectsPerSlab = (int) (((long) pageSize << order) / objSize);
    this.pages = pages;
  }

  /**
   * Takes up to {@code n} free objects into {@code out} (entries {@code offset << 16 | index}),
   * from the most recently used partial slab first. Returns how many it took: fewer only when the
   * arena is full.
   */
  int takeBatch(long[] out, int from, int n, ThreadCache tc) {
    lock.lock();
    try {
      int got = 0;
      while (got < n) {
        Slab s = tc.current[cls];
        if (s == null || s.freeTop == 0) {
          if (s != null) {
            s.current = null; // full: it joins no list until objects come back
          }
          s = partial != null ? partial : newSlab();
          if (s == null) {
            tc.current[cls] = null;
            break;
          }
          unlink(s);
          s.current = tc;
          tc.current[cls] = s;
        }
        while (got < n && s.freeTop > 0) {
          int i = s.freeStack[--s.freeTop];
          out[from + got++] = (s.offset + (long) i * objSize) << 16 | i;
        }
      }
      return got;
    } finally {
      lock.unlock();
    }
  }

  /** Lets go of the thread's current slab: back on the partial list, or to the buddy allocator. */
  void releaseCurrent(ThreadCache tc) {
    lock.lock();
    try {
      Slab s = tc.current[cls];
      if (s != null) {
        tc.current[cls] = null;
        s.current = null;
        if (s.freeTop == s.objects) {
          slabs--;
          pages.freeSlab(s, order);
        } else if (s.freeTop > 0) {
          pushPartial(s);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Gives back objects (entries as {@link #takeBatch} makes them) to their slabs. */
  void returnBatch(long[] in, int from, int n, Slab[] slabOfPage, int pageShift) {
    lock.lock();
    try {
      for (int k = from; k < from + n; k++) {
        long entry = in[k];
        Slab s = slabOfPage[(int) ((entry >>> 16) >>> pageShift)];
        s.freeStack[s.freeTop++] = (int) (entry & 0xffff);
        if (s.current != null) {
          continue; // its thread refills from it; it is on no list
        }
        if (s.freeTop == s.objects) {
          if (s.onPartial) {
            unlink(s);
          }
          slabs--;
          pages.freeSlab(s, order);
        } else if (!s.onPartial) {
          pushPartial(s);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private Slab newSlab() {
    Slab s = pages.newSlab(this);
    if (s != null) {
      slabs++;
      pushPartial(s);
    }
    return s;
  }

  /** Current slabs of live threads, counted by {@link #counts}; guarded by the lock. */
  private long currentSlabs(java.util.List<ThreadCache> caches, long[] acc) {
    long n = 0;
    for (ThreadCache tc : caches) {
      Slab s = tc.current[cls];
      if (s != null) {
        n++;
        acc[0] += s.inUse();
      }
    }
    return n;
  }

  private void pushPartial(Slab s) {
    s.prev = null;
    s.next = partial;
    if (partial != null) {
      partial.prev = s;
    }
    partial = s;
    s.onPartial = true;
  }

  private void unlink(Slab s) {
    if (s.prev != null) {
      s.prev.next = s.next;
    } else {
      partial = s.next;
    }
    if (s.next != null) {
      s.next.prev = s.prev;
    }
    s.prev = null;
    s.next = null;
    s.onPartial = false;
  }

  /**
   * Slabs, objects, and objects in use (with users or in thread caches), read under the lock.
   * Every slab is partial (on the list), some thread's current slab, or full (on no list).
   */
  long[] counts(java.util.List<ThreadCache> caches) {
    lock.lock();
    try {
      long[] inUse = {0};
      long listed = 0;
      for (Slab s = partial; s != null; s = s.next) {
        listed++;
        inUse[0] += s.inUse();
      }
      listed += currentSlabs(caches, inUse);
      long full = slabs - listed;
      return new long[] {slabs, slabs * objectsPerSlab, inUse[0] + full * objectsPerSlab};
    } finally {
      lock.unlock();
    }
  }
}
