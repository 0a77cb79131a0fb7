package io.buddykit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The simplest possible model of a buddy allocator without merge vetoes: which units are free,
 * live or reserved, and the live allocations. With full coalescing the free blocks are a function
 * of the free units alone (each free unit lies in the largest wholly free aligned block up to
 * maxOrder), so the model predicts buddyinfo and, under the lowest-address policy, every start.
 */
final class ReferenceModel {
  static final byte FREE = 0;
  static final byte LIVE = 1;
  static final byte RESERVED = 2;

  /** A live allocation in the model. */
  record Live(long start, long size, int order, boolean exact, long requested) {}

  final int units;
  final int maxOrder;
  final byte[] state;
  final TreeMap<Long, Live> live = new TreeMap<>();

  ReferenceModel(int units, int maxOrder) {
    this.units = units;
    this.maxOrder = maxOrder;
    this.state = new byte[units];
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

  /** The start the allocator must pick for an order-k request, or -1. */
  long expectedStart(int order) {
    long best = -1;
    int bestOrder = Integer.MAX_VALUE;
    for (long[] b : freeBlocks()) {
      if (b[1] >= order && b[1] < bestOrder) {
        best = b[0];
        bestOrder = (int) b[1];
      }
    }
    return best;
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

  void take(long start, long size, int order, boolean exact, long requested) {
    for (long u = start; u < start + size; u++) {
      state[(int) u] = LIVE;
    }
    live.put(start, new Live(start, size, order, exact, requested));
  }

  void drop(long start) {
    Live l = live.remove(start);
    for (long u = start; u < start + l.size(); u++) {
      state[(int) u] = FREE;
    }
  }

  void mark(long from, long to, byte value) {
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
