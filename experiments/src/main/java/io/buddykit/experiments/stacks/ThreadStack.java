package io.buddykit.experiments.stacks;

import io.buddykit.core.BuddyAllocator;
import java.util.BitSet;

/**
 * One thread's stack on a buddy block of pages, with a bitmap of the pages mapped: the usable
 * pages are, and the guard pages below them (at least one) are not, so running past the stack
 * faults ({@link GuardPageFault}).
 *
 * <p>The mapping: the stack grows down in virtual addresses, and its pages are mapped mirrored
 * onto the block — the top virtual page is the block's first page frame, each deeper page the next
 * frame. Growing down therefore needs the frames above the block, its right-hand buddy, which is
 * what the core's {@link BuddyAllocator#tryGrowInPlace} takes; nothing already on the stack moves.
 * (A stack mapped straight, at the top of its block, would need the left-hand buddy instead: the
 * same odds, mirrored.)
 */
public final class ThreadStack {
  private final BuddyAllocator pool;
  private final long pageBytes;
  private final int guardPages;
  private final int maxPages;
  private final long top;
  private long block;
  private int order;
  private int usable;
  private int used;
  private final BitSet mapped = new BitSet();

  private ThreadStack(BuddyAllocator pool, long pageBytes, int guardPages, int maxPages, long top, long block,
      int order, int usable) {
    this.pool = pool;
    this.pageBytes = pageBytes;
    this.guardPages = guardPages;
    this.maxPages = maxPages;
    this.top = top;
    this.block = block;
    this.order = order;
    this.usable = usable;
    mapped.set(0, usable);
  }

  /** The block order for a stack of {@code stackPages} usable pages and {@code guardPages} guards. */
  public static int orderFor(long stackPages, int guardPages) {
    return BuddyAllocator.orderFor(stackPages + guardPages);
  }

  /**
   * A stack of {@code stackBytes} (whole pages) with at least {@code guardPages} guard pages below
   * it, growable to {@code maxStackBytes}, whose top is the virtual address {@code top}; null when
   * the pool has no block of the order it needs.
   */
  public static ThreadStack create(BuddyAllocator pool, long pageBytes, long stackBytes, int guardPages,
      long maxStackBytes, long top) {
    return create(pool, pageBytes, stackBytes, guardPages, maxStackBytes, top, false);
  }

  /**
   * As {@link #create(BuddyAllocator, long, long, int, long, long)}; when {@code spread}, the block
   * is taken from the start of the smallest larger free block there is, so its buddy is free.
   */
  public static ThreadStack create(BuddyAllocator pool, long pageBytes, long stackBytes, int guardPages,
      long maxStackBytes, long top, boolean spread) {
    if (guardPages < 1) {
      throw new IllegalArgumentException("a stack needs at least one guard page, not " + guardPages);
    }
    int pages = (int) ((stackBytes + pageBytes - 1) / pageBytes);
    int max = (int) ((maxStackBytes + pageBytes - 1) / pageBytes);
    if (pages < 1 || max < pages) {
      throw new IllegalArgumentException("stack of " + stackBytes + " B must be at least 1 B and at most the maximum "
          + maxStackBytes + " B");
    }
    int order = orderFor(pages, guardPages);
    long block = spread ? tryAllocateSpread(pool, order) : pool.tryAllocate(order);
    return block < 0 ? null : new ThreadStack(pool, pageBytes, guardPages, max, top, block, order, pages);
  }

  private static long tryAllocateSpread(BuddyAllocator pool, int order) {
    for (int k = order + 1; k <= pool.maxOrder(); k++) {
      long start = pool.firstFreeBlock(k, 0);
      if (start >= 0 && pool.tryAllocateAt(start, order)) {
        return start;
      }
    }
    return pool.tryAllocate(order);
  }

  /**
   * Touches the stack at virtual {@code address} (a frame written there): a mapped page is used,
   * an unmapped page of the block is a guard page and faults.
   */
  public void touch(long address) {
    if (address >= top) {
      throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is above the stack top");
    }
    long page = (top - 1 - address) / pageBytes;
    if (page >= blockPages()) {
      throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is below this stack's block");
    }
    if (!mapped.get((int) page)) {
      throw new GuardPageFault(address, (int) page);
    }
    used = Math.max(used, (int) page + 1);
  }

  /** The address {@code depthPages} pages below the top: touching it uses that many pages. */
  public long addressAtDepth(long depthPages) {
    return top - depthPages * pageBytes;
  }

  /**
   * Makes {@code pages} usable (deeper recursion): by mapping guard pages when the block has room
   * for them and a guard below, else by merging with the free buddy when {@code inPlace} allows
   * and it is free, else by moving to a larger block and copying the used pages.
   */
  public Growth growTo(int pages, boolean inPlace) {
    if (pages <= usable) {
      throw new IllegalArgumentException("stack already has " + usable + " usable pages, asked for " + pages);
    }
    if (pages > maxPages) {
      throw new IllegalArgumentException(pages + " pages is past the maximum stack of " + maxPages);
    }
    int from = order;
    int needed = orderFor(pages, guardPages);
    if (needed <= order) {
      remap();
      return new Growth(Growth.Kind.IN_BLOCK, from, order, 0);
    }
    while (inPlace && order < needed && pool.tryGrowInPlace(block)) {
      order++;
    }
    if (order == needed) {
      remap();
      return new Growth(Growth.Kind.IN_PLACE, from, order, 0);
    }
    long next = pool.tryAllocate(needed);
    if (next < 0) {
      remap(); // a partial in-place growth still gives pages
      return new Growth(Growth.Kind.FAILED, from, order, 0);
    }
    pool.free(block);
    block = next;
    order = needed;
    remap();
    return new Growth(Growth.Kind.MOVED, from, order, used);
  }

  /** Maps every page of the block but the guard pages at its end, up to the maximum stack. */
  private void remap() {
    usable = Math.min(maxPages, blockPages() - guardPages);
    mapped.clear();
    mapped.set(0, usable);
  }

  /** Frees the block (the thread exited). */
  public void release() {
    pool.free(block);
    block = -1;
  }

  public boolean isMapped(int page) {
    return mapped.get(page);
  }

  public int blockPages() {
    return 1 << order;
  }

  public int order() {
    return order;
  }

  /** The first page frame of the block. */
  public long block() {
    return block;
  }

  public int usablePages() {
    return usable;
  }

  /** The deepest page touched so far: what a move must copy. */
  public int usedPages() {
    return used;
  }

  public int maxPages() {
    return maxPages;
  }
}
