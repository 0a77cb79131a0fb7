package io.buddykit.core;

/**
 * The free lists of {@link FreeListOrder#LOWEST_ADDRESS}: each list, one per (list class, order),
 * is a hierarchical bitmap in one shared {@code long[]}: bit i of list (c, k) is set when the block
 * of order k starting at unit i << k is free in class c. Above each bitmap sit summary levels with
 * one bit per word of the level below, set whenever that word is non-zero (and, after a merge,
 * perhaps still set over a word that emptied; see {@link #clearLazily}), so the lowest free block
 * is found by descending from a single top word (log64 of the blocks, a handful of cache lines). A
 * buddy's bit sits next to its own, usually in the same word, which makes the merge test one load
 * and the merge itself one store. Flat arrays, no object per list: the hot paths chase no pointers
 * and allocate nothing. 2 bits per unit over all orders, per class.
 */
final class BitmapFreeLists extends FreeLists {
  /** Enough levels for 2^31 blocks: 64^6 = 2^36. */
  private static final int MAX_LEVELS = 6;

  private final int classes;
  private final long[] words;
  /** Start in {@link #words} of level l of list L at {@code [L * MAX_LEVELS + l]}. */
  private final int[] offset;
  /** Bits in level l of list L at {@code [L * MAX_LEVELS + l]}. */
  private final long[] bits;
  /** Top level of list L. */
  private final int[] top;

  /**
   * @param blocks number of block indices of each order (same for every class)
   */
  BitmapFreeLists(int classes, long[] blocks) {
    super(classes, blocks.length);
    this.classes = classes;
    int lists = classes * orders;
    offset = new int[lists * MAX_LEVELS];
    bits = new long[lists * MAX_LEVELS];
    top = new int[lists];
    long total = 0;
    for (int list = 0; list < lists; list++) {
      long n = Math.max(1, blocks[list % orders]);
      int level = 0;
      while (true) {
        offset[list * MAX_LEVELS + level] = Math.toIntExact(total);
        bits[list * MAX_LEVELS + level] = n;
        long nwords = (n + 63) >>> 6;
        total += nwords;
        if (nwords == 1) {
          break;
        }
        n = nwords;
        level++;
      }
      top[list] = level;
    }
    words = new long[Math.toIntExact(total)];
  }

  private BitmapFreeLists(BitmapFreeLists o) {
    super(o);
    classes = o.classes;
    words = o.words.clone();
    offset = o.offset;
    bits = o.bits;
    top = o.top;
  }

  /**
   * Block indices per order for a space of {@code units}: one spare, so that the buddy of the last
   * block always has a bit to test.
   */
  static long[] blocksPerOrder(long units, int maxOrder) {
    long[] blocks = new long[maxOrder + 1];
    for (int k = 0; k <= maxOrder; k++) {
      blocks[k] = (units >>> k) + 1;
    }
    return blocks;
  }

  /** A deep copy; the bitmaps keep nothing in the head words. */
  @Override
  BitmapFreeLists copy(short[] head) {
    return new BitmapFreeLists(this);
  }

  // ---------------------------------------------------------------- the lists, by first unit

  @Override
  int classOf(long start, int order) {
    long i = start >>> order;
    if (classes == 1) {
      return get(0, order, i) ? 0 : -1;
    }
    for (int c = 0; c < classes; c++) {
      if (get(c, order, i)) {
        return c;
      }
    }
    return -1;
  }

  @Override
  long first(int cls, int order) {
    long i = firstIndex(cls, order);
    return i < 0 ? -1 : i << order;
  }

  @Override
  long next(int cls, int order, long from) {
    long i = nextIndex(cls, order, (from + (1L << order) - 1) >>> order);
    return i < 0 ? -1 : i << order;
  }

  @Override
  void remove(int cls, int order, long start) {
    clear(cls, order, start >>> order);
  }

  @Override
  void removeMerged(int cls, int order, long start) {
    clearLazily(cls, order, start >>> order);
  }

  @Override
  void addSplit(int cls, int order, long start) {
    set(cls, order, start >>> order);
  }

  /** Sets the block's bit: a bitmap has no ends, the lowest block is always taken first. */
  @Override
  void addFreed(int cls, int order, long start, boolean toTail) {
    set(cls, order, start >>> order);
  }

  @Override
  long moveAll(long start, long end, int cls) {
    long moved = 0;
    for (int c = 0; c < classes; c++) {
      if (c == cls) {
        continue;
      }
      for (int k = 0; k < orders; k++) {
        long firstIdx = (start + (1L << k) - 1) >>> k;
        for (long i = nextIndex(c, k, firstIdx); i >= 0 && ((i + 1) << k) <= end; i = nextIndex(c, k, i + 1)) {
          clear(c, k, i);
          set(cls, k, i);
          moved += 1L << k;
        }
      }
    }
    return moved;
  }

  @Override
  void verify() {
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < orders; k++) {
        verify(c, k, name(c, k));
      }
    }
  }

  // ---------------------------------------------------------------- the bitmaps, by block index

  boolean get(int cls, int order, long i) {
    int list = cls * orders + order;
    return (words[offset[list * MAX_LEVELS] + (int) (i >>> 6)] & (1L << i)) != 0;
  }

  /** Sets bit i of the list of (cls, order), which must be clear. */
  void set(int cls, int order, long i) {
    assert order >= 0 && order < orders : "order " + order;
    assert !get(cls, order, i) : "block " + i + " of order " + order + " is already free";
    counted(cls, order);
    int list = cls * orders + order;
    int base = list * MAX_LEVELS;
    int w = offset[base] + (int) (i >>> 6);
    long old = words[w];
    words[w] = old | (1L << i);
    if (old != 0) {
      return; // the summaries above already lead to this word
    }
    // Mark the path up until a summary bit that is already set (perhaps stale, which is fine).
    int last = top[list];
    long idx = i >>> 6;
    for (int level = 1; level <= last; level++) {
      w = offset[base + level] + (int) (idx >>> 6);
      old = words[w];
      if ((old & (1L << idx)) != 0) {
        return;
      }
      words[w] = old | (1L << idx);
      idx >>>= 6;
    }
  }

  /** Clears bit i of the list of (cls, order), which must be set, and the summaries it empties. */
  void clear(int cls, int order, long i) {
    assert order >= 0 && order < orders : "order " + order;
    assert get(cls, order, i) : "block " + i + " of order " + order + " is not free";
    uncounted(cls, order);
    int list = cls * orders + order;
    int base = list * MAX_LEVELS;
    int last = top[list];
    long idx = i;
    for (int level = 0; ; level++) {
      int w = offset[base + level] + (int) (idx >>> 6);
      long now = words[w] & ~(1L << idx);
      words[w] = now;
      if (now != 0 || level == last) {
        return;
      }
      idx >>>= 6;
    }
  }

  /**
   * Clears bit i of the list of (cls, order), which must be set, leaving the summary bits above
   * as they are: one may go stale (set over an empty word) until {@link #firstIndex} meets and clears
   * it, and a later {@link #set} below it stops there at once. Merging uses this: a free that
   * coalesces through many orders then costs one word per order, and the splits that later carve
   * the merged block find their summary paths still marked.
   */
  void clearLazily(int cls, int order, long i) {
    assert get(cls, order, i) : "block " + i + " of order " + order + " is not free";
    uncounted(cls, order);
    int list = cls * orders + order;
    words[offset[list * MAX_LEVELS] + (int) (i >>> 6)] &= ~(1L << i);
  }

  /**
   * The lowest set bit of the list of (cls, order), or -1 when it is empty. Descends from the top
   * word; a stale summary bit met on the way is cleared and the search resumes one level up. Each
   * word visited at most loses bits, so the work is bounded by 64 per level and, amortised over
   * the clears that left stale bits, one word per level.
   */
  long firstIndex(int cls, int order) {
    int list = cls * orders + order;
    if (count(cls, order) == 0) {
      return -1;
    }
    int base = list * MAX_LEVELS;
    int level = top[list];
    long widx = 0; // word index within the level
    while (true) {
      int w = offset[base + level] + (int) widx;
      long word = words[w];
      if (word == 0) { // stale summary bit above this word: clear it, look again one level up
        level++;
        words[offset[base + level] + (int) (widx >>> 6)] &= ~(1L << widx);
        widx >>>= 6;
        continue;
      }
      long idx = (widx << 6) | Long.numberOfTrailingZeros(word);
      if (level == 0) {
        return idx;
      }
      level--;
      widx = idx;
    }
  }

  /** The lowest set bit of the list of (cls, order) at or after {@code from}, or -1. */
  long nextIndex(int cls, int order, long from) {
    int base = (cls * orders + order) * MAX_LEVELS;
    long n = bits[base];
    if (from >= n) {
      return -1;
    }
    long idx = Math.max(from, 0);
    int off = offset[base];
    int nwords = (int) ((n + 63) >>> 6);
    int wi = (int) (idx >>> 6);
    long word = words[off + wi] & (-1L << idx);
    while (word == 0) {
      if (++wi == nwords) {
        return -1;
      }
      word = words[off + wi];
    }
    return ((long) wi << 6) | Long.numberOfTrailingZeros(word);
  }

  /**
   * Checks that every non-empty word has its summary bit set at each level (stale set bits over
   * empty words are allowed), the count and the non-empty mask.
   */
  void verify(int cls, int order, String name) {
    int list = cls * orders + order;
    int base = list * MAX_LEVELS;
    long pop = 0;
    long nwords0 = (bits[base] + 63) >>> 6;
    for (int w = 0; w < nwords0; w++) {
      pop += Long.bitCount(words[offset[base] + w]);
    }
    verifyCount(cls, order, pop, name);
    for (int level = 1; level <= top[list]; level++) {
      long below = (bits[base + level - 1] + 63) >>> 6;
      for (long i = 0; i < below; i++) {
        boolean nonZero = words[offset[base + level - 1] + (int) i] != 0;
        boolean summary = (words[offset[base + level] + (int) (i >>> 6)] & (1L << i)) != 0;
        if (nonZero && !summary) {
          throw new IllegalStateException(
              name + ": summary level " + level + " bit " + i + " is clear over a non-empty word");
        }
      }
    }
  }
}
