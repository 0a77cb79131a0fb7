package io.buddykit.core;

/**
 * The free lists of {@link FreeListOrder#LINUX}, laid out as Linux lays out its free_area: one
 * circular doubly linked list per (list class, order), threaded through the free blocks' first
 * units, with the rules of mm/page_alloc.c for which end a block goes on.
 *
 * <p><b>Links.</b> One {@code int[]} holds, side by side, the next and the previous unit of every
 * unit that starts a free block ({@code links[2u]}, {@code links[2u + 1]}), where Linux has
 * {@code page->buddy_list}. Each list has a sentinel, its list_head, at the pseudo unit {@code units
 * + list} past the space, so linking and unlinking never branch; all the sentinels share a few
 * cache lines at the end of the array.
 *
 * <p><b>Tags.</b> The allocator's head word of a unit (see {@link BuddyAllocator}), which says
 * what starts there, as Linux's struct page does: a live allocation's header, or, on the first unit
 * of a free block, a tag: {@link #FREE} with order + 1 in the low byte (PageBuddy with buddy_order)
 * and the block's list class in the high byte. The buddy test is one load of the buddy's head
 * word, from the same array as the freed block's own header, often the same cache line; a
 * merged-away block loses its tag, as Linux clears PageBuddy.
 *
 * <p><b>Metadata.</b> 8 bytes per unit of links, on top of the allocator's head words.
 */
final class LinkedFreeLists extends FreeLists {
  /** Largest space: two links per unit and per list must fit one Java array (the allocator checks). */
  static final long MAX_UNITS = (1L << 30) - (1L << 14);

  /** The flag of a free block's tag in the low byte of a head word; order + 1 in the 6 bits below. */
  static final int FREE = 0x80;

  /** No block of order 30 fits in {@link #MAX_UNITS}: merging stops below, and 1 << order stays an int. */
  private static final int MAX_MERGE_ORDER = 29;

  /** The first sentinel: list L's list_head is the pseudo unit {@code units + L}. */
  private final int units;
  /** The order merging stops at: maxOrder, or {@link #MAX_MERGE_ORDER} if that is lower. */
  private final int mergeTop;
  private final int classes;
  /** Next unit at {@code [2u]}, previous at {@code [2u + 1]}, for free-block heads and sentinels. */
  private final int[] links;
  /** The allocator's head words, one per unit: the tags live in them. */
  private final short[] head;

  /** Empty lists over the allocator's head words, one per unit (all 0: nothing is free yet). */
  LinkedFreeLists(short[] head, int classes, int orders) {
    super(classes, orders);
    this.head = head;
    this.units = head.length;
    this.mergeTop = Math.min(orders - 1, MAX_MERGE_ORDER);
    this.classes = classes;
    int lists = classes * orders;
    this.links = new int[2 * (units + lists)];
    for (int s = units; s < units + lists; s++) { // every list empty: the sentinel alone
      links[2 * s] = s;
      links[2 * s + 1] = s;
    }
  }

  private LinkedFreeLists(LinkedFreeLists o, short[] head) {
    super(o);
    this.head = head;
    units = o.units;
    mergeTop = o.mergeTop;
    classes = o.classes;
    links = o.links.clone();
  }

  @Override
  LinkedFreeLists copy(short[] head) {
    return new LinkedFreeLists(this, head);
  }

  /** The tag of a free block of {@code order} in class {@code cls}, as its head word. */
  private static short tag(int cls, int order) {
    return (short) (cls << 8 | FREE | (order + 1));
  }

  /** One load of the head word (page_is_buddy). */
  @Override
  int classOf(long start, int order) {
    if (start >= units) {
      return -1;
    }
    int word = head[(int) start];
    return (word & 0xff) == (FREE | (order + 1)) ? (word >>> 8) & 0xff : -1;
  }

  /** The head of the list (get_page_from_free_area), or -1. */
  @Override
  long first(int cls, int order) {
    int sentinel = units + cls * orders + order;
    int head = links[2 * sentinel];
    return head == sentinel ? -1 : head;
  }

  /** By the tags, not the list: a walk of every 2^order-th unit from {@code from}. */
  @Override
  long next(int cls, int order, long from) {
    long step = 1L << order;
    for (long s = (from + step - 1) & -step; s < units; s += step) {
      if (classOf(s, order) == cls) {
        return s;
      }
    }
    return -1;
  }

  @Override
  void remove(int cls, int order, long start) {
    int s = (int) start;
    unlink(s);
    head[s] = 0;
    uncounted(cls, order);
  }

  @Override
  void removeMerged(int cls, int order, long start) {
    remove(cls, order, start);
  }

  /** At the head, as expand() and break_down_buddy_pages do. */
  @Override
  void addSplit(int cls, int order, long start) {
    add(cls, order, (int) start, false);
  }

  /**
   * At the tail when asked, or when buddy_merge_likely holds: the order is below maxOrder - 1 and
   * the buddy of the block's parent, at order + 1, is itself a free block of order + 1 (of any
   * class). Then freeing the block's own buddy would merge two levels up at once, so the block is
   * kept for last. Otherwise at the head: the next allocation of this order reuses it.
   */
  @Override
  void addFreed(int cls, int order, long start, boolean toTail) {
    add(cls, order, (int) start, toTail || mergeLikely((int) start, order));
  }

  /**
   * buddy_merge_likely (mm/page_alloc.c, 6.1 to 6.12): below maxOrder - 1, whether the buddy of
   * the block's parent is a free block of order + 1. In ints: a free block of order k lies in a
   * space of fewer than 2^30 units, so k <= 29 and every value here is below 2^31.
   */
  private boolean mergeLikely(int start, int order) {
    if (order >= orders - 2) { // order >= maxOrder - 1
      return false;
    }
    int higherBuddy = (start & ~(1 << order)) ^ (2 << order);
    return higherBuddy < units && (head[higherBuddy] & 0xff) == (FREE | (order + 2));
  }

  /**
   * The allocation's hot path, what {@link BuddyAllocator} otherwise does through {@link #first},
   * {@link #remove} and {@link #addSplit}: takes the head of the smallest non-empty order at or
   * above {@code order} in class cls (__rmqueue_smallest: get_page_from_free_area,
   * del_page_from_free_list) and, when that order is larger, splits it ({@link #expand}); -1 when
   * every such list is empty. Written on locals, the list's emptiness read off its links rather
   * than its count, and small enough that the JIT inlines it into the caller: on a steady
   * workload most allocations find a block of their own order, so the split is a call.
   */
  int take(int cls, int order) {
    long[] masks = nonEmpty;
    long mask = masks[cls];
    long m = mask & (-1L << order);
    if (m == 0) {
      return -1;
    }
    int k = Long.numberOfTrailingZeros(m);
    int[] l = links;
    int list = cls * orders + k;
    int sentinel = units + list;
    int s = l[2 * sentinel];
    int next = l[2 * s]; // the head's previous link is the sentinel: no load
    l[2 * sentinel] = next;
    l[2 * next + 1] = sentinel;
    head[s] = 0;
    count[list]--;
    if (next == sentinel) {
      masks[cls] = mask & ~(1L << k);
    }
    if (k > order) {
      expand(cls, k, order, s);
    }
    return s;
  }

  /**
   * Linux's expand(): the block of order {@code high} at s, just taken, is halved down to {@code
   * low}; each upper half goes to the head of its order's list, the low half is kept.
   */
  private void expand(int cls, int high, int low, int s) {
    for (int k = high - 1; k >= low; k--) {
      add(cls, k, s | (1 << k), false);
    }
  }

  /**
   * The free's hot path with no merge policy, what {@link BuddyAllocator} otherwise does through
   * {@link #classOf}, {@link #removeMerged} and {@link #addFreed} (__free_one_page): one load of
   * the buddy's tag (page_is_buddy); when it is free the merging is a call ({@link #merge}: on a
   * steady workload few frees merge), then the block goes to the head of its list, or to the tail
   * when {@code toTail} or buddy_merge_likely holds. Its own head word must already be 0.
   */
  void free(int s, int order, int cls, boolean toTail) {
    int buddy = s ^ (1 << order);
    if (order < mergeTop && buddy < units && (head[buddy] & 0xff) == (FREE | (order + 1))) {
      long merged = merge(s, order, mergeTop);
      s = (int) merged;
      order = (int) (merged >>> 32);
    }
    add(cls, order, s, toTail || mergeLikely(s, order));
  }

  /**
   * Merges the free block of {@code order} at s with each free buddy up to {@code top}, taking
   * the buddies off their lists; returns the merged block as {@code order << 32 | start}.
   */
  private long merge(int s, int order, int top) {
    int[] l = links;
    short[] h = head;
    int end = units;
    while (order < top) {
      int buddy = s ^ (1 << order);
      if (buddy >= end) {
        break;
      }
      int word = h[buddy];
      if ((word & 0xff) != (FREE | (order + 1))) {
        break;
      }
      int bcls = (word >>> 8) & 0xff;
      int next = l[2 * buddy];
      int prev = l[2 * buddy + 1];
      l[2 * prev] = next;
      l[2 * next + 1] = prev;
      h[buddy] = 0;
      uncounted(bcls, order);
      s &= buddy;
      order++;
    }
    return (long) order << 32 | s;
  }

  /** Walks [start, end) by the tags, in address order, as move_freepages walks page frames. */
  @Override
  long moveAll(long start, long end, int cls) {
    long moved = 0;
    for (long u = start; u < end; ) {
      int low = head[(int) u] & 0xff;
      if (low < FREE) {
        u++;
        continue;
      }
      int order = (low & 0x3f) - 1;
      int from = classOf(u, order);
      if (u + (1L << order) <= end && from != cls) {
        remove(from, order, u);
        add(cls, order, (int) u, true);
        moved += 1L << order;
      }
      u += 1L << order;
    }
    return moved;
  }

  /**
   * Links unit s into list (cls, order) after the sentinel (list_add) or after the last block
   * (list_add_tail): one code path, the tail only choosing which node to link after; tags it.
   */
  private void add(int cls, int order, int s, boolean tail) {
    int[] l = links;
    int list = cls * orders + order;
    int sentinel = units + list;
    int prev = tail ? l[2 * sentinel + 1] : sentinel;
    int next = l[2 * prev];
    l[2 * s] = next;
    l[2 * s + 1] = prev;
    l[2 * next + 1] = s;
    l[2 * prev] = s;
    head[s] = tag(cls, order);
    counted(cls, order);
  }

  private void unlink(int s) {
    int[] l = links;
    int next = l[2 * s];
    int prev = l[2 * s + 1];
    l[2 * prev] = next;
    l[2 * next + 1] = prev;
  }

  /**
   * Every list walked from its sentinel: each block tagged with the list's order and class,
   * aligned and inside the space, its previous link pointing back, and as many blocks as counted;
   * then every tag in the space accounted for by some list, so no free block is on no list or on
   * two, and no unit inside a block or outside every block carries a tag.
   */
  @Override
  void verify() {
    long[] tagged = new long[classes * orders];
    for (int u = 0; u < units; u++) {
      int word = head[u] & 0xffff;
      if ((word & FREE) != 0) {
        int order = (word & 0x3f) - 1;
        int cls = word >>> 8;
        if (order < 0 || order >= orders || cls >= classes || (word & 0x40) != 0) {
          throw new IllegalStateException("unit " + u + " has a bad free tag " + Integer.toHexString(word));
        }
        tagged[cls * orders + order]++;
      }
    }
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < orders; k++) {
        long walked = walk(c, k, name(c, k));
        verifyCount(c, k, walked, name(c, k));
        if (tagged[c * orders + k] != walked) {
          throw new IllegalStateException(
              name(c, k) + ": " + tagged[c * orders + k] + " units tagged but " + walked + " blocks on it");
        }
      }
    }
  }

  /** Walks list (cls, order) from its sentinel, checking each link; returns the blocks on it. */
  private long walk(int cls, int order, String name) {
    int sentinel = units + cls * orders + order;
    long limit = count(cls, order);
    long n = 0;
    int prev = sentinel;
    for (int s = links[2 * sentinel]; s != sentinel; prev = s, s = links[2 * s]) {
      if (s < 0 || s >= units || n++ > limit) {
        throw new IllegalStateException(name + ": link to " + s + " after " + n + " blocks (counted " + limit + ")");
      }
      if (links[2 * s + 1] != prev) {
        throw new IllegalStateException(name + ": block " + s + " links back to " + links[2 * s + 1] + ", not " + prev);
      }
      if (classOf(s, order) != cls || (s & ((1L << order) - 1)) != 0 || s + (1L << order) > units) {
        throw new IllegalStateException(name + ": block " + s + " is not a free block of this list (head word "
            + Integer.toHexString(head[s] & 0xffff) + ")");
      }
    }
    if (links[2 * sentinel + 1] != prev) {
      throw new IllegalStateException(name + ": the head's previous link is " + links[2 * sentinel + 1] + ", not "
          + prev);
    }
    return n;
  }
}
