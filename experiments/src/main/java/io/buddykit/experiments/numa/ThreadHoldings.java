package io.buddykit.experiments.numa;

import io.buddykit.sim.PageListener;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The blocks each pinned thread holds, by owner tag: pfn, order, node and thread, with the
 * thread's pages per node kept exact so that an access can pick a uniformly random page of the
 * thread in O(nodes). The machine's listener: compaction moves a pfn within its zone (never
 * across nodes); nothing here is reclaimable.
 */
final class ThreadHoldings implements PageListener {
  private long[] pfn = new long[1024];
  private byte[] order = new byte[1024];
  private byte[] node = new byte[1024];
  private int[] thread = new int[1024];
  private int[] slot = new int[1024];
  private boolean[] live = new boolean[1024];
  private int[] freeTags = new int[64];
  private int freeCount;
  private int nextUnused = 1; // tags 0 and -1 mean "nobody" and "per-CPU list" to the machine
  private final int[][] byThread;
  private final int[] count;
  private final long[][] pagesOnNode;
  private final long[] pages;

  ThreadHoldings(int threads, int nodes) {
    byThread = new int[threads][64];
    count = new int[threads];
    pagesOnNode = new long[threads][nodes];
    pages = new long[threads];
  }

  /** A tag for the allocation about to be made; {@link #add} or {@link #cancel} it next. */
  int reserve() {
    if (freeCount > 0) {
      return freeTags[--freeCount];
    }
    int tag = nextUnused++;
    if (tag >= pfn.length) {
      int n = pfn.length * 2;
      pfn = Arrays.copyOf(pfn, n);
      order = Arrays.copyOf(order, n);
      node = Arrays.copyOf(node, n);
      thread = Arrays.copyOf(thread, n);
      slot = Arrays.copyOf(slot, n);
      live = Arrays.copyOf(live, n);
    }
    return tag;
  }

  void cancel(int tag) {
    if (freeCount == freeTags.length) {
      freeTags = Arrays.copyOf(freeTags, freeCount * 2);
    }
    freeTags[freeCount++] = tag;
  }

  void add(int tag, int t, long at, int ord, int nid) {
    pfn[tag] = at;
    order[tag] = (byte) ord;
    node[tag] = (byte) nid;
    thread[tag] = t;
    live[tag] = true;
    if (count[t] == byThread[t].length) {
      byThread[t] = Arrays.copyOf(byThread[t], count[t] * 2);
    }
    slot[tag] = count[t];
    byThread[t][count[t]++] = tag;
    pagesOnNode[t][nid] += 1L << ord;
    pages[t] += 1L << ord;
  }

  /** Forgets {@code tag}; the caller frees its block. */
  void remove(int tag) {
    int t = thread[tag];
    int last = byThread[t][--count[t]];
    byThread[t][slot[tag]] = last;
    slot[last] = slot[tag];
    pagesOnNode[t][node[tag]] -= 1L << order[tag];
    pages[t] -= 1L << order[tag];
    live[tag] = false;
    cancel(tag);
  }

  /** A block of thread {@code t} chosen uniformly, or -1. */
  int pick(int t, RandomGenerator random) {
    return count[t] == 0 ? -1 : byThread[t][random.nextInt(count[t])];
  }

  /** The node of a page of thread {@code t} chosen uniformly over its pages, or -1 if none. */
  int nodeOfRandomPage(int t, RandomGenerator random) {
    if (pages[t] == 0) {
      return -1;
    }
    long r = random.nextLong(pages[t]);
    long[] on = pagesOnNode[t];
    for (int n = 0; n < on.length; n++) {
      if (r < on[n]) {
        return n;
      }
      r -= on[n];
    }
    throw new IllegalStateException("pages per node do not add up for thread " + t);
  }

  long pfn(int tag) {
    return pfn[tag];
  }

  int order(int tag) {
    return order[tag];
  }

  long pages(int t) {
    return pages[t];
  }

  long pagesOnNode(int t, int nid) {
    return pagesOnNode[t][nid];
  }

  @Override
  public void migrated(int tag, long oldPfn, long newPfn, int ord) {
    if (!live[tag] || pfn[tag] != oldPfn) {
      throw new IllegalStateException(
          "machine migrated block " + tag + " at pfn " + oldPfn + " that is not held there");
    }
    pfn[tag] = newPfn;
  }

  @Override
  public void reclaimed(int tag, long at, int ord) {
    throw new IllegalStateException("anonymous memory is never reclaimed, yet block " + tag + " was");
  }
}
