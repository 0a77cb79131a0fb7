package io.buddykit.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simplest possible model of a buddy allocator without merge vetoes and with one list class:
 * which units are free, live or reserved, the live allocations, and the free lists in Linux's
 * order. With full coalescing the free blocks are a function of the free units alone (each free
 * unit lies in the largest wholly free aligned block up to maxOrder), so the model predicts
 * buddyinfo and, under the lowest-address policy, every start.
 *
 * <p>Under {@link FreeListOrder#LINUX} every start also depends on the history, so the model keeps
 * the lists as plain Java lists, head first, and applies mm/page_alloc.c's rules to them directly:
 * allocation takes the head of the smallest non-empty order and splits it, each upper half to the
 * head; a freed block merges with every free buddy, then goes to the tail when asked (boot, a
 * release, an exact allocation's tail, a to-tail free) or when the buddy of its parent is a free
 * block of the parent's order (buddy_merge_likely, below order maxOrder - 1), else to the head; a
 * block taken from the middle of a free one leaves the rest as the largest aligned pieces, lowest
 * first, each to the head. The model keeps the lists under both orders and checks them against
 * the free units after every change.
 */
final class ReferenceModel {
  static final byte FREE = 0;
  static final byte LIVE = 1;
  static final byte RESERVED = 2;

  /** A live allocation in the model. */
  record Live(long start, long size, int order, boolean exact, long requested) {}

  final int units;
  final int maxOrder;
  final FreeListOrder listOrder;
  final byte[] state;
  final TreeMap<Long, Live> live = new TreeMap<>();
  /** Free blocks of each order by start, head first. */
  final List<List<Long>> lists = new ArrayList<>();

  ReferenceModel(int units, int maxOrder, FreeListOrder listOrder) {
    this.units = units;
    this.maxOrder = maxOrder;
    this.listOrder = listOrder;
    this.state = new byte[units];
    for (int k = 0; k <= maxOrder; k++) {
      lists.add(new ArrayList<>());
    }
    freeToLists(0, units, true);
  }

  boolean allFree(long from, long to) {
    if (from < 0 || to > units) {
      return false;
    }
    for (long u = from; u < to; u++) {
      if (state[(int) u] != FREE) {
        return false;
      }
    }
    return true;
  }

  boolean allReserved(long from, long to) {
    for (long u = from; u < to; u++) {
      if (state[(int) u] != RESERVED) {
        return false;
      }
    }
    return true;
  }

  /** The free blocks as the allocator must hold them: {start, order} in address order. */
  List<long[]> freeBlocks() {
    List<long[]> blocks = new ArrayList<>();
    long u = 0;
    while (u < units) {
      if (state[(int) u] != FREE) {
        u++;
        continue;
      }
      int order = 0;
      for (int k = maxOrder; k >= 0; k--) {
        long start = u & -(1L << k);
        if (start == u && allFree(start, start + (1L << k))) {
          order = k;
          break;
        }
      }
      // u is the start of its block: the first free unit after a non-free one, or after a block.
      blocks.add(new long[] {u, order});
      u += 1L << order;
    }
    return blocks;
  }

  long[] buddyInfo() {
    long[] nr = new long[maxOrder + 1];
    for (long[] b : freeBlocks()) {
      nr[(int) b[1]]++;
    }
    return nr;
  }

  /** The block an order-k request takes: the first of {@link #first} over orders k and up. */
  long expectedStart(int order) {
    for (int k = order; k <= maxOrder; k++) {
      long start = first(k);
      if (start >= 0) {
        return start;
      }
    }
    return -1;
  }

  /** The first free block of order k: the lowest, or under LINUX the head of its list; or -1. */
  long first(int k) {
    if (listOrder == FreeListOrder.LINUX) {
      return lists.get(k).isEmpty() ? -1 : lists.get(k).getFirst();
    }
    for (long[] b : freeBlocks()) {
      if (b[1] == k) {
        return b[0];
      }
    }
    return -1;
  }

  /** Whether an aligned run of 2^order free units exists anywhere. */
  boolean alignedRunExists(int order) {
    for (long a = 0; a + (1L << order) <= units; a += 1L << order) {
      if (allFree(a, a + (1L << order))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------ the operations

  /**
   * Allocates as the allocator must (an order, a rounded size or an exact size) and returns the
   * start, or -1 when nothing fits.
   */
  long allocate(int order, long requested, boolean exact) {
    long start = expectedStart(order);
    if (start < 0) {
      return -1;
    }
    takeFromLists(start, order);
    boolean isExact = exact && requested != 1L << order;
    take(start, isExact ? requested : 1L << order, order, isExact, requested);
    if (isExact) {
      freeToLists(start + requested, start + (1L << order), true);
    }
    return start;
  }

  /** Allocates the free block (start, order), carving it out of the free block around it. */
  void allocateAt(long start, int order) {
    carve(start, start + (1L << order));
    take(start, 1L << order, order, false, 1L << order);
  }

  void free(long start, boolean toTail) {
    Live l = live.remove(start);
    mark(start, start + l.size(), FREE);
    freeToLists(start, start + l.size(), toTail);
  }

  /** Doubles the live block at start into its free right buddy. */
  void grow(long start) {
    Live l = live.get(start);
    int k = l.order();
    removeFromList(k, start + (1L << k));
    take(start, 2L << k, k + 1, false, 2L << k);
  }

  void split(long start) {
    int k = live.remove(start).order() - 1;
    take(start, 1L << k, k, false, 1L << k);
    take(start + (1L << k), 1L << k, k, false, 1L << k);
  }

  void reserve(long start, long n) {
    carve(start, start + n);
    mark(start, start + n, RESERVED);
  }

  void release(long start, long n) {
    mark(start, start + n, FREE);
    freeToLists(start, start + n, true);
  }

  // ------------------------------------------------------------ the lists

  /** Takes the block at the head of the smallest list that starts at start; expand() to the heads. */
  private void takeFromLists(long start, int order) {
    int k = order;
    while (!lists.get(k).contains(start)) {
      k++;
    }
    removeFromList(k, start);
    while (k > order) {
      k--;
      lists.get(k).addFirst(start + (1L << k));
    }
  }

  /**
   * Takes every free block meeting [from, to) off its list, in address order, and puts back what
   * lies outside the range as the largest aligned pieces, lowest first, each at the head.
   */
  private void carve(long from, long to) {
    List<long[]> met = new ArrayList<>();
    for (int k = 0; k <= maxOrder; k++) {
      for (long s : lists.get(k)) {
        if (s < to && s + (1L << k) > from) {
          met.add(new long[] {s, k});
        }
      }
    }
    met.sort(Comparator.comparingLong(b -> b[0]));
    for (long[] b : met) {
      long end = b[0] + (1L << b[1]);
      removeFromList((int) b[1], b[0]);
      forEachPiece(b[0], Math.max(b[0], from), (s, k) -> lists.get(k).addFirst(s));
      forEachPiece(Math.min(end, to), end, (s, k) -> lists.get(k).addFirst(s));
    }
  }

  /** Frees [from, to) as the largest aligned pieces, lowest first, each merged and placed. */
  private void freeToLists(long from, long to, boolean toTail) {
    forEachPiece(from, to, (s, k) -> insert(s, k, toTail));
  }

  /** Linux's __free_one_page on the lists: merge with free buddies, then head or tail. */
  private void insert(long start, int order, boolean toTail) {
    while (order < maxOrder && lists.get(order).contains(start ^ (1L << order))) {
      removeFromList(order, start ^ (1L << order));
      start &= ~(1L << order);
      order++;
    }
    long parentBuddy = (start & ~(1L << order)) ^ (2L << order);
    boolean mergeLikely = order < maxOrder - 1 && lists.get(order + 1).contains(parentBuddy);
    if (toTail || mergeLikely) {
      lists.get(order).addLast(start);
    } else {
      lists.get(order).addFirst(start);
    }
  }

  private void removeFromList(int k, long start) {
    if (!lists.get(k).remove(start)) {
      throw new IllegalStateException("model: no free block " + start + " of order " + k);
    }
  }

  /** Receives the pieces of a range. */
  private interface Piece {
    void accept(long start, int order);
  }

  private void forEachPiece(long from, long to, Piece piece) {
    long p = from;
    while (p < to) {
      int k = 0;
      while (k < maxOrder && (p & (2L << k) - 1) == 0 && p + (2L << k) <= to) {
        k++;
      }
      piece.accept(p, k);
      p += 1L << k;
    }
  }

  /** The lists hold exactly the free blocks the free units make, each once. */
  void checkLists() {
    Set<String> onLists = new HashSet<>();
    int n = 0;
    for (int k = 0; k <= maxOrder; k++) {
      for (long s : lists.get(k)) {
        onLists.add(s + "/" + k);
        n++;
      }
    }
    Set<String> byUnits = new HashSet<>();
    for (long[] b : freeBlocks()) {
      byUnits.add(b[0] + "/" + b[1]);
    }
    if (n != onLists.size() || !onLists.equals(byUnits)) {
      throw new IllegalStateException("model lists " + lists + " disagree with the free blocks " + byUnits);
    }
  }

  // ------------------------------------------------------------ units and live allocations

  private void take(long start, long size, int order, boolean exact, long requested) {
    mark(start, start + size, LIVE);
    live.put(start, new Live(start, size, order, exact, requested));
  }

  private void mark(long from, long to, byte value) {
    for (long u = from; u < to; u++) {
      state[(int) u] = value;
    }
  }

  long freeUnits() {
    long n = 0;
    for (byte b : state) {
      n += b == FREE ? 1 : 0;
    }
    return n;
  }

  long requested() {
    return live.values().stream().mapToLong(Live::requested).sum();
  }
}
