package io.buddykit.flash;

import io.buddykit.core.MergePolicy;

/**
 * The erase counts of all blocks in a tree of minima and maxima whose nodes are exactly the
 * aligned buddy groups, so the wear-aware merge rule (max - min over the two groups at most the
 * threshold) is one lookup, and an erase updates log2(blocks) nodes.
 */
final class WearTree implements MergePolicy {
  private final int blocks;
  private final int[] min;
  private final int[] max;
  private final int threshold;

  WearTree(int blocks, int threshold) {
    this.blocks = blocks;
    this.min = new int[2 * blocks];
    this.max = new int[2 * blocks];
    this.threshold = threshold;
  }

  /** Records block b's erase count. */
  void set(int b, int eraseCount) {
    int i = blocks + b;
    min[i] = eraseCount;
    max[i] = eraseCount;
    for (i >>>= 1; i >= 1; i >>>= 1) {
      min[i] = Math.min(min[2 * i], min[2 * i + 1]);
      max[i] = Math.max(max[2 * i], max[2 * i + 1]);
    }
  }

  /** Max - min erase count over the aligned group of 2^order blocks starting at {@code start}. */
  int spread(long start, int order) {
    int node = (int) ((blocks + start) >>> order);
    return max[node] - min[node];
  }

  /** The least-worn block of the aligned group of 2^order blocks at {@code start} (lowest on ties). */
  int leastWorn(long start, int order) {
    int node = (int) ((blocks + start) >>> order);
    while (node < blocks) {
      node = min[2 * node] <= min[2 * node + 1] ? 2 * node : 2 * node + 1;
    }
    return node - blocks;
  }

  /** The most-worn block of the aligned group of 2^order blocks at {@code start}. */
  int mostWorn(long start, int order) {
    int node = (int) ((blocks + start) >>> order);
    while (node < blocks) {
      node = max[2 * node] >= max[2 * node + 1] ? 2 * node : 2 * node + 1;
    }
    return node - blocks;
  }

  /** Greatest erase count in the aligned group of 2^order blocks at {@code start}. */
  int maxOf(long start, int order) {
    return max[(int) ((blocks + start) >>> order)];
  }

  /** Least erase count in the aligned group of 2^order blocks at {@code start}. */
  int minOf(long start, int order) {
    return min[(int) ((blocks + start) >>> order)];
  }

  int maxAll() {
    return max[1];
  }

  int minAll() {
    return min[1];
  }

  @Override
  public boolean mayMerge(long left, int order) {
    return threshold < 0 || spread(left, order + 1) <= threshold;
  }
}
