package io.buddykit.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ConcurrentModificationException;
import java.util.Objects;

/**
 * A binary buddy allocator over unit indices: blocks of order k are 2^k units aligned to 2^k, the
 * buddy of a block is {@code start ^ (1L << k)}, and free buddies coalesce up to {@code maxOrder}.
 *
 * <p><b>Policy.</b> An allocation takes the smallest order that has a free block (as Linux's
 * {@code __rmqueue_smallest}) and, within that order, the block its {@link FreeListOrder} names:
 * the lowest address (the default), or the head of Linux's list. Either way the same calls always
 * give the same answers. Under the lowest address live blocks pack towards unit 0, which keeps
 * high addresses free in large blocks; under Linux's order recently freed blocks are reused first.
 *
 * <p><b>Free lists.</b> One free list per (order, list class), all in one {@link FreeLists}. List
 * classes let the simulator keep Linux's migratetypes on this code; with one class (the default)
 * they cost nothing. A {@link MergePolicy} may veto a merge; without one every merge happens.
 *
 * <p><b>Metadata.</b> One {@code short} per unit, its head word: its low byte is the header of the
 * allocation that starts there (0 when none does), its high byte is payload owned by that
 * allocation: the list class in the first unit's, the requested size in the next ones'. Under the
 * lowest-address order free blocks live only in the free bitmaps (2 bits per unit over all
 * orders); under Linux's order a free block's first unit carries a tag in its head word instead of
 * a header, as a free page carries PageBuddy, and the lists' links take 8 bytes per unit. The
 * reserved bitmap takes 1 bit per unit: about 2.4 bytes per unit in all with one list class, or
 * 10.1 under Linux's order.
 *
 * <p><b>Cost.</b> Allocation and free touch O(maxOrder + log64 units) words and allocate no
 * objects. Every bad call throws a {@link BuddyException} before changing anything.
 *
 * <p>Not thread-safe: one owner at a time (the off-heap arena puts its own locking around it).
 */
public final class BuddyAllocator {

  /** Largest supported space: metadata is indexed by int. */
  public static final long MAX_UNITS = Integer.MAX_VALUE - 64L;

  /** Largest supported maxOrder. */
  public static final int MAX_ORDER_LIMIT = 62;

  private static final int ORDER_MASK = 0x3f;
  private static final int EXACT = 0x40;

  private final long units;
  private final int maxOrder;
  private final int orders;
  private final int classes;
  private final MergePolicy mergePolicy;
  private final FreeListOrder listOrder;

  /** Free lists, list index {@code cls * orders + order}. */
  private final FreeLists free;
  /**
   * The same lists under {@link FreeListOrder#LINUX}, else null: typed as the one class, so the
   * hot paths call {@link LinkedFreeLists#take} and {@link LinkedFreeLists#free} directly.
   */
  private final LinkedFreeLists linked;
  /** {@link #linked} when there is no merge policy, else null: free's hot path merges unasked. */
  private final LinkedFreeLists linkedNoVeto;
  /**
   * One head word per unit, read only through {@link #header}, {@link #payload} and {@link #headWord}:
   * <pre>
   *  15          8 7 6 5          0
   * +-------------+-+-+------------+
   * |   payload   |F|E| order + 1  |   E: EXACT; header (bits 0-7) 0 when no allocation starts here
   * +-------------+-+-+------------+
   * </pre>
   * The payload belongs to the allocation: its list class in its first unit, the bytes of its
   * requested size in the next ones (see {@link #writeRequested}). With F set the word is instead
   * the tag of a free block that starts here (Linux's order only; {@link LinkedFreeLists} writes
   * it): its order + 1 below F, its list class as payload; {@link #header} reads it as 0.
   */
  private final short[] head;
  /** One bit per unit: taken out of service by {@link #reserve}. */
  private final long[] reserved;

  /**
   * Under assertions only: the thread last inside an allocating or freeing call. Each such call
   * claims it on entry and checks it is still its own on the way out, so two threads using one
   * allocator without a lock (a silent corruption of the free lists otherwise) meet a
   * {@link ConcurrentModificationException} as soon as their calls overlap, as the JDK's
   * collections do. Calls one at a time under the caller's lock (the arena) never do. Opaque
   * access keeps the JIT from folding the check into the claim.
   */
  @SuppressWarnings("unused") // read and written through USER
  private Thread user;

  private static final VarHandle USER;

  static {
    try {
      USER = MethodHandles.lookup().findVarHandle(BuddyAllocator.class, "user", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private long freeUnits;
  private long reservedUnits;
  private long liveAllocations;
  private long liveRequested;

  private BuddyAllocator(long units, int maxOrder, int classes, MergePolicy mergePolicy, FreeListOrder listOrder) {
    if (units < 1 || units > MAX_UNITS) {
      throw new InvalidRequestException(
          "units must be in [1, " + MAX_UNITS + "], got " + units
              + " (use a larger unit for a larger space)");
    }
    if (maxOrder < 0 || maxOrder > MAX_ORDER_LIMIT) {
      throw new InvalidRequestException(
          "maxOrder must be in [0, " + MAX_ORDER_LIMIT + "], got " + maxOrder);
    }
    if (classes < 1 || classes > 128) {
      throw new InvalidRequestException("list classes must be in [1, 128], got " + classes);
    }
    if (listOrder == FreeListOrder.LINUX && units > LinkedFreeLists.MAX_UNITS) {
      throw new InvalidRequestException(
          "units must be at most " + LinkedFreeLists.MAX_UNITS
              + " with the LINUX free-list order (two links per unit), got " + units);
    }
    this.units = units;
    this.maxOrder = maxOrder;
    this.orders = maxOrder + 1;
    this.classes = classes;
    this.mergePolicy = mergePolicy;
    this.listOrder = listOrder;
    this.head = new short[(int) units];
    this.free = FreeLists.create(listOrder, head, maxOrder, classes);
    this.linked = free instanceof LinkedFreeLists l ? l : null;
    this.linkedNoVeto = mergePolicy == null ? linked : null;
    this.reserved = new long[(int) ((units + 63) >>> 6)];
    this.freeUnits = units;
    freeRange(0, units, 0, true); // boot hand-over: __free_pages_core frees to the tail
  }

  private BuddyAllocator(BuddyAllocator o) {
    units = o.units;
    maxOrder = o.maxOrder;
    orders = o.orders;
    classes = o.classes;
    mergePolicy = o.mergePolicy;
    listOrder = o.listOrder;
    head = o.head.clone();
    free = o.free.copy(head);
    linked = free instanceof LinkedFreeLists l ? l : null;
    linkedNoVeto = mergePolicy == null ? linked : null;
    reserved = o.reserved.clone();
    freeUnits = o.freeUnits;
    reservedUnits = o.reservedUnits;
    liveAllocations = o.liveAllocations;
    liveRequested = o.liveRequested;
  }

  /**
   * A space of {@code units} units, all free, with one list class, no merge policy and the
   * lowest-address order.
   */
  public static BuddyAllocator create(long units, int maxOrder) {
    return new BuddyAllocator(units, maxOrder, 1, null, FreeListOrder.LOWEST_ADDRESS);
  }

  /** A builder for list classes, a merge policy and the free-list order. */
  public static Builder builder(long units, int maxOrder) {
    return new Builder(units, maxOrder);
  }

  /** Builds a {@link BuddyAllocator} with list classes, a merge policy and a free-list order. */
  public static final class Builder {
    private final long units;
    private final int maxOrder;
    private int listClasses = 1;
    private MergePolicy mergePolicy;
    private FreeListOrder freeListOrder = FreeListOrder.LOWEST_ADDRESS;

    private Builder(long units, int maxOrder) {
      this.units = units;
      this.maxOrder = maxOrder;
    }

    /** Number of free-list classes (Linux: migratetypes), 1 to 128; default 1. */
    public Builder listClasses(int classes) {
      this.listClasses = classes;
      return this;
    }

    /** A policy that may veto merges; default none (every merge happens). */
    public Builder mergePolicy(MergePolicy policy) {
      this.mergePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Which free block of an order an allocation takes; default {@link FreeListOrder#LOWEST_ADDRESS}.
     * {@link FreeListOrder#LINUX} takes spaces of at most 2^30 - 2^14 units.
     */
    public Builder freeListOrder(FreeListOrder order) {
      this.freeListOrder = Objects.requireNonNull(order, "order");
      return this;
    }

    public BuddyAllocator build() {
      return new BuddyAllocator(units, maxOrder, listClasses, mergePolicy, freeListOrder);
    }
  }

  /** An independent deep copy (same policy object), for what-if runs. */
  public BuddyAllocator copy() {
    return new BuddyAllocator(this);
  }

  // ---------------------------------------------------------------- allocation

  /** Allocates a block of {@code order} from list class 0; throws when none is free. */
  public long allocate(int order) {
    return allocate(order, 0);
  }

  /** Allocates a block of {@code order} from list class {@code cls}; throws when none is free. */
  public long allocate(int order, int cls) {
    long start = tryAllocate(order, cls);
    if (start < 0) {
      throw outOfSpace(order, cls);
    }
    return start;
  }

  /** The start of a free block of {@code order} now allocated, or -1 when none is free. */
  public long tryAllocate(int order) {
    return tryAllocate(order, 0);
  }

  /** As {@link #tryAllocate(int)}, from list class {@code cls} only. */
  public long tryAllocate(int order, int cls) {
    assert claim();
    checkOrder(order);
    checkClass(cls);
    long start = takeBlock(order, cls);
    if (start >= 0) {
      markLive(start, order, 0, cls, 1L << order);
    }
    assert stillOwn("allocate");
    return start;
  }

  /** Allocates {@code n} units rounded up to the next power of two; throws when no block is free. */
  public long allocateUnits(long n) {
    long start = tryAllocateUnits(n);
    if (start < 0) {
      throw outOfSpace(orderFor(n), 0);
    }
    return start;
  }

  /** As {@link #allocateUnits}, but -1 when no block is free. */
  public long tryAllocateUnits(long n) {
    assert claim();
    int order = checkedOrderFor(n);
    long start = takeBlock(order, 0);
    if (start >= 0) {
      markLive(start, order, 0, 0, n);
    }
    assert stillOwn("allocateUnits");
    return start;
  }

  /**
   * Allocates exactly {@code n} contiguous units (Linux's alloc_pages_exact): a block of the next
   * power of two is taken and its tail beyond {@code n} goes back to the free lists at once. The
   * run starts aligned to that power of two; {@link #free} gives back all {@code n} units. Under
   * {@link FreeListOrder#LINUX} the tail goes to the tails of the lists, as in make_alloc_exact.
   */
  public long allocateExact(long n) {
    long start = tryAllocateExact(n);
    if (start < 0) {
      throw outOfSpace(orderFor(n), 0);
    }
    return start;
  }

  /** As {@link #allocateExact}, but -1 when no block is free. */
  public long tryAllocateExact(long n) {
    int order = checkedOrderFor(n);
    if (n == 1L << order) {
      return tryAllocate(order, 0);
    }
    long start = takeBlock(order, 0);
    if (start >= 0) {
      freeRange(start + n, start + (1L << order), 0, true); // make_alloc_exact frees to the tail
      freeUnits -= n - (1L << order); // takeBlock counted the whole block; the tail came back
      markLive(start, order, EXACT, 0, n);
    }
    return start;
  }

  /**
   * Allocates the block of {@code order} that starts at {@code start}, if it is wholly free: the
   * free block holding it is split around it (the caller chooses the placement: a best-fit or
   * most-crowded policy, or moving a live block to a planned place). Returns false, changing
   * nothing, when it is not part of one free block: when a unit of it is not free, or (with a
   * merge policy) when it is free but split across buddies the policy keeps apart.
   */
  public boolean tryAllocateAt(long start, int order) {
    checkOrder(order);
    if (start < 0 || start >= units || (start & ((1L << order) - 1)) != 0) {
      throw new InvalidRequestException(
          "cannot allocate at unit " + start + ": not a multiple of 2^" + order + " inside [0, " + units + ")");
    }
    long block = freeBlockContaining(start);
    if (block < 0 || FreeBlock.order(block) < order) {
      return false;
    }
    long bStart = FreeBlock.start(block);
    int bOrder = FreeBlock.order(block);
    int cls = free.classOf(bStart, bOrder);
    free.remove(cls, bOrder, bStart);
    long end = start + (1L << order);
    putBack(bStart, start, cls);
    putBack(end, bStart + (1L << bOrder), cls);
    freeUnits -= 1L << order;
    markLive(start, order, 0, cls, 1L << order);
    return true;
  }

  /**
   * Takes the first free block (the lowest, or the list's head) of the smallest sufficient order
   * and splits it down to order, keeping the low half.
   */
  private long takeBlock(int order, int cls) {
    LinkedFreeLists l = linked;
    if (l != null) {
      int s = l.take(cls, order);
      if (s >= 0) {
        freeUnits -= 1L << order;
      }
      return s;
    }
    FreeLists lists = free;
    int k = lists.lowestNonEmpty(cls, order);
    if (k < 0) {
      return -1;
    }
    long start = lists.first(cls, k);
    lists.remove(cls, k, start);
    if (k > order) {
      expand(start, k, order, cls);
    }
    freeUnits -= 1L << order;
    return start;
  }

  /**
   * Linux's expand(): the upper halves of the block of order {@code high} at start go back, the
   * largest first, down to {@code low}. Out of line: on a steady workload few allocations split,
   * and the taking path stays small enough to inline.
   */
  private void expand(long start, int high, int low, int cls) {
    FreeLists lists = free;
    for (int k = high - 1; k >= low; k--) {
      lists.addSplit(cls, k, start | (1L << k));
    }
  }

  /**
   * Puts [from, to), the rest of a free block that a block was taken out of, back on the lists as
   * the largest aligned pieces, each at the head (Linux's break_down_buddy_pages). No merge can
   * follow: each piece's buddy lies in the old block and holds the taken block or a piece.
   */
  private void putBack(long from, long to, int cls) {
    for (long p = from; p < to; ) {
      int order = AlignedBlocks.orderAt(p, to, maxOrder);
      free.addSplit(cls, order, p);
      p += 1L << order;
    }
  }

  private void markLive(long start, int order, int flags, int cls, long requested) {
    int s = (int) start;
    head[s] = headWord((order + 1) | flags, cls);
    writeRequested(s, order, requested);
    liveAllocations++;
    liveRequested += requested;
  }

  /** Under assertions: this thread is now inside a call (see {@link #user}). */
  private boolean claim() {
    USER.setOpaque(this, Thread.currentThread());
    return true;
  }

  /** Under assertions: no other thread entered a call since this one's {@link #claim}. */
  private boolean stillOwn(String op) {
    if (USER.getOpaque(this) != Thread.currentThread()) {
      throw new ConcurrentModificationException("BuddyAllocator." + op + ": another thread used this allocator"
          + " during the call; it is not thread-safe (one owner at a time: lock around it)");
    }
    return true;
  }

  // ---------------------------------------------------------------- free

  /** Frees the allocation that starts at {@code start} into the list class it came from. */
  public void free(long start) {
    assert claim();
    LinkedFreeLists l = linkedNoVeto;
    if (l != null && start >= 0 && start < units) { // Linux's order, no merge policy: the hot path
      int s = (int) start;
      int word = head[s];
      int h = word & 0xff;
      if (h != 0 && h < EXACT) { // a live buddy block (not free, not exact) starts here
        int order = h - 1;
        long requested = readRequested(s, order);
        head[s] = 0;
        l.free(s, order, (word >>> 8) & 0xff, false);
        freeUnits += 1L << order;
        liveAllocations--;
        liveRequested -= requested;
        assert stillOwn("free");
        return;
      }
    }
    int h = liveHeader(start, "free");
    freeAllocation(start, h, payload((int) start), false);
    assert stillOwn("free");
  }

  /** Frees the allocation that starts at {@code start} into list class {@code cls}. */
  public void free(long start, int cls) {
    int h = liveHeader(start, "free");
    checkClass(cls);
    freeAllocation(start, h, cls, false);
  }

  /**
   * Frees the allocation at {@code start} into list class {@code cls}; with {@code toTail} the
   * merged block goes to the tail of its list (Linux's FPI_TO_TAIL: memory handed over rather than
   * just used, to be reused last). Without it, or under the lowest-address order, as {@link
   * #free(long, int)}.
   */
  public void free(long start, int cls, boolean toTail) {
    int h = liveHeader(start, "free");
    checkClass(cls);
    freeAllocation(start, h, cls, toTail);
  }

  private void freeAllocation(long start, int h, int cls, boolean toTail) {
    int s = (int) start;
    int order = headerOrder(h);
    long requested = readRequested(s, order);
    long granted;
    if ((h & EXACT) != 0) {
      granted = requested;
      int[] tops = planRange(start, start + requested); // may throw: nothing has changed yet
      head[s] = 0;
      commitRange(start, start + requested, tops, cls, toTail);
    } else {
      granted = 1L << order;
      LinkedFreeLists l = linkedNoVeto;
      if (l != null) {
        head[s] = 0;
        l.free(s, order, cls, toTail);
      } else {
        int top = mergeTop(start, order, null); // may throw: nothing has changed yet
        head[s] = 0;
        commitFree(start, order, top, cls, toTail);
      }
    }
    freeUnits += granted;
    liveAllocations--;
    liveRequested -= requested;
  }

  /**
   * Merges the free block at start with its free buddies (Linux __free_one_page) up to order
   * {@code top} (at most; it stops at a buddy that is not free) and puts the result on list class
   * cls, at the end the lists choose (see {@link FreeLists#addFreed}); returns the number of
   * merges. Asks nothing: {@link #mergeTop} asked the merge policy about every merge first, so a
   * policy that throws leaves the allocator as it was.
   */
  private int commitFree(long start, int order, int top, int cls, boolean toTail) {
    FreeLists lists = free;
    int from = order;
    while (order < top) {
      long buddy = start ^ (1L << order);
      int buddyClass = lists.classOf(buddy, order);
      if (buddyClass < 0) {
        break;
      }
      lists.removeMerged(buddyClass, order, buddy);
      start &= buddy;
      order++;
    }
    lists.addFreed(cls, order, start, toTail);
    return order - from;
  }

  /**
   * The order a block freed at start would merge up to, asking the merge policy on the way and
   * changing nothing: {@link #maxOrder} without a policy (the commit stops at the first buddy that
   * is not free). With an {@code overlay} (see {@link #planRange}) the free lists are read as
   * changed by the blocks planned before, and this block's merges are added to it.
   */
  private int mergeTop(long start, int order, long[] overlay) {
    MergePolicy policy = mergePolicy;
    if (policy == null) {
      return maxOrder;
    }
    while (order < maxOrder) {
      long buddy = start ^ (1L << order);
      if (!plannedFree(buddy, order, overlay)) {
        break;
      }
      long left = start & buddy;
      if (!policy.mayMerge(left, order)) {
        break;
      }
      if (overlay != null) {
        overlay[(int) ++overlay[0]] = ~FreeBlock.pack(buddy, order); // merged away: no longer free
      }
      start = left;
      order++;
    }
    if (overlay != null) {
      overlay[(int) ++overlay[0]] = FreeBlock.pack(start, order);
    }
    return order;
  }

  /** Whether the block is on a free list, as the overlay's planned merges would leave them. */
  private boolean plannedFree(long start, int order, long[] overlay) {
    if (overlay != null) {
      long key = FreeBlock.pack(start, order);
      for (int i = (int) overlay[0]; i >= 1; i--) {
        if (overlay[i] == key || overlay[i] == ~key) {
          return overlay[i] >= 0;
        }
      }
    }
    return free.classOf(start, order) >= 0;
  }

  /** Free blocks of exactly {@code order} in list class {@code cls} (O(1)). */
  public long freeBlocks(int order, int cls) {
    checkOrder(order);
    checkClass(cls);
    return free.count(cls, order);
  }

  /**
   * The first free block of exactly {@code order} in list class {@code cls}, or -1: the one an
   * allocation of that order and class would take if no smaller order had a free block. Under the
   * lowest-address order the lowest such block; under {@link FreeListOrder#LINUX} the head of the
   * list (the last block put at the head: recently freed, or split off), not in general the lowest.
   */
  public long firstFreeBlock(int order, int cls) {
    checkOrder(order);
    checkClass(cls);
    return free.first(cls, order);
  }

  /** Free units in list class {@code cls} (O(maxOrder)). */
  public long freeUnits(int cls) {
    checkClass(cls);
    long n = 0;
    for (int k = 0; k <= maxOrder; k++) {
      n += free.count(cls, k) << k;
    }
    return n;
  }

  /**
   * The list class of the free block that starts at {@code start} with exactly {@code order}, or
   * -1 when no free block does.
   */
  public int freeClassAt(long start, int order) {
    checkOrder(order);
    if (start < 0 || start >= units || (start & ((1L << order) - 1)) != 0) {
      return -1;
    }
    return free.classOf(start, order);
  }

  /** Frees [from, to) as {@link AlignedBlocks}, lowest first, merging each. */
  private void freeRange(long from, long to, int cls, boolean toTail) {
    commitRange(from, to, planRange(from, to), cls, toTail);
  }

  /**
   * Asks the merge policy about every merge freeing [from, to) would make, changing nothing, and
   * returns each piece's top order for {@link #commitRange}; null without a policy. A piece may
   * merge with pieces freed before it, so the asking walks the lists as an overlay of planned
   * changes (one entry per merge and per piece: a few hundred longs at most).
   */
  private int[] planRange(long from, long to) {
    if (mergePolicy == null) {
      return null;
    }
    int pieces = 0;
    for (long p = from; p < to; p += 1L << AlignedBlocks.orderAt(p, to, maxOrder)) {
      pieces++;
    }
    int[] tops = new int[pieces];
    long[] overlay = new long[1 + pieces * (maxOrder + 1)];
    int i = 0;
    for (long p = from; p < to; i++) {
      int order = AlignedBlocks.orderAt(p, to, maxOrder);
      tops[i] = mergeTop(p, order, overlay);
      p += 1L << order;
    }
    return tops;
  }

  /** Frees [from, to) piece by piece, each merged up to its planned top (or fully without a plan). */
  private void commitRange(long from, long to, int[] tops, int cls, boolean toTail) {
    int i = 0;
    for (long p = from; p < to; i++) {
      int order = AlignedBlocks.orderAt(p, to, maxOrder);
      commitFree(p, order, tops == null ? maxOrder : tops[i], cls, toTail);
      p += 1L << order;
    }
  }

  // ---------------------------------------------------------------- grow, split

  /**
   * Doubles the live block at {@code start} in place by taking its free right-hand buddy. Returns
   * false, changing nothing, when the block is a right half (it cannot grow without moving), is
   * already of maxOrder, its buddy is not wholly free, or the merge policy says no. After growth the
   * whole block counts as requested.
   */
  public boolean tryGrowInPlace(long start) {
    int h = plainLiveHeader(start, "grow");
    int order = headerOrder(h);
    if (order >= maxOrder || (start & (1L << order)) != 0) {
      return false;
    }
    long buddy = start + (1L << order);
    int buddyClass = free.classOf(buddy, order);
    if (buddyClass < 0 || (mergePolicy != null && !mergePolicy.mayMerge(start, order))) {
      return false;
    }
    int s = (int) start;
    long requested = readRequested(s, order);
    free.remove(buddyClass, order, buddy);
    freeUnits -= 1L << order;
    head[s] = headWord(order + 2, payload(s));
    writeRequested(s, order + 1, 2L << order);
    liveRequested += (2L << order) - requested;
    return true;
  }

  /**
   * Splits the live block at {@code start} into two live halves of one order less (Linux's
   * split_page), each then freed on its own. Both halves count as wholly requested.
   */
  public void split(long start) {
    int h = plainLiveHeader(start, "split");
    int order = headerOrder(h);
    if (order == 0) {
      throw new InvalidRequestException("cannot split unit " + start + ": it is an order-0 block");
    }
    int s = (int) start;
    long requested = readRequested(s, order);
    int cls = payload(s);
    int half = 1 << (order - 1);
    head[s] = headWord(order, cls);
    head[s + half] = headWord(order, cls);
    writeRequested(s, order - 1, half);
    writeRequested(s + half, order - 1, half);
    liveAllocations++;
    liveRequested += (2L * half) - requested;
  }

  // ---------------------------------------------------------------- reserve, release

  /**
   * Takes the free range [start, start + n) out of service (boot-time reservations, holes). Any
   * alignment; every unit must be free. Free blocks that straddle the range are split around it.
   */
  public void reserve(long start, long n) {
    checkRange(start, n, "reserve");
    long end = start + n;
    for (long p = start; p < end; ) { // check first, then change
      long block = freeBlockContaining(p);
      if (block < 0) {
        throw new RangeStateException(
            "cannot reserve [" + start + ", " + end + "): unit " + p + " " + describe(p));
      }
      p = FreeBlock.end(block);
    }
    for (long p = start; p < end; ) {
      long block = freeBlockContaining(p);
      long bStart = FreeBlock.start(block);
      int order = FreeBlock.order(block);
      long bEnd = FreeBlock.end(block);
      int cls = free.classOf(bStart, order);
      free.remove(cls, order, bStart);
      freeUnits -= 1L << order;
      if (bStart < start) {
        freeUnits += start - bStart;
        putBack(bStart, start, cls);
      }
      if (bEnd > end) {
        freeUnits += bEnd - end;
        putBack(end, bEnd, cls);
      }
      p = bEnd;
    }
    setReserved(start, end, true);
    reservedUnits += n;
  }

  /** Gives the reserved range [start, start + n) back to list class 0, merging fully. */
  public void release(long start, long n) {
    release(start, n, 0);
  }

  /**
   * Gives the reserved range [start, start + n) back to list class {@code cls}, merging fully;
   * under {@link FreeListOrder#LINUX} to the tails, as __free_pages_core hands memory over.
   */
  public void release(long start, long n, int cls) {
    checkRange(start, n, "release");
    checkClass(cls);
    long end = start + n;
    for (long p = start; p < end; p++) {
      if (!isReserved(p)) {
        throw new RangeStateException(
            "cannot release [" + start + ", " + end + "): unit " + p + " " + describe(p));
      }
    }
    int[] tops = planRange(start, end); // may throw: nothing has changed yet
    setReserved(start, end, false);
    reservedUnits -= n;
    freeUnits += n;
    commitRange(start, end, tops, cls, true);
  }

  /**
   * The free block holding unit {@code p}, packed as {@link FreeBlock} says, or {@link FreeBlock#NONE}
   * when p is not free (Linux walks up the orders the same way to find a free page's buddy head).
   */
  public long freeBlockContaining(long p) {
    if (p < 0 || p >= units) {
      return FreeBlock.NONE;
    }
    for (int k = 0; k <= maxOrder; k++) {
      long start = p & -(1L << k);
      if (free.classOf(start, k) >= 0) {
        return FreeBlock.pack(start, k);
      }
    }
    return FreeBlock.NONE;
  }

  private boolean isReserved(long u) {
    return (reserved[(int) (u >>> 6)] & (1L << u)) != 0;
  }

  private void setReserved(long from, long to, boolean value) {
    for (long u = from; u < to; u++) {
      if (value) {
        reserved[(int) (u >>> 6)] |= 1L << u;
      } else {
        reserved[(int) (u >>> 6)] &= ~(1L << u);
      }
    }
  }

  // ---------------------------------------------------------------- list classes

  /**
   * Moves every free block lying wholly inside [start, start + n) to list class {@code cls}
   * (Linux's move_freepages_block; under {@link FreeListOrder#LINUX} to the tails, in address
   * order). Returns the number of free units moved.
   */
  public long moveFreeBlocks(long start, long n, int cls) {
    checkRange(start, n, "move free blocks of");
    checkClass(cls);
    return free.moveAll(start, start + n, cls);
  }

  /**
   * Merges every pair of free buddies that the merge policy now allows, for when the facts behind
   * the policy have changed (say, wear has evened out). Returns the number of merges made.
   */
  public long coalesce() {
    long merges = 0;
    for (int k = 0; k < maxOrder; k++) {
      long size = 1L << k;
      for (int c = 0; c < classes; c++) {
        for (long start = free.next(c, k, 0); start >= 0; start = free.next(c, k, start + size)) {
          if ((start & size) != 0) {
            continue; // visit each pair once, from its left buddy
          }
          long buddy = start + size;
          int buddyClass = free.classOf(buddy, k);
          if (buddyClass >= 0) {
            int top = mergeTop(start, k, null); // asks about this pair and every merge after it
            if (top > k) {
              free.remove(c, k, start);
              free.remove(buddyClass, k, buddy);
              merges += 1 + commitFree(start, k + 1, top, c, false);
            }
          }
        }
      }
    }
    return merges;
  }

  // ---------------------------------------------------------------- queries

  /** The order the live allocation at {@code start} was taken at (an exact one: its rounded order). */
  public int orderOf(long start) {
    return headerOrder(liveHeader(start, "orderOf"));
  }

  /** Units held by the live allocation at {@code start}: 2^order, or n for an exact one. */
  public long sizeOf(long start) {
    int h = liveHeader(start, "sizeOf");
    int order = headerOrder(h);
    return (h & EXACT) != 0 ? readRequested((int) start, order) : 1L << order;
  }

  /** Units asked for by the live allocation at {@code start}. */
  public long requestedOf(long start) {
    int h = liveHeader(start, "requestedOf");
    return readRequested((int) start, headerOrder(h));
  }

  /** True when a live allocation starts at {@code unit} (false for units outside the space). */
  public boolean isLive(long unit) {
    return unit >= 0 && unit < units && header((int) unit) != 0;
  }

  /** True when {@code unit} lies in a free block. */
  public boolean isFree(long unit) {
    return unit >= 0 && unit < units && freeBlockContaining(unit) >= 0;
  }

  /** True when {@code unit} is reserved. */
  public boolean isReservedUnit(long unit) {
    return unit >= 0 && unit < units && isReserved(unit);
  }

  public long freeUnits() {
    return freeUnits;
  }

  public long reservedUnits() {
    return reservedUnits;
  }

  /** Units held by live allocations (granted, rounding included). */
  public long liveUnits() {
    return units - freeUnits - reservedUnits;
  }

  /** Units asked for by live allocations; {@code liveUnits() - liveRequestedUnits()} is waste. */
  public long liveRequestedUnits() {
    return liveRequested;
  }

  public long liveAllocations() {
    return liveAllocations;
  }

  /** Free blocks per order over all list classes, index = order (Linux's /proc/buddyinfo). */
  public long[] buddyInfo() {
    long[] nr = new long[orders];
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < orders; k++) {
        nr[k] += free.count(c, k);
      }
    }
    return nr;
  }

  /** Free blocks per order in list class {@code cls} (Linux's /proc/pagetypeinfo row). */
  public long[] buddyInfo(int cls) {
    checkClass(cls);
    long[] nr = new long[orders];
    for (int k = 0; k < orders; k++) {
      nr[k] = free.count(cls, k);
    }
    return nr;
  }

  /** The largest order with a free block in any class, or -1 when nothing is free. */
  public int largestFreeOrder() {
    int largest = -1;
    for (int c = 0; c < classes; c++) {
      largest = Math.max(largest, free.highestNonEmpty(c));
    }
    return largest;
  }

  public int maxOrder() {
    return maxOrder;
  }

  public long units() {
    return units;
  }

  public int listClasses() {
    return classes;
  }

  /** Which free block of an order an allocation takes. */
  public FreeListOrder freeListOrder() {
    return listOrder;
  }

  /** Receives blocks from {@link #forEachFreeBlock} and {@link #forEachLive}. */
  @FunctionalInterface
  public interface BlockVisitor {
    /**
     * @param start first unit
     * @param size units in the block (an exact allocation: its n units)
     * @param order its order (an exact allocation: the rounded order)
     * @param cls its list class
     */
    void visit(long start, long size, int order, int cls);
  }

  /** Visits every free block, by list class, then order, then address. */
  public void forEachFreeBlock(BlockVisitor visitor) {
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k <= maxOrder; k++) {
        for (long s = free.next(c, k, 0); s >= 0; s = free.next(c, k, s + (1L << k))) {
          visitor.visit(s, 1L << k, k, c);
        }
      }
    }
  }

  /** Visits every live allocation by address. */
  public void forEachLive(BlockVisitor visitor) {
    for (int u = 0; u < units; u++) {
      int h = header(u);
      if (h != 0) {
        int order = headerOrder(h);
        long size = (h & EXACT) != 0 ? readRequested(u, order) : 1L << order;
        visitor.visit(u, size, order, payload(u));
      }
    }
  }

  // ---------------------------------------------------------------- verify

  /**
   * Checks every invariant; throws {@link IllegalStateException} naming the first broken one:
   * free lists and their counts, and their summaries or links and tags; free blocks aligned,
   * inside the space and disjoint;
   * free buddies merged unless the policy says no; live allocations aligned, in range, disjoint
   * from everything; every unit free, live or reserved exactly once; the counters.
   */
  public void verify() {
    long[] covered = new long[(int) ((units + 63) >>> 6)];
    long freeSeen = verifyFreeLists(covered);
    if (freeSeen != freeUnits) {
      throw new IllegalStateException("freeUnits is " + freeUnits + " but free blocks hold " + freeSeen);
    }
    long reservedSeen = verifyReserved(covered);
    if (reservedSeen != reservedUnits) {
      throw new IllegalStateException(
          "reservedUnits is " + reservedUnits + " but " + reservedSeen + " units are reserved");
    }
    long liveSeen = verifyLive(covered);
    if (freeSeen + reservedSeen + liveSeen != units) {
      throw new IllegalStateException(
          "free " + freeSeen + " + reserved " + reservedSeen + " + live " + liveSeen
              + " units do not add up to the space of " + units);
    }
  }

  /**
   * The free lists (as {@link FreeLists#verify} checks them), and every free block on them: inside the space,
   * clear of reserved units and of every block seen so far, and merged with a free buddy unless
   * the policy says no. Returns the free units seen.
   */
  private long verifyFreeLists(long[] covered) {
    free.verify();
    long freeSeen = 0;
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k <= maxOrder; k++) {
        for (long start = free.next(c, k, 0); start >= 0; start = free.next(c, k, start + (1L << k))) {
          String block = "free block [" + start + ", " + (start + (1L << k)) + ") order " + k;
          if (start + (1L << k) > units) {
            throw new IllegalStateException(block + " runs past the space of " + units);
          }
          cover(covered, start, 1L << k, block);
          for (long u = start; u < start + (1L << k); u++) {
            if (isReserved(u)) {
              throw new IllegalStateException(block + " holds reserved unit " + u);
            }
          }
          if (k < maxOrder && (start & (1L << k)) == 0) {
            long buddy = start + (1L << k);
            if (free.classOf(buddy, k) >= 0
                && (mergePolicy == null || mergePolicy.mayMerge(start, k))) {
              throw new IllegalStateException(block + " and its free buddy " + buddy + " are not merged");
            }
          }
          freeSeen += 1L << k;
        }
      }
    }
    return freeSeen;
  }

  /** Every reserved unit, clear of every block seen so far. Returns the reserved units seen. */
  private long verifyReserved(long[] covered) {
    long reservedSeen = 0;
    for (long u = 0; u < units; u++) {
      if (isReserved(u)) {
        cover(covered, u, 1, "reserved unit " + u);
        reservedSeen++;
      }
    }
    return reservedSeen;
  }

  /**
   * Every live allocation: a sound header, aligned, a list class that exists, a requested size
   * that fits its order, inside the space and clear of everything else; then the live counters.
   * Returns the units the allocations hold.
   */
  private long verifyLive(long[] covered) {
    long[] live = new long[3]; // allocations, requested, granted
    for (int u = 0; u < units; u++) {
      int h = header(u);
      if (h == 0) {
        continue;
      }
      int order = headerOrder(h);
      String block = "live allocation at " + u + " order " + order;
      if (order > maxOrder || (h & ~(ORDER_MASK | EXACT)) != 0) {
        throw new IllegalStateException(block + " has a bad header " + h);
      }
      if ((u & ((1L << order) - 1)) != 0) {
        throw new IllegalStateException(block + " is not aligned to 2^" + order);
      }
      int cls = payload(u);
      if (cls >= classes) {
        throw new IllegalStateException(block + " has list class " + cls);
      }
      long requested = readRequested(u, order);
      long size = 1L << order;
      if ((h & EXACT) != 0) {
        if (requested <= size / 2 || requested >= size) {
          throw new IllegalStateException(block + " is exact with " + requested + " units");
        }
        size = requested;
      } else if (requested < 1 || requested > size) {
        throw new IllegalStateException(block + " claims " + requested + " requested units");
      }
      if (u + size > units) {
        throw new IllegalStateException(block + " runs past the space of " + units);
      }
      cover(covered, u, size, block);
      live[0]++;
      live[1] += requested;
      live[2] += size;
    }
    if (live[0] != liveAllocations || live[1] != liveRequested) {
      throw new IllegalStateException(
          "counters say " + liveAllocations + " live allocations, " + liveRequested
              + " requested units; found " + live[0] + ", " + live[1]);
    }
    return live[2];
  }

  private static void cover(long[] covered, long start, long n, String what) {
    for (long u = start; u < start + n; u++) {
      long bit = 1L << u;
      if ((covered[(int) (u >>> 6)] & bit) != 0) {
        throw new IllegalStateException(what + " overlaps something else at unit " + u);
      }
      covered[(int) (u >>> 6)] |= bit;
    }
  }

  // ---------------------------------------------------------------- head words

  /**
   * The header byte of unit {@code u}: 0, or order + 1 and flags of the allocation starting there
   * (a free block's tag reads as 0: no allocation starts there).
   */
  private int header(int u) {
    int h = head[u] & 0xff;
    return h < LinkedFreeLists.FREE ? h : 0;
  }

  /** The payload byte of unit {@code u}. */
  private int payload(int u) {
    return (head[u] >>> 8) & 0xff;
  }

  private static short headWord(int header, int payload) {
    return (short) (header | payload << 8);
  }

  /** The order in a non-zero header. */
  private static int headerOrder(int header) {
    return (header & ORDER_MASK) - 1;
  }

  // ---------------------------------------------------------------- payload

  /*
   * The requested size of a live allocation is kept in the high bytes of the heads of its units
   * start+1 .. start+bytes, little-endian: those units belong to the allocation and have no header
   * of their own. An order-0 block has no room and always holds 1 requested unit.
   */
  private void writeRequested(int s, int order, long requested) {
    if (order == 0) {
      return;
    }
    if (order < 8) { // up to 128 units: one byte, no loop on the hot path
      head[s + 1] = headWord(0, (int) requested);
      return;
    }
    int bytes = (order + 8) >>> 3;
    for (int i = 1; i <= bytes; i++) {
      head[s + i] = headWord(0, (int) (requested & 0xff));
      requested >>>= 8;
    }
  }

  private long readRequested(int s, int order) {
    if (order == 0) {
      return 1;
    }
    if (order < 8) {
      return payload(s + 1);
    }
    int bytes = (order + 8) >>> 3;
    long requested = 0;
    for (int i = bytes; i >= 1; i--) {
      requested = (requested << 8) | payload(s + i);
    }
    return requested;
  }

  // ---------------------------------------------------------------- checks and messages

  private int liveHeader(long start, String op) {
    if (start < 0 || start >= units) {
      throw new InvalidRequestException(
          "cannot " + op + " unit " + start + ": outside the space [0, " + units + ")");
    }
    int h = header((int) start);
    if (h == 0) {
      throw new NotLiveException(
          start, "cannot " + op + " unit " + start + ": it " + describe(start));
    }
    return h;
  }

  private int plainLiveHeader(long start, String op) {
    int h = liveHeader(start, op);
    if ((h & EXACT) != 0) {
      throw new InvalidRequestException(
          "cannot " + op + " unit " + start + ": it starts an exact allocation of "
              + readRequested((int) start, headerOrder(h)) + " units, not a buddy block");
    }
    return h;
  }

  /** What a unit is, for messages: free, reserved, inside a live allocation, or live itself. */
  private String describe(long u) {
    if (header((int) u) != 0) {
      return "starts a live allocation of order " + headerOrder(header((int) u));
    }
    if (isReserved(u)) {
      return "is reserved";
    }
    long block = freeBlockContaining(u);
    if (block >= 0) {
      long start = FreeBlock.start(block);
      int order = FreeBlock.order(block);
      return (start == u ? "is already free (double free?)" : "is free")
          + ": it lies in the free block [" + start + ", " + (start + (1L << order)) + ") of order "
          + order;
    }
    for (int k = 1; k <= maxOrder; k++) {
      int s = (int) (u & -(1L << k));
      int h = header(s);
      if (h != 0 && headerOrder(h) >= k) {
        long size = (h & EXACT) != 0 ? readRequested(s, headerOrder(h)) : 1L << headerOrder(h);
        return u < s + size
            ? "lies inside the live allocation that starts at unit " + s
            : "is not the start of a live allocation";
      }
    }
    return "is not the start of a live allocation";
  }

  private void checkOrder(int order) {
    if (order < 0 || order > maxOrder) {
      throw new InvalidRequestException("order " + order + " is outside [0, maxOrder " + maxOrder + "]");
    }
  }

  private void checkClass(int cls) {
    if (cls < 0 || cls >= classes) {
      throw new InvalidRequestException("list class " + cls + " is outside [0, " + classes + ")");
    }
  }

  private void checkRange(long start, long n, String op) {
    if (n < 1) {
      throw new InvalidRequestException("cannot " + op + " " + n + " units: the size must be at least 1");
    }
    if (start < 0 || start >= units || n > units - start) {
      throw new InvalidRequestException(
          "cannot " + op + " [" + start + ", " + start + " + " + n + "): outside the space [0, "
              + units + ")");
    }
  }

  /** The order of the smallest block holding n units (n >= 1). */
  public static int orderFor(long n) {
    return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
  }

  private int checkedOrderFor(long n) {
    if (n < 1) {
      throw new InvalidRequestException("cannot allocate " + n + " units: the size must be at least 1");
    }
    if (n > units) {
      throw new InvalidRequestException(
          "cannot allocate " + n + " units: the whole space has " + units);
    }
    int order = orderFor(n);
    if (order > maxOrder) {
      throw new InvalidRequestException(
          "cannot allocate " + n + " units: that needs an order-" + order
              + " block, past maxOrder " + maxOrder);
    }
    return order;
  }

  private OutOfSpaceException outOfSpace(int order, int cls) {
    return new OutOfSpaceException(
        order,
        "no free block of order " + order + (classes > 1 ? " in list class " + cls : "")
            + ": " + freeUnits + " units free, largest free order " + largestFreeOrder());
  }

  @Override
  public String toString() {
    return "BuddyAllocator[units=" + units + ", maxOrder=" + maxOrder + ", free=" + freeUnits
        + ", reserved=" + reservedUnits + ", live=" + liveAllocations + "]";
  }
}
