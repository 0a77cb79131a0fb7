package io.buddykit.core;

/**
 * All free lists of one allocator, one per (list class, order), kept in the {@link FreeListOrder}
 * the allocator was built with: {@link BitmapFreeLists} for the lowest address, {@link
 * LinkedFreeLists} for Linux's. Two final classes behind this one, so that each call site in
 * {@link BuddyAllocator} sees at most two receivers and the JIT inlines both; the allocator's
 * hot paths under Linux's order go further and call {@link LinkedFreeLists#take} and {@link
 * LinkedFreeLists#free} on a field of that type, which C2 inlines whole.
 *
 * <p>Blocks are named by their first unit. What both keep alike lives here: the number of blocks
 * on each list (Linux's free_area[order].nr_free, per migratetype) and, per class, a mask of the
 * orders whose list is non-empty, which finds the smallest order that can serve a request in one
 * instruction (Linux scans the orders one by one; the answer is the same).
 */
abstract sealed class FreeLists permits BitmapFreeLists, LinkedFreeLists {
  final int orders;
  /** Blocks on list {@code cls * orders + order}; read and written by the subclasses' hot paths. */
  final long[] count;
  /** Per class, bit k set when list (class, k) is non-empty; as {@link #count}. */
  final long[] nonEmpty;

  FreeLists(int classes, int orders) {
    this.orders = orders;
    this.count = new long[classes * orders];
    this.nonEmpty = new long[classes];
  }

  FreeLists(FreeLists o) {
    orders = o.orders;
    count = o.count.clone();
    nonEmpty = o.nonEmpty.clone();
  }

  /**
   * Empty lists for a space of as many units as {@code head} has words, orders 0..maxOrder, in the
   * given order. The allocator's head words are shared: {@link LinkedFreeLists} tags free blocks in
   * them.
   */
  static FreeLists create(FreeListOrder order, short[] head, int maxOrder, int classes) {
    return switch (order) {
      case LOWEST_ADDRESS -> new BitmapFreeLists(classes, BitmapFreeLists.blocksPerOrder(head.length, maxOrder));
      case LINUX -> new LinkedFreeLists(head, classes, maxOrder + 1);
    };
  }

  /** An independent deep copy, over the copy of the allocator's head words. */
  abstract FreeLists copy(short[] head);

  final long count(int cls, int order) {
    return count[cls * orders + order];
  }

  /** The smallest order at or above {@code order} with a free block in class cls, or -1. */
  final int lowestNonEmpty(int cls, int order) {
    long m = nonEmpty[cls] & (-1L << order);
    return m == 0 ? -1 : Long.numberOfTrailingZeros(m);
  }

  /** The largest order with a free block in class cls, or -1. */
  final int highestNonEmpty(int cls) {
    return 63 - Long.numberOfLeadingZeros(nonEmpty[cls]);
  }

  /** Counts one more block on list (cls, order). */
  final void counted(int cls, int order) {
    if (count[cls * orders + order]++ == 0) {
      nonEmpty[cls] |= 1L << order;
    }
  }

  /** Counts one block less on list (cls, order). */
  final void uncounted(int cls, int order) {
    if (--count[cls * orders + order] == 0) {
      nonEmpty[cls] &= ~(1L << order);
    }
  }

  /** Checks the count and the non-empty bit of list (cls, order) against {@code seen} blocks. */
  final void verifyCount(int cls, int order, long seen, String name) {
    long n = count(cls, order);
    if (seen != n) {
      throw new IllegalStateException(name + ": nr_free " + n + " but " + seen + " blocks on it");
    }
    boolean marked = (nonEmpty[cls] & (1L << order)) != 0;
    if (marked != (n != 0)) {
      throw new IllegalStateException(name + ": non-empty mask says " + marked + " with " + n + " free");
    }
  }

  /**
   * The list class of the free block of {@code order} that starts at {@code start}, or -1 when no
   * free block of that order starts there (start may lie past the space: a last block's buddy).
   */
  abstract int classOf(long start, int order);

  /**
   * The block an allocation from list (cls, order) takes, or -1 when the list is empty: the
   * lowest one ({@link BitmapFreeLists}) or the head ({@link LinkedFreeLists}).
   */
  abstract long first(int cls, int order);

  /** The lowest-addressed block of list (cls, order) starting at or after unit {@code from}, or -1. */
  abstract long next(int cls, int order, long from);

  /** Takes the free block (start, order) off its list, class cls. */
  abstract void remove(int cls, int order, long start);

  /** As {@link #remove}, for a buddy merged into a larger block (the bitmap defers some work). */
  abstract void removeMerged(int cls, int order, long start);

  /**
   * Puts a block that a split left free on the head of its list: an upper half from expand(), or
   * a piece left around a block taken from the middle of a free one (break_down_buddy_pages).
   */
  abstract void addSplit(int cls, int order, long start);

  /**
   * Puts a freed block, after merging, on its list: at the tail when {@code toTail} (FPI_TO_TAIL)
   * or when the lists follow Linux's buddy_merge_likely rule and it holds, else at the head.
   */
  abstract void addFreed(int cls, int order, long start, boolean toTail);

  /**
   * Moves every free block lying wholly inside [start, end) and not in class cls to class cls, at
   * the tail (Linux's move_freepages: move_to_free_list); returns the units moved.
   */
  abstract long moveAll(long start, long end, int cls);

  /** Checks every list: counts, non-empty masks and the structure of each kind of list. */
  abstract void verify();

  /** The name of list (cls, order) for messages. */
  static String name(int cls, int order) {
    return "free list order " + order + " class " + cls;
  }
}
