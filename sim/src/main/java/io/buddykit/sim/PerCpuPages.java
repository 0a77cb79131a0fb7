package io.buddykit.sim;

/**
 * One CPU's page lists for one zone (Linux's struct per_cpu_pages): a list per (pcp migratetype,
 * order 0..3) plus one for pageblock order, each a deque of block pfns. Frees push at the head and
 * allocations pop from the head (LIFO, cache-hot); bulk frees to the buddy allocator take the
 * oldest from the tail. {@code count} is in pages, compared with {@code high} and refilled and
 * drained {@code batch} pages at a time.
 */
final class PerCpuPages {
  /** PAGE_ALLOC_COSTLY_ORDER: higher orders bypass the lists (except the pageblock order). */
  static final int COSTLY_ORDER = 3;

  private final int pageblockOrder;
  private final int batch;
  private final int high;
  private final long[][] lists;
  private final int[] head;
  private final int[] size;
  private int count;
  /** Where the next bulk free starts, so that lists are drained in turn. */
  private int freeCursor;

  PerCpuPages(int batch, int high, int pageblockOrder) {
    this.batch = batch;
    this.high = high;
    this.pageblockOrder = pageblockOrder;
    int n = PcpSizing.NR_PCP_LISTS;
    lists = new long[n][8];
    head = new int[n];
    size = new int[n];
  }

  /** Linux's pcp_allowed_order. */
  boolean allowed(int order) {
    return order <= COSTLY_ORDER || order == pageblockOrder;
  }

  /** The list index of (migratetype, order); Linux's order_to_pindex. */
  int index(Migratetype mt, int order) {
    return PcpSizing.orderToPindex(mt.ordinal(), order, pageblockOrder);
  }

  int batch() {
    return batch;
  }

  int high() {
    return high;
  }

  /** Pages on all lists. */
  int count() {
    return count;
  }

  /** Pushes a block at the head (a free, or a refill from the buddy allocator). */
  void push(int list, long pfn, int order) {
    assert orderOf(list) == order : "order-" + order + " block on the list of order " + orderOf(list);
    long[] l = lists[list];
    if (size[list] == l.length) {
      l = grow(list);
    }
    head[list] = (head[list] - 1) & (l.length - 1);
    l[head[list]] = pfn;
    size[list]++;
    count += 1 << order;
  }

  /** Appends a block at the tail (refills keep the buddy allocator's address order). */
  void append(int list, long pfn, int order) {
    assert orderOf(list) == order : "order-" + order + " block on the list of order " + orderOf(list);
    long[] l = lists[list];
    if (size[list] == l.length) {
      l = grow(list);
    }
    l[(head[list] + size[list]) & (l.length - 1)] = pfn;
    size[list]++;
    count += 1 << order;
  }

  /** Pops the head block, or -1 when the list is empty. */
  long pop(int list, int order) {
    if (size[list] == 0) {
      return -1;
    }
    long[] l = lists[list];
    long pfn = l[head[list]];
    head[list] = (head[list] + 1) & (l.length - 1);
    size[list]--;
    count -= 1 << order;
    return pfn;
  }

  /** Removes the tail (oldest) block of {@code list}, or -1 when it is empty. */
  long takeOldest(int list, int order) {
    if (size[list] == 0) {
      return -1;
    }
    long[] l = lists[list];
    size[list]--;
    count -= 1 << order;
    return l[(head[list] + size[list]) & (l.length - 1)];
  }

  /** The next list to drain in turn, or -1 when all are empty. */
  int nextNonEmpty() {
    for (int i = 0; i < lists.length; i++) {
      int list = (freeCursor + i) % lists.length;
      if (size[list] > 0) {
        freeCursor = (list + 1) % lists.length;
        return list;
      }
    }
    return -1;
  }

  /** The order of the blocks on {@code list}. */
  int orderOf(int list) {
    return PcpSizing.pindexToOrder(list, pageblockOrder);
  }

  /** Visits every block on every list. */
  void forEach(java.util.function.LongConsumer action) {
    for (int list = 0; list < lists.length; list++) {
      long[] l = lists[list];
      for (int i = 0; i < size[list]; i++) {
        action.accept(l[(head[list] + i) & (l.length - 1)]);
      }
    }
  }

  private long[] grow(int list) {
    long[] old = lists[list];
    long[] l = new long[old.length * 2];
    for (int i = 0; i < size[list]; i++) {
      l[i] = old[(head[list] + i) & (old.length - 1)];
    }
    head[list] = 0;
    lists[list] = l;
    return l;
  }
}
