package io.buddykit.offheap;

import io.buddykit.core.BuddyAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real off-heap memory on the buddy core: one region mapped from the kernel, aligned so that every
 * block of 2^k bytes starts at a multiple of 2^k in the address space, handed out as {@link
 * MemorySegment} slices. Requests up to half a page go to slab caches ({@link SizeClasses}); larger
 * ones to the buddy allocator in whole pages; buddy orders below {@link #CACHED_ORDERS} (blocks up
 * to 1 MiB at 4 KiB pages) and slab objects pass through per-thread caches, so the shared locks are
 * taken once per batch.
 *
 * <p>Every free is checked: a segment from elsewhere, an interior slice, a size other than the one
 * handed out, a double free and any call after close raise an {@link OffHeapException} and change
 * nothing. {@link #allocateHandle} adds generations that catch a stale segment whose block was
 * reused, and a free compares and sets the very state word (generation included) it checked, so a
 * stale handle racing the block's next allocation is refused too; the debug option poisons freed
 * memory (and the whole region at build) and checks the poison when it is handed out again; the
 * scrub option zeroes memory on free. An arena whose page metadata the Java heap cannot hold is
 * refused at build ({@link ArenaTooLargeException}).
 *
 * <p>A starved allocation drains every thread's cache before it reports the arena full, so free
 * memory parked in the caches of threads that wait is found; it then retries once, as Linux does,
 * so memory another thread takes in between may still make it fail.
 *
 * <p>Free memory goes back to the kernel ({@link Purger}): free blocks of at least the purge size
 * (2 MiB by default) left free for the decay time (10 s by default, as jemalloc's dirty_decay_ms)
 * are given back with madvise(MADV_DONTNEED), or MADV_FREE, by a daemon thread the arena owns;
 * {@link #purge} gives back every such block now. The same daemon drains the caches of live
 * threads that have made no call for the decay time, so a thread cannot pin memory for ever.
 * {@link ArenaStats} reports the mapping, its resident part (from mincore) and the purged part;
 * JFR shows the arena: {@code io.buddykit.offheap.ArenaStatistics} every second while a recording
 * enables it, {@code io.buddykit.offheap.Purge} per purge and {@code io.buddykit.offheap.ArenaFull}
 * when an allocation fails.
 *
 * <p>Memory handed out is not zeroed (unless scrubbing): like a pooled allocator, unlike {@code
 * Arena.allocate}. After {@link #close} every segment handed out fails on access (it belongs to a
 * shared arena scope) rather than touching unmapped memory.
 */
public final class BuddyArena implements SegmentAllocator, AutoCloseable {
  /** The state word of a block held by a user ({@link BlockTable}): generation << GEN_SHIFT | LIVE | EXACT? | order. */
  private static final long LIVE = 0x100;
  private static final long EXACT = 0x200;
  private static final int GEN_SHIFT = 10;
  /** Handle generations take the state words' high bits: 2^51 handles before they wrap. */
  private static final long GEN_MASK = Slab.MAX_GENERATION;
  private static final byte POISON = (byte) 0xA5;
  /**
   * Java heap per page of the arena: a slab reference (8 bytes at most) and the buddy core's
   * metadata, about 2.4 bytes per unit with its default free lists ({@code
   * FreeListOrder.LOWEST_ADDRESS}), counted as 3. The block table's 16.25 bytes per page are mapped
   * beside the arena, not on the heap ({@link BlockTable}).
   */
  static final long HEAP_BYTES_PER_PAGE = 8 + 3;
  /** Buddy orders kept in thread caches: blocks up to 1 MiB at 4 KiB pages. */
  static final int CACHED_ORDERS = 9;
  /** A slab-class bin drains above this many objects... */
  static final int HIGH = 64;
  /** ...this many at a time, and refills this many. */
  static final int BATCH = 16;
  /** Slots of {@link #byThread}: a power of two. */
  private static final int THREAD_SLOTS = 256;
  /** Default purge size and decay time (jemalloc's default dirty_decay_ms is 10 s). */
  static final long PURGE_BYTES = 2 << 20;
  static final Duration PURGE_DECAY = Duration.ofSeconds(10);

  private final NativeRegion region;
  private final MemorySegment memory;
  private final long capacity;
  private final int pageSize;
  private final int pageShift;
  private final int maxOrder;
  private final boolean debug;
  private final boolean scrub;
  private final boolean hugePages;

  private final BuddyAllocator buddy;
  private final SpinLock buddyLock = new SpinLock();
  private final SizeClasses classes;
  private final SlabCache[] slabCaches;
  /** Per page: the slab it belongs to, or null. */
  private final Slab[] slabOfPage;
  /** Per page, the state and the request of a block held by a user that starts there. */
  private final BlockTable blocks;
  /** Handle sequence numbers: unique for 2^51 handles, so a stale handle never matches. */
  private final java.util.concurrent.atomic.AtomicLong handles = new java.util.concurrent.atomic.AtomicLong();
  private final MemorySegment poison;

  private final int cachedOrders;
  private final ThreadLocal<ThreadCache> cache;
  /**
   * The caches again, direct-mapped by thread id: a hit is three loads and no call, where C2 keeps
   * ThreadLocal's map lookup a call (2 per allocate+free pair). A slot is taken by the first thread
   * that misses while it is empty or its owner has ended, so two live threads whose ids collide do
   * not take turns writing it: the second keeps using the ThreadLocal. Read racily: only a cache
   * whose (final) owner is the calling thread is used.
   */
  private final ThreadCache[] byThread = new ThreadCache[THREAD_SLOTS];
  private final List<ThreadCache> caches = new CopyOnWriteArrayList<>();
  /** Counters of drained caches of ended threads: {requested, granted}; guarded by itself. */
  private final long[] retired = new long[2];
  private final Purger purger;
  private volatile boolean closed;

  /**
   * A segment with a sequence number unique to its allocation: {@link #free(Handle)} refuses a
   * stale one, whose memory was freed and handed out again.
   */
  public record Handle(MemorySegment segment, long generation) {}

  private BuddyArena(Builder b) {
    if (Integer.bitCount(b.pageSize) != 1 || b.pageSize < 256 || b.pageSize > 1 << 20) {
      // Up to 1 MiB: a slab's object index must fit the 16 bits a cache entry gives it.
      throw new IllegalArgumentException("page size must be a power of two in [256, 1 MiB], got " + b.pageSize);
    }
    if (b.bytes < b.pageSize) {
      throw new IllegalArgumentException("capacity " + b.bytes + " is less than one page of " + b.pageSize);
    }
    long pages = b.bytes / b.pageSize;
    if (pages > BuddyAllocator.MAX_UNITS) {
      throw new IllegalArgumentException("capacity " + b.bytes + " needs too many pages: use larger pages");
    }
    int mo = b.maxOrder >= 0 ? b.maxOrder : Math.min(10, 63 - Long.numberOfLeadingZeros(pages));
    if (mo < 0 || mo > 30) {
      throw new IllegalArgumentException("max order must be in [0, 30], got " + mo);
    }
    checkHeap(b.bytes, b.pageSize, pages, b.bytes / b.purgeBytes);
    this.pageSize = b.pageSize;
    this.pageShift = Integer.numberOfTrailingZeros(b.pageSize);
    this.maxOrder = mo;
    this.capacity = pages * pageSize;
    this.debug = b.debug;
    this.scrub = b.scrub;
    this.region = NativeRegion.map(capacity, Math.min((long) pageSize << mo, Long.highestOneBit(capacity)));
    this.memory = region.segment;
    this.blocks = blockTable(region, pages);
    this.hugePages = b.hugePages && region.adviseHugePages();
    this.buddy = BuddyAllocator.create(pages, mo);
    this.classes = new SizeClasses(pageSize);
    this.slabOfPage = new Slab[(int) pages];
    SlabCache.PageSource source = new SlabPages();
    this.slabCaches = new SlabCache[classes.count()];
    for (int c = 0; c < classes.count(); c++) {
      slabCaches[c] = new SlabCache(c, classes.size[c], classes.slabOrder[c], pageSize, source);
    }
    this.purger = newPurger(b);
    this.cachedOrders = Math.min(CACHED_ORDERS, mo + 1);
    int bins = classes.count() + cachedOrders;
    this.cache = ThreadLocal.withInitial(() -> {
      ThreadCache tc = new ThreadCache(Thread.currentThread(), bins, classes.count(), HIGH);
      caches.add(tc);
      return tc;
    });
    if (debug) {
      long largest = Math.min(capacity, (long) pageSize << mo);
      if (largest > 1L << 30) {
        region.close();
        throw new IllegalArgumentException("debug mode checks blocks up to 1 GiB; the largest here is " + largest);
      }
      memory.fill(POISON);
      poison = MemorySegment.ofArray(new byte[(int) largest]);
      poison.fill(POISON);
    } else {
      poison = null;
    }
    ArenaRecorder.add(this);
    purger.start();
  }

  /** The block table, mapped beside the region; the region is unmapped if that fails. */
  private static BlockTable blockTable(NativeRegion region, long pages) {
    try {
      return new BlockTable(pages);
    } catch (RuntimeException e) {
      region.close();
      throw e;
    }
  }

  /**
   * The purger for the builder's options: chunks of the purge size, at most the largest block; none
   * when that is below the kernel's 4 KiB page (a tiny arena of small pages), as madvise works in
   * whole pages.
   */
  private Purger newPurger(Builder b) {
    long largest = Math.min((long) pageSize << maxOrder, Long.highestOneBit(capacity));
    long chunk = Math.min(b.purgeBytes, largest);
    boolean possible = chunk >= NativeRegion.BASE_PAGE;
    return new Purger(buddy, buddyLock, region, pageShift, possible ? chunk : Long.highestOneBit(capacity) << 1,
        b.decayNanos, b.advice, debug ? POISON : null, debug, this::reclaimIdleCaches);
  }

  /**
   * Refuses an arena whose page metadata ({@link #HEAP_BYTES_PER_PAGE} per page, and {@link
   * Purger#HEAP_BYTES_PER_CHUNK} per purge chunk) the Java heap cannot hold now, before anything is
   * mapped or allocated.
   */
  private static void checkHeap(long bytes, int pageSize, long pages, long chunks) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long need = pages * HEAP_BYTES_PER_PAGE + chunks * Purger.HEAP_BYTES_PER_CHUNK;
    if (need > free) {
      throw new ArenaTooLargeException("an arena of " + bytes + " bytes in " + pageSize + "-byte pages needs "
          + need + " bytes of Java heap for its page metadata (" + pages + " pages x " + HEAP_BYTES_PER_PAGE
          + " bytes + " + chunks + " purge chunks x " + Purger.HEAP_BYTES_PER_CHUNK + " bytes); the heap has "
          + free + " bytes free of " + rt.maxMemory()
          + ": use larger pages or a larger heap (-Xmx)", need, free);
    }
  }

  /** An arena of {@code bytes} (rounded down to whole 4 KiB pages) with default options. */
  public static BuddyArena create(long bytes) {
    return builder(bytes).build();
  }

  public static Builder builder(long bytes) {
    return new Builder(bytes);
  }

  /** Options of a {@link BuddyArena}. */
  public static final class Builder {
    private final long bytes;
    private int pageSize = 4096;
    private int maxOrder = -1;
    private boolean hugePages;
    private boolean debug;
    private boolean scrub;
    private long purgeBytes = PURGE_BYTES;
    private long decayNanos = PURGE_DECAY.toNanos();
    private PurgeAdvice advice = PurgeAdvice.DONTNEED;

    private Builder(long bytes) {
      this.bytes = bytes;
    }

    /** The buddy unit, a power of two of at least 256 bytes (default 4096). */
    public Builder pageSize(int bytes) {
      this.pageSize = bytes;
      return this;
    }

    /**
     * The largest block is {@code pageSize << maxOrder} (default 10, or less for a small arena).
     *
     * @throws IllegalArgumentException if {@code order} is negative (not left to mean the default)
     */
    public Builder maxOrder(int order) {
      if (order < 0) {
        throw new IllegalArgumentException("maxOrder must be at least 0, got " + order);
      }
      this.maxOrder = order;
      return this;
    }

    /** Ask the kernel for transparent huge pages on the region (madvise MADV_HUGEPAGE). */
    public Builder hugePages(boolean on) {
      this.hugePages = on;
      return this;
    }

    /**
     * Poison freed memory and check the poison when it is handed out again. The whole region is
     * poisoned when the arena is built, so every page of it is written then (and backed by memory
     * from the start, not on first use); the largest block may be at most 1 GiB.
     */
    public Builder debug(boolean on) {
      this.debug = on;
      return this;
    }

    /** Zero memory on free, so no caller reads another's old data. */
    public Builder scrubOnFree(boolean on) {
      this.scrub = on;
      return this;
    }

    /**
     * The smallest free block given back to the kernel (default 2 MiB; at most the largest block,
     * to which a larger value is lowered).
     *
     * @throws IllegalArgumentException unless a power of two of at least 4 KiB (the kernel's page)
     */
    public Builder purgeSize(long bytes) {
      if (Long.bitCount(bytes) != 1 || bytes < NativeRegion.BASE_PAGE) {
        throw new IllegalArgumentException("purgeSize must be a power of two of at least 4096, got " + bytes);
      }
      this.purgeBytes = bytes;
      return this;
    }

    /**
     * How long a free block stays free before it is given back (default 10 s): zero gives it back
     * at once on free (a system call per free that leaves a block of the purge size free), negative
     * never (only {@link BuddyArena#purge} does). Also how long a live thread's cache may sit
     * unused before the purger drains it. Nanosecond precision, past ±292 years saturated.
     */
    public Builder purgeDecay(Duration decay) {
      this.decayNanos = decay.isNegative() ? -1 : saturatedNanos(decay);
      return this;
    }

    private static long saturatedNanos(Duration d) {
      try {
        return d.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }

    /** The madvise advice purges use (default {@link PurgeAdvice#DONTNEED}). */
    public Builder purgeAdvice(PurgeAdvice advice) {
      this.advice = java.util.Objects.requireNonNull(advice, "advice");
      return this;
    }

    public BuddyArena build() {
      return new BuddyArena(this);
    }
  }

  // ------------------------------------------------------------------ allocation

  @Override
  public MemorySegment allocate(long bytes) {
    return allocate(bytes, 1);
  }

  /** {@code bytes} of memory aligned to {@code alignment} (a power of two) in the address space. */
  @Override
  public MemorySegment allocate(long bytes, long alignment) {
    return memory.asSlice(allocateOffset(bytes, alignment, 0), bytes);
  }

  /** As {@link #allocate(long)}, with the generation that {@link #free(Handle)} checks. */
  public Handle allocateHandle(long bytes) {
    long generation = Math.max(1, handles.incrementAndGet() & GEN_MASK);
    long offset = allocateOffset(bytes, 1, generation);
    return new Handle(memory.asSlice(offset, bytes), generation);
  }

  /**
   * Exactly the pages {@code bytes} needs, the tail of the power-of-two block given back to the
   * buddy allocator at once (Linux's alloc_pages_exact). For large buffers whose size is far from
   * a power of two; aligned to the power of two the block had.
   */
  public MemorySegment allocateExact(long bytes) {
    checkOpen();
    checkSize(bytes, 1);
    long pages = (bytes + pageSize - 1) >>> pageShift;
    if (BuddyAllocator.orderFor(pages) > maxOrder) {
      throw new IllegalArgumentException(bytes + " bytes exceed the largest block, " + ((long) pageSize << maxOrder));
    }
    try {
      return allocateExactPages(bytes, pages);
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    }
  }

  private MemorySegment allocateExactPages(long bytes, long pages) {
    long start = takeExact(pages);
    if (start < 0) {
      trim();
      purger.await();
      start = takeExact(pages);
    }
    if (start < 0) {
      throw full(bytes);
    }
    int page = (int) start;
    long offset = start << pageShift;
    blocks.publish(page, LIVE | EXACT | BuddyAllocator.orderFor(pages), bytes);
    ThreadCache tc = myCache();
    tc.allocations++;
    tc.requestedBytes += bytes;
    tc.grantedBytes += pages << pageShift;
    return memory.asSlice(offset, bytes);
  }

  private long takeExact(long pages) {
    buddyLock.lock();
    try {
      long start = buddy.tryAllocateExact(pages);
      if (start >= 0) {
        purger.taken(start, pages);
      }
      if (start >= 0 && debug) {
        try {
          checkPoison(start << pageShift, pages << pageShift);
        } catch (UseAfterFreeException e) {
          buddy.free(start);
          purger.freed(start, pages);
          throw e;
        }
      }
      return start;
    } finally {
      buddyLock.unlock();
    }
  }

  /** An allocation's offset; the owner's cache is locked around it (see {@link ThreadCache}). */
  private long allocateOffset(long bytes, long alignment, long generation) {
    checkOpen();
    checkSize(bytes, alignment);
    ThreadCache tc = myCache();
    tc.lock();
    try {
      return allocateLocked(tc, bytes, alignment, generation);
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    } finally {
      tc.unlock();
    }
  }

  private long allocateLocked(ThreadCache tc, long bytes, long alignment, long generation) {
    int c = classes.classFor(bytes, alignment);
    long offset;
    if (c >= 0) {
      offset = allocateObject(tc, c, bytes, generation);
      tc.grantedBytes += classes.size[c];
    } else {
      long size = Math.max(bytes, alignment);
      long pages = (size + pageSize - 1) >>> pageShift;
      int order = BuddyAllocator.orderFor(pages);
      if (order > maxOrder) {
        throw new IllegalArgumentException(
            bytes + " bytes aligned to " + alignment + " exceed the largest block, " + ((long) pageSize << maxOrder));
      }
      offset = allocateBlock(tc, order, bytes, generation);
      tc.grantedBytes += (long) pageSize << order;
    }
    tc.allocations++;
    tc.requestedBytes += bytes;
    return offset;
  }

  private long allocateObject(ThreadCache tc, int c, long bytes, long generation) {
    long[] bin = tc.bins[c];
    if (tc.count[c] == 0) {
      tc.count[c] = slabCaches[c].takeBatch(bin, 0, BATCH, tc);
      if (tc.count[c] == 0) { // memory may be parked in caches: take it back, try again
        drainAll(tc);
        tc.count[c] = slabCaches[c].takeBatch(bin, 0, BATCH, tc);
      }
      if (tc.count[c] == 0) {
        throw full(bytes);
      }
    }
    long entry = bin[tc.count[c] - 1];
    long offset = entry >>> 16;
    int index = (int) (entry & 0xffff);
    Slab s = slabOfPage[(int) (offset >>> pageShift)];
    checkPoison(offset, s.objSize);
    tc.count[c]--;
    s.take(index, generation, bytes);
    return offset;
  }

  private long allocateBlock(ThreadCache tc, int order, long bytes, long generation) {
    long start;
    if (order < cachedOrders) {
      int b = classes.count() + order;
      if (tc.count[b] == 0) {
        refillBlocks(tc, b, order);
        if (tc.count[b] == 0) {
          drainAll(tc);
          refillBlocks(tc, b, order);
        }
        if (tc.count[b] == 0) {
          throw full(bytes);
        }
      }
      start = tc.bins[b][tc.count[b] - 1];
      checkPoison(start << pageShift, (long) pageSize << order);
      tc.count[b]--;
    } else {
      start = takeBlock(order);
      if (start < 0) {
        drainAll(tc);
        start = takeBlock(order);
      }
      if (start < 0) {
        throw full(bytes);
      }
      if (debug) {
        try {
          checkPoison(start << pageShift, (long) pageSize << order);
        } catch (UseAfterFreeException e) {
          giveBlock(start, 1L << order);
          throw e;
        }
      }
    }
    int page = (int) start;
    blocks.publish(page, generation << GEN_SHIFT | LIVE | order, bytes);
    long offset = start << pageShift;
    return offset;
  }

  private long takeBlock(int order) {
    buddyLock.lock();
    try {
      long start = buddy.tryAllocate(order);
      if (start >= 0) {
        purger.taken(start, 1L << order);
      }
      return start;
    } finally {
      buddyLock.unlock();
    }
  }

  /** Frees the block of {@code pages} at {@code start} to the buddy allocator. */
  private void giveBlock(long start, long pages) {
    buddyLock.lock();
    try {
      buddy.free(start);
      purger.freed(start, pages);
    } finally {
      buddyLock.unlock();
    }
  }

  /** The most blocks of {@code order} a thread cache keeps: 64 pages' worth, at least 2. */
  static int highOf(int order) {
    return Math.max(2, HIGH >> order);
  }

  /** Blocks of {@code order} moved per refill or drain: a quarter of the high mark. */
  static int batchOf(int order) {
    return Math.max(1, highOf(order) / 4);
  }

  private void refillBlocks(ThreadCache tc, int b, int order) {
    buddyLock.lock();
    try {
      int n = 0;
      while (n < batchOf(order)) {
        long start = buddy.tryAllocate(order);
        if (start < 0) {
          break;
        }
        purger.taken(start, 1L << order);
        tc.bins[b][n++] = start;
      }
      tc.count[b] = n;
    } finally {
      buddyLock.unlock();
    }
  }

  // ------------------------------------------------------------------ free

  /** Gives back a segment this arena handed out, exactly as it was handed out. */
  public void free(MemorySegment segment) {
    checkOpen();
    long offset = offsetOf(segment);
    release(offset, segment.byteSize(), -1);
  }

  /** Gives back a handle's segment; refuses it when its block was freed and handed out again. */
  public void free(Handle handle) {
    checkOpen();
    long offset = offsetOf(handle.segment());
    release(offset, handle.segment().byteSize(), handle.generation());
  }

  private void release(long offset, long bytes, long generation) {
    ThreadCache tc = myCache();
    int page = (int) (offset >>> pageShift);
    tc.lock();
    try {
      // Blocks start on pages: a page-aligned offset is looked up as a block first, any other
      // only as a slab object (its page's block state would be 0).
      long state = (offset & (pageSize - 1)) == 0 ? blocks.state(page) : 0;
      Slab s = (state & LIVE) == 0 ? slabOfPage[page] : null;
      if (s != null) {
        releaseObject(tc, s, offset, bytes, generation);
      } else {
        releaseBlock(tc, page, state, offset, bytes, generation);
      }
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    } finally {
      tc.unlock();
    }
    tc.frees++;
    tc.requestedBytes -= bytes;
    purger.afterFree();
  }

  /** Frees a slab object to the thread's bin, after checking it is one live object as handed out. */
  private void releaseObject(ThreadCache tc, Slab s, long offset, long bytes, long generation) {
    long within = offset - s.offset;
    int index = s.indexOf(within);
    if (index < 0) {
      throw new InvalidFreeException(describe(offset) + " is inside a " + s.objSize
          + "-byte object, not at its start (an interior slice)");
    }
    long seen = s.state(index);
    if (seen == 0) {
      throw new InvalidFreeException(describe(offset) + " is not allocated (a double free?)");
    }
    checkGeneration(offset, generation, Slab.generationOf(seen));
    if (Slab.requestedOf(seen) != bytes) {
      throw new InvalidFreeException(describe(offset) + " was handed out as " + Slab.requestedOf(seen)
          + " bytes, not " + bytes);
    }
    if (!s.give(index, seen)) { // freed, or freed and handed out again, since `seen` was read
      throw new InvalidFreeException(describe(offset) + " was freed by another thread at the same time");
    }
    wipe(offset, s.objSize);
    int c = s.cls;
    long[] bin = tc.bins[c];
    if (tc.count[c] == HIGH) { // drain the oldest batch, keep the hot entries on top
      slabCaches[c].returnBatch(bin, 0, BATCH, slabOfPage, pageShift);
      System.arraycopy(bin, BATCH, bin, 0, HIGH - BATCH);
      tc.count[c] -= BATCH;
    }
    bin[tc.count[c]++] = offset << 16 | index;
    tc.grantedBytes -= s.objSize;
  }

  /**
   * Frees a buddy block to the thread's bin (small orders) or the buddy allocator, after checking
   * it is one live block as handed out; {@code state} is its state word, read under the cache lock.
   */
  private void releaseBlock(ThreadCache tc, int page, long state, long offset, long bytes, long generation) {
    if ((offset & (pageSize - 1)) != 0 || (state & LIVE) == 0) {
      throw new InvalidFreeException(describe(offset) + (state == 0 && (offset & (pageSize - 1)) == 0
          ? " does not start an allocated block (a double free, or an interior slice?)"
          : " is not at the start of a block (an interior slice)"));
    }
    checkGeneration(offset, generation, state >>> GEN_SHIFT);
    long requested = blocks.requested(page);
    if (requested != bytes) {
      throw new InvalidFreeException(describe(offset) + " was handed out as " + requested
          + " bytes, not " + bytes);
    }
    if (!blocks.retire(page, state)) { // the word checked above, generation and all
      throw new InvalidFreeException(describe(offset) + " was freed by another thread at the same time");
    }
    int order = (int) (state & 0xff);
    long granted = (state & EXACT) != 0 ? ((bytes + pageSize - 1) & -pageSize) : (long) pageSize << order;
    wipe(offset, granted);
    if ((state & EXACT) == 0 && order < cachedOrders) {
      int b = classes.count() + order;
      if (tc.count[b] == highOf(order)) {
        drainBlocks(tc, b, batchOf(order));
      }
      tc.bins[b][tc.count[b]++] = page;
    } else {
      giveBlock(page, granted >>> pageShift);
    }
    tc.grantedBytes -= granted;
  }

  private void drainBlocks(ThreadCache tc, int b, int n) {
    buddyLock.lock();
    try {
      long pages = 1L << (b - classes.count());
      for (int i = 0; i < n; i++) {
        long start = tc.bins[b][--tc.count[b]];
        buddy.free(start);
        purger.freed(start, pages);
      }
    } finally {
      buddyLock.unlock();
    }
  }

  private long offsetOf(MemorySegment segment) {
    long offset = segment.address() - region.address;
    if (segment.isNative() && offset >= 0 && offset < capacity) {
      return offset;
    }
    throw new NotFromArenaException("segment at 0x" + Long.toHexString(segment.address()) + " ("
        + segment.byteSize() + " bytes) was not handed out by this arena [0x"
        + Long.toHexString(region.address) + ", +" + capacity + ")");
  }

  private void checkGeneration(long offset, long handed, long now) {
    if (handed >= 0 && handed != now) {
      throw new InvalidFreeException(describe(offset) + " is a stale handle (generation " + handed
          + "): the memory was freed and handed out again (generation " + now + ")");
    }
  }


  private void wipe(long offset, long bytes) {
    if (debug) {
      memory.asSlice(offset, bytes).fill(POISON);
    } else if (scrub) {
      memory.asSlice(offset, bytes).fill((byte) 0);
    }
  }

  /**
   * In debug mode, checks that free memory about to be handed out still holds the poison written
   * when it was freed. On a mismatch the poison is restored (so the arena stays usable) and the
   * write after free is reported; the memory stays free.
   */
  private void checkPoison(long offset, long bytes) {
    if (debug) {
      MemorySegment m = memory.asSlice(offset, bytes);
      long at = m.mismatch(poison.asSlice(0, bytes));
      if (at >= 0) {
        m.fill(POISON);
        throw new UseAfterFreeException("freed memory at offset " + (offset + at)
            + " was written after it was freed (poison 0xA5 overwritten)");
      }
    }
  }

  // ------------------------------------------------------------------ slabs and their pages

  /** Slab pages come from the buddy allocator under its lock and are mapped page by page. */
  private final class SlabPages implements SlabCache.PageSource {
    @Override
    public Slab newSlab(SlabCache c) {
      long start = takeBlock(c.order);
      if (start < 0) {
        return null;
      }
      Slab s = new Slab(c.cls, c.objSize, start << pageShift, c.objectsPerSlab);
      for (int p = 0; p < 1 << c.order; p++) {
        slabOfPage[(int) start + p] = s;
      }
      return s;
    }

    @Override
    public void freeSlab(Slab s, int order) {
      int start = (int) (s.offset >>> pageShift);
      for (int p = 0; p < 1 << order; p++) {
        slabOfPage[start + p] = null;
      }
      giveBlock(start, 1L << order);
    }
  }

  // ------------------------------------------------------------------ housekeeping, statistics

  /** The calling thread's cache: its {@link #byThread} slot when that holds it, else the ThreadLocal. */
  private ThreadCache myCache() {
    Thread t = Thread.currentThread();
    int i = slotOf(t);
    ThreadCache tc = byThread[i];
    return tc != null && tc.owner == t ? tc : myCacheSlow(t, i);
  }

  private ThreadCache myCacheSlow(Thread t, int i) {
    ThreadCache tc = cache.get();
    ThreadCache held = byThread[i];
    if (held == null || !held.owner.isAlive()) {
      byThread[i] = tc;
    }
    return tc;
  }

  /** Thread t's slot in {@link #byThread}. */
  private static int slotOf(Thread t) {
    return (int) t.threadId() & (THREAD_SLOTS - 1);
  }

  /** Whether {@code t}'s cache is in its slot (for tests: the slot goes to a live thread). */
  boolean holdsSlot(Thread t) {
    ThreadCache tc = byThread[slotOf(t)];
    return tc != null && tc.owner == t;
  }

  /** Bytes resident in the whole mapping, every page asked (for tests: what stats() must agree with). */
  long residentBytesOfWholeMapping() {
    return region.residentBytes(0, region.size);
  }

  /** {@code t}'s cache, or null (for tests: holding its lock stops t inside its next call). */
  ThreadCache cacheOf(Thread t) {
    for (ThreadCache tc : caches) {
      if (tc.owner == t) {
        return tc;
      }
    }
    return null;
  }

  /** Slots holding a cache (for tests: a trim empties those of ended threads). */
  int slotsHeld() {
    int n = 0;
    for (ThreadCache tc : byThread) {
      n += tc == null ? 0 : 1;
    }
    return n;
  }

  /**
   * Empties every thread's cache (and current slabs) back into the slabs and the buddy allocator,
   * each under its lock, as Linux's drain_all_pages drains every CPU's per-CPU lists; the caches of
   * threads that have ended are dropped, their counters kept. Returns the number of entries
   * drained. A live thread's next call refills its cache.
   */
  public int trim() {
    checkOpen();
    try {
      int drained = 0;
      for (ThreadCache tc : caches) {
        drained += drainCache(tc);
      }
      purger.afterFree();
      return drained;
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    }
  }

  /** Drains one cache under its lock; an ended thread's is retired, its counters kept. */
  private int drainCache(ThreadCache tc) {
    boolean ended = !tc.owner.isAlive();
    if (ended && !caches.remove(tc)) {
      return 0; // another trim retires it
    }
    if (ended) {
      int i = slotOf(tc.owner);
      if (byThread[i] == tc) {
        byThread[i] = null; // let the ended thread and its cache go
      }
    }
    int drained;
    tc.lock();
    try {
      drained = drain(tc);
    } finally {
      tc.unlock();
    }
    if (ended) {
      synchronized (retired) {
        retired[0] += tc.requestedBytes;
        retired[1] += tc.grantedBytes;
      }
    }
    return drained;
  }

  /**
   * The purger's tick: drains the caches of ended threads, and of live threads that have made no
   * allocation or free for the decay time, so that no thread pins memory for ever. Idleness is
   * judged from the owner's operation counters, read without synchronisation: a count seen late
   * only delays a drain by a tick, and a drain of a thread that is busy after all is safe (under its
   * cache's lock, as {@link #trim}) and costs it one refill.
   */
  private void reclaimIdleCaches() {
    long now = purger.clock();
    for (ThreadCache tc : caches) {
      long ops = tc.allocations + tc.frees;
      if (!tc.owner.isAlive()) {
        drainCache(tc);
      } else if (ops != tc.seenOps || tc.entries() == 0) {
        tc.seenOps = ops;
        tc.seenAt = now;
      } else if (now - tc.seenAt >= purger.decayNanos()) {
        drainCache(tc);
        tc.seenAt = now;
      }
    }
  }

  /**
   * Gives every free block of at least the purge size that memory was handed out from back to the
   * kernel now, without waiting for the decay time; returns the bytes given back. Thread caches
   * are not drained first (call {@link #trim} for that).
   *
   * @throws IllegalStateException when the kernel refuses the advice (MADV_FREE before Linux 4.5);
   *     the memory then stays with the arena, unpurged
   */
  public long purge() {
    checkOpen();
    try {
      return purger.purge(true);
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    }
  }

  /**
   * A starved allocation's reclaim: every cache is drained ({@link #trim}) before the allocation
   * is tried once more, as __alloc_pages_direct_reclaim (mm/page_alloc.c, 6.1 and 6.12) calls
   * drain_all_pages and retries once. The caller's own lock is let go meanwhile, so that no thread
   * waits for one lock while it holds another.
   */
  private void drainAll(ThreadCache mine) {
    mine.unlock();
    try {
      trim();
      purger.await(); // chunks a purge has in hand are free memory too
    } finally {
      mine.lock();
    }
  }

  private int drain(ThreadCache tc) {
    int n = 0;
    for (int c = 0; c < classes.count(); c++) {
      if (tc.count[c] > 0) {
        n += tc.count[c];
        slabCaches[c].returnBatch(tc.bins[c], 0, tc.count[c], slabOfPage, pageShift);
        tc.count[c] = 0;
      }
    }
    for (int order = 0; order < cachedOrders; order++) {
      int b = classes.count() + order;
      n += tc.count[b];
      drainBlocks(tc, b, tc.count[b]);
    }
    for (SlabCache c : slabCaches) {
      c.releaseCurrent(tc);
    }
    return n;
  }

  /** Bytes held by callers (granted: rounded to the size class or the block). */
  public long usedBytes() {
    return sumCounters(true);
  }

  /** Bytes callers asked for, of what they hold now. */
  public long requestedBytes() {
    return sumCounters(false);
  }

  /** Granted or requested bytes over every thread's counters and those of ended threads. */
  private long sumCounters(boolean granted) {
    long total;
    synchronized (retired) {
      total = retired[granted ? 1 : 0];
    }
    for (ThreadCache tc : caches) {
      total += granted ? tc.grantedBytes : tc.requestedBytes;
    }
    return total;
  }

  public long capacityBytes() {
    return capacity;
  }

  public int pageSize() {
    return pageSize;
  }

  public int maxOrder() {
    return maxOrder;
  }

  /** The region's base address (aligned to the largest block). */
  public long baseAddress() {
    return region.address;
  }

  /** Whether the kernel accepted the huge-page advice for the region. */
  public boolean hugePagesAdvised() {
    return hugePages;
  }

  /** Bytes of the region backed by transparent huge pages now (from /proc/self/smaps), or -1. */
  public long hugePageBytes() {
    checkOpen();
    return region.hugePageBytes();
  }

  /** A consistent picture of the arena (buddy and slab parts taken under their locks). */
  public ArenaStats stats() {
    checkOpen();
    try {
      return statsOfOpen();
    } catch (IllegalStateException e) {
      throw closedDuring(e);
    }
  }

  private ArenaStats statsOfOpen() {
    long[] info;
    long freeBytes;
    buddyLock.lock();
    try {
      info = buddy.buddyInfo();
      freeBytes = buddy.freeUnits() << pageShift;
    } finally {
      buddyLock.unlock();
    }
    List<ArenaStats.SlabClass> slabs = new ArrayList<>();
    for (SlabCache c : slabCaches) {
      long[] n = c.counts(caches);
      slabs.add(new ArenaStats.SlabClass(c.objSize, c.order, n[0], n[1], n[2]));
    }
    List<ArenaStats.ThreadCacheState> threads = new ArrayList<>();
    long cached = 0;
    for (ThreadCache tc : caches) {
      long bytes = 0;
      for (int c = 0; c < classes.count(); c++) {
        bytes += (long) tc.count[c] * classes.size[c];
      }
      for (int order = 0; order < cachedOrders; order++) {
        bytes += (long) tc.count[classes.count() + order] * pageSize << order;
      }
      cached += bytes;
      threads.add(new ArenaStats.ThreadCacheState(tc.owner.getName(), tc.owner.isAlive(), tc.entries(),
          bytes, tc.allocations, tc.frees));
    }
    long purged;
    buddyLock.lock();
    try {
      purged = purger.purgedBytes();
    } finally {
      buddyLock.unlock();
    }
    return new ArenaStats(capacity, pageSize, maxOrder, region.size, purger.residentBytes(), usedBytes(),
        requestedBytes(), freeBytes, cached, purged, info, slabs, threads);
  }

  /**
   * Checks the buddy allocator's invariants, under its lock. It does not walk the slabs or the
   * thread caches.
   */
  public void verify() {
    buddyLock.lock();
    try {
      buddy.verify();
    } finally {
      buddyLock.unlock();
    }
  }

  /**
   * Unmaps the region. Every segment handed out becomes inaccessible; later calls, and calls on
   * other threads that it cuts short, throw {@link ArenaClosedException}.
   */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      ArenaRecorder.remove(this);
      purger.stop();
      region.close();
      blocks.close();
    }
  }

  /**
   * One {@link ArenaStatsEvent} ({@link ArenaRecorder}'s periodic hook). Not under the arena's
   * monitor, as JFR's periodic thread must never wait for a close; a close racing it makes it skip
   * the event (stats() then throws {@link ArenaClosedException}).
   */
  void emitStats() {
    try {
      ArenaStats st = stats();
      ArenaStatsEvent e = new ArenaStatsEvent();
      e.set(region.address, st);
      e.commit();
    } catch (ArenaClosedException e) {
      // closed meanwhile: no picture to give
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new ArenaClosedException("the arena was closed");
    }
  }

  /**
   * What a call that met a {@link #close} racing it throws. The call checked the arena open, then
   * the close unmapped the region or the block table under it, and the FFM refused the access
   * with an IllegalStateException: the caller gets the arena's own exception, the FFM's as its
   * cause. The call may have been cut short half way, which nothing can observe: the arena serves
   * no more calls. Any other IllegalStateException is the call's own and is rethrown as it is.
   */
  private RuntimeException closedDuring(IllegalStateException e) {
    if (!closed) {
      return e;
    }
    ArenaClosedException c = new ArenaClosedException("the arena was closed during the call");
    c.initCause(e);
    return c;
  }

  private void checkSize(long bytes, long alignment) {
    if (bytes < 1) {
      throw new IllegalArgumentException("size must be at least 1 byte, got " + bytes);
    }
    if (alignment < 1 || Long.bitCount(alignment) != 1) {
      throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
    }
    if (bytes > capacity) {
      throw new IllegalArgumentException(bytes + " bytes exceed the arena's " + capacity);
    }
  }

  private ArenaFullException full(long bytes) {
    ArenaFullEvent e = new ArenaFullEvent();
    if (e.shouldCommit()) {
      e.baseAddress = region.address;
      e.requestedBytes = bytes;
      e.capacityBytes = capacity;
      buddyLock.lock();
      try {
        e.freeBytes = buddy.freeUnits() << pageShift;
      } finally {
        buddyLock.unlock();
      }
      e.commit();
    }
    return new ArenaFullException("no room for " + bytes + " bytes in the arena of " + capacity
        + " bytes (" + usedBytes() + " in use)");
  }

  private String describe(long offset) {
    return "segment at offset " + offset;
  }
}
