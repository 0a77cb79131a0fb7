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
 * <p><b>Tags.</b> One byte per unit: order + 1 on the first unit of a free block, 0 elsewhere
 * (PageBuddy with buddy_order). The buddy test is one load of the buddy's tag, and a merged-away
 * block loses its tag, as Linux clears PageBuddy. With more than one list class a second byte per
 * unit names the block's class (Linux reads the pageblock's migratetype instead).
 *
 * <p><b>Metadata.</b> 9 bytes per unit with one list class (8 of links, 1 of tag), 10 with more.
 */
final class LinkedFreeLists extends FreeLists {
  /** Largest space: two links per unit and per list must fit one Java array. */
  static final long MAX_UNITS = (1L << 30) - (1L << 14);

  /** The first sentinel: list L's list_head is the pseudo unit {@code units + L}. */
  private final int units;
  private final int classes;
  /** Next unit at {@code [2u]}, previous at {@code [2u + 1]}, for free-block heads and sentinels. */
  private final int[] links;
  /** Order + 1 on the first unit of every free block, 0 on every other unit. */
  private final byte[] tag;
  /** The list class of every free block, on its first unit; null with one class (all 0). */
  private final byte[] owner;

  LinkedFreeLists(long units, int classes, int orders) {
    super(classes, orders);
    if (units > MAX_UNITS) {
      throw new InvalidRequestException(
          "units must be at most " + MAX_UNITS + " with the LINUX free-list order (two links per unit), got "
              + units);
    }
    this.units = (int) units;
    this.classes = classes;
    int lists = classes * orders;
    this.links = new int[2 * (this.units + lists)];
    for (int s = this.units; s < this.units + lists; s++) { // every list empty: the sentinel alone
      links[2 * s] = s;
      links[2 * s + 1] = s;
    }
    this.tag = new byte[this.units];
    this.owner = classes > 1 ? new byte[this.units] : null;
  }

  private LinkedFreeLists(LinkedFreeLists o) {
    super(o);
    units = o.units;
    classes = o.classes;
    links = o.links.clone();
    tag = o.tag.clone();
    owner = o.owner == null ? null : o.owner.clone();
  }

  @Override
  LinkedFreeLists copy() {
    return new LinkedFreeLists(this);
  }

  /** One load of the tag (page_is_buddy), one more of the class when there are several. */
  @Override
  int classOf(long start, int order) {
    if (start >= units || tag[(int) start] != order + 1) {
      return -1;
    }
    return owner == null ? 0 : owner[(int) start];
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
    tag[s] = 0;
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
    add(cls, order, (int) start, toTail || mergeLikely(start, order));
  }

  private boolean mergeLikely(long start, int order) {
    if (order >= orders - 2) { // order >= maxOrder - 1
      return false;
    }
    long higherBuddy = (start & ~(1L << order)) ^ (2L << order);
    return higherBuddy < units && tag[(int) higherBuddy] == order + 2;
  }

  /** Walks [start, end) by the tags, in address order, as move_freepages walks page frames. */
  @Override
  long moveAll(long start, long end, int cls) {
    long moved = 0;
    for (long u = start; u < end; ) {
      int t = tag[(int) u];
      if (t == 0) {
        u++;
        continue;
      }
      int order = t - 1;
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

  private void add(int cls, int order, int s, boolean tail) {
    int sentinel = units + cls * orders + order;
    int[] l = links;
    if (tail) { // list_add_tail
      int prev = l[2 * sentinel + 1];
      l[2 * s] = sentinel;
      l[2 * s + 1] = prev;
      l[2 * prev] = s;
      l[2 * sentinel + 1] = s;
    } else { // list_add
      int next = l[2 * sentinel];
      l[2 * s] = next;
      l[2 * s + 1] = sentinel;
      l[2 * next + 1] = s;
      l[2 * sentinel] = s;
    }
    tag[s] = (byte) (order + 1);
    if (owner != null) {
      owner[s] = (byte) cls;
    }
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
      if (tag[u] != 0) {
        int order = tag[u] - 1;
        int cls = owner == null ? 0 : owner[u];
        if (order < 0 || order >= orders || cls < 0 || cls >= classes) {
          throw new IllegalStateException("unit " + u + " has free tag " + tag[u] + " class " + cls);
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
        throw new IllegalStateException(name + ": block " + s + " is not a free block of this list (tag "
            + tag[s] + ", class " + classOf(s, order) + ")");
      }
    }
    if (links[2 * sentinel + 1] != prev) {
      throw new IllegalStateException(name + ": the head's previous link is " + links[2 * sentinel + 1] + ", not "
          + prev);
    }
    return n;
  }
}
