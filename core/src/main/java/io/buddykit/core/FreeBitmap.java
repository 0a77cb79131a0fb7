package io.buddykit.core;

import java.util.Arrays;

/**
 * One free list of the buddy allocator (one order, one list class), kept as a hierarchical bitmap:
 * bit i is set when the block with index i (start unit i << order) is free. Each summary level has
 * one bit per word of the level below, set when that word is non-zero, so the lowest free block is
 * found by descending from a single top word: O(log64 blocks), a handful of cache lines. A buddy's
 * bit sits next to its own, usually in the same word, which makes the merge test one load.
 *
 * <p>All levels live in one {@code long[]}; nothing here allocates after construction.
 */
final class FreeBitmap {
  private final long[] words;
  /** Start of each level in {@link #words}; level 0 holds the block bits. */
  private final int[] offset;
  /** Number of bits in each level. */
  private final long[] bits;

  private final int top;
  /** Number of set bits: Linux's free_area[order].nr_free for this list class. */
  long count;

  FreeBitmap(long nbits) {
    int levels = 1;
    for (long n = nbits; n > 64; n = (n + 63) >>> 6) {
      levels++;
    }
    offset = new int[levels];
    bits = new long[levels];
    long total = 0;
    long n = Math.max(nbits, 1);
    for (int level = 0; level < levels; level++) {
      offset[level] = Math.toIntExact(total);
      bits[level] = n;
      long nwords = (n + 63) >>> 6;
      total += nwords;
      n = nwords;
    }
    top = levels - 1;
    words = new long[Math.toIntExact(total)];
  }

  private FreeBitmap(FreeBitmap other) {
    words = other.words.clone();
    offset = other.offset;
    bits = other.bits;
    top = other.top;
    count = other.count;
  }

  FreeBitmap copy() {
    return new FreeBitmap(this);
  }

  /** The number of block indices this bitmap can hold. */
  long capacity() {
    return bits[0];
  }

  boolean get(long i) {
    return (words[(int) (i >>> 6)] & (1L << i)) != 0;
  }

  /** Sets bit i, which must be clear. */
  void set(long i) {
    count++;
    long idx = i;
    for (int level = 0; ; level++) {
      int w = offset[level] + (int) (idx >>> 6);
      long old = words[w];
      words[w] = old | (1L << idx);
      if (old != 0 || level == top) {
        return;
      }
      idx >>>= 6;
    }
  }

  /** Clears bit i, which must be set. */
  void clear(long i) {
    count--;
    long idx = i;
    for (int level = 0; ; level++) {
      int w = offset[level] + (int) (idx >>> 6);
      long now = words[w] & ~(1L << idx);
      words[w] = now;
      if (now != 0 || level == top) {
        return;
      }
      idx >>>= 6;
    }
  }

  /** The lowest set bit, or -1 when none is set. */
  long first() {
    long idx = 0;
    for (int level = top; level >= 0; level--) {
      long w = words[offset[level] + (int) idx];
      if (w == 0) {
        return -1;
      }
      idx = (idx << 6) | Long.numberOfTrailingZeros(w);
    }
    return idx;
  }

  /** The lowest set bit at or after {@code from}, or -1 when none is. */
  long next(long from) {
    if (from < 0) {
      from = 0;
    }
    long idx = from;
    int level = 0;
    // Climb while the rest of the current word is empty.
    while (true) {
      if (idx >= bits[level]) {
        return -1;
      }
      long w = words[offset[level] + (int) (idx >>> 6)] & (-1L << idx);
      if (w != 0) {
        idx = (idx & ~63L) | Long.numberOfTrailingZeros(w);
        break;
      }
      if (level == top) {
        return -1;
      }
      idx = (idx >>> 6) + 1;
      level++;
    }
    // Descend to the lowest set bit below the found summary bit.
    while (level > 0) {
      level--;
      idx = (idx << 6) | Long.numberOfTrailingZeros(words[offset[level] + (int) idx]);
    }
    return idx;
  }

  /** Checks that each summary bit is set exactly when its word below is non-zero and the count. */
  void verify(String name) {
    long pop = 0;
    for (int w = offset[0]; w < offset[0] + (int) ((bits[0] + 63) >>> 6); w++) {
      pop += Long.bitCount(words[w]);
    }
    if (pop != count) {
      throw new IllegalStateException(name + ": nr_free " + count + " but " + pop + " bits set");
    }
    for (int level = 1; level <= top; level++) {
      long below = (bits[level - 1] + 63) >>> 6;
      for (long i = 0; i < below; i++) {
        boolean nonZero = words[offset[level - 1] + (int) i] != 0;
        boolean summary = (words[offset[level] + (int) (i >>> 6)] & (1L << i)) != 0;
        if (nonZero != summary) {
          throw new IllegalStateException(
              name + ": summary level " + level + " bit " + i + " is " + summary
                  + " but the word below is " + (nonZero ? "non-zero" : "zero"));
        }
      }
    }
  }

  @Override
  public String toString() {
    return "FreeBitmap[count=" + count + ", levels=" + (top + 1) + ", " + Arrays.toString(bits) + "]";
  }
}
