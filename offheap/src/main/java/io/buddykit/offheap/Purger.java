package io.buddykit.offheap;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives a {@link BuddyArena}'s free memory back to the kernel, in the manner of jemalloc's decay
 * purging of dirty pages (dirty_decay_ms): memory freed and left free for the decay time is given
 * back with madvise(2), from a daemon thread the arena owns, or at once on free (decay 0), or
 * never (negative decay); {@link #purge} does it now.
 *
 * <p>The region is cut into chunks of the purge size, aligned, so a chunk is one buddy block of
 * {@code chunkOrder}. A chunk is UNTOUCHED (not handed out since it was mapped: never written, not
 * resident, reads zero), DIRTY (handed out since it was mapped or last purged) or PURGED (given
 * back and not handed out since). Only a dirty chunk lying wholly in one free buddy block is
 * purged; the rule for merging follows: a free block made of purged and dirty chunks is purged
 * chunk by chunk, the dirty ones when their own decay ends, and {@code purgedBytes} counts whole
 * purged chunks. Memory below the purge size in a chunk that is partly in use is never given back
 * (the kernel's own reclaim of anonymous memory is what remains for it).
 *
 * <p>A purge never holds the buddy lock for the system call: under the lock it takes each free
 * block holding an eligible chunk out of the buddy allocator as if allocating it (so no allocation
 * can be handed that memory meanwhile) and marks the block's eligible chunks PURGING, madvises
 * them with the lock let go, then takes the lock again to give the blocks back, the chunks marked
 * PURGED. The scan for eligible chunks is one pass over the chunk states under the lock (a byte
 * per chunk: 512 for 1 GiB at 2 MiB). An allocation that finds the arena full waits for a purge under
 * way ({@link #await}) before it reports full, so the memory in flight is never missed.
 *
 * <p>Chunk state and the free times are written under the buddy lock, by the arena's paths that
 * take blocks from or give blocks to the buddy allocator ({@link #taken}, {@link #freed}); thread
 * caches are untouched, so the allocate and free fast paths cost nothing more. The free time is the
 * purger's clock, read from a field the daemon sets every tick (a quarter of the decay, between
 * 1 ms and 1 s), so no free calls {@code System.nanoTime}: a chunk is purged after at least the
 * decay time and at most the decay plus two ticks.
 */
final class Purger {
  private static final byte DIRTY = 0;
  private static final byte UNTOUCHED = 1;
  private static final byte PURGED = 2;
  /** Being given back: in a block a purge has taken out of the buddy allocator. */
  private static final byte PURGING = 3;
  private static final long MIN_TICK = 1_000_000L;
  private static final long MAX_TICK = 1_000_000_000L;
  /** Java heap per chunk: its state, its free time and its batch slot. */
  static final long HEAP_BYTES_PER_CHUNK = 1 + 8 + 8;

  private final BuddyAllocator buddy;
  private final SpinLock buddyLock;
  private final NativeRegion region;
  private final long baseAddress;
  /** log2 of a chunk in buddy units (pages), and in bytes. */
  private final int chunkOrder;
  private final int chunkShift;
  private final long decayNanos;
  private final long tickNanos;
  private final PurgeAdvice advice;
  /** Debug mode: purged memory reads zero, not poison; it is poisoned again when it is taken. */
  private final MemorySegment poisonPage;
  /** Per chunk, under the buddy lock: its state, and the clock when a block in it was last freed. */
  private final byte[] state;
  private final long[] freedAt;
  private long purgedChunks;
  /** A block went back to the buddy allocator since the last purge; for decay 0; under the lock. */
  private boolean pending;
  /**
   * The free blocks ({@link FreeBlock} packed) one purge took out of the buddy allocator, at most
   * one per chunk; only one purge at a time (under cycle).
   */
  private final long[] batch;
  private final ReentrantLock cycle = new ReentrantLock();
  private boolean stopped;
  private volatile long clock;
  private final Thread daemon;
  private volatile boolean stopping;
  /** Totals, under cycle: bytes and chunks ever given back, and purges that gave back anything. */
  private long totalBytes;
  private long totalChunks;
  private long purges;

  /**
   * @param pageShift log2 of the arena's page (the buddy unit)
   * @param purgeBytes the chunk size, a power of two of at least one page
   * @param decayNanos the decay time: 0 purges at once on free, negative never (but {@link #purge})
   * @param poisonByte in debug mode, the byte free memory holds; null otherwise
   * @param dirtyFromStart whether the region was written at build (debug poisoning)
   * @param tick what the daemon runs each tick before purging (the arena's idle-cache reclaim)
   */
  Purger(BuddyAllocator buddy, SpinLock buddyLock, NativeRegion region, int pageShift, long purgeBytes,
      long decayNanos, PurgeAdvice advice, Byte poisonByte, boolean dirtyFromStart, Runnable tick) {
    this.buddy = buddy;
    this.buddyLock = buddyLock;
    this.region = region;
    this.baseAddress = region.address;
    this.chunkShift = Long.numberOfTrailingZeros(purgeBytes);
    this.chunkOrder = chunkShift - pageShift;
    this.decayNanos = decayNanos;
    this.tickNanos = Math.clamp(decayNanos / 4, MIN_TICK, MAX_TICK);
    this.advice = advice;
    this.state = new byte[(int) (region.size >>> chunkShift)];
    this.freedAt = new long[state.length];
    this.batch = new long[state.length];
    java.util.Arrays.fill(state, dirtyFromStart ? DIRTY : UNTOUCHED);
    if (poisonByte != null) {
      poisonPage = MemorySegment.ofArray(new byte[NativeRegion.BASE_PAGE]);
      poisonPage.fill(poisonByte);
    } else {
      poisonPage = null;
    }
    this.clock = System.nanoTime();
    if (decayNanos > 0) {
      daemon = Thread.ofPlatform().daemon().name("buddykit-purger-0x" + Long.toHexString(baseAddress))
          .unstarted(() -> run(tick));
    } else {
      daemon = null;
    }
  }

  /** Starts the daemon (with a positive decay), once the arena is built. */
  void start() {
    if (daemon != null) {
      daemon.start();
    }
  }

  /** The purge size in bytes. */
  long chunkBytes() {
    return 1L << chunkShift;
  }

  long decayNanos() {
    return decayNanos;
  }

  PurgeAdvice advice() {
    return advice;
  }

  /** The purger's clock: {@code System.nanoTime} as of its last tick. */
  long clock() {
    return clock;
  }

  /**
   * Bytes of the region resident in memory now, from mincore(2), asked only where memory can be
   * resident: the chunks that are not UNTOUCHED, each widened to the huge pages around it (a huge
   * page fault, or khugepaged collapsing a range, makes a whole huge page resident). An untouched
   * chunk was never handed out since the region was mapped, so nobody wrote it: on a large arena
   * of which little was used this reads the kernel's vector for the used part, not for the whole
   * mapping (1 TiB is 256 Mi pages). The tail of a region that is not a whole number of chunks
   * has no state and is always asked. The chunk states are read without the buddy lock: a chunk
   * taken meanwhile is counted or not, as if the call had come a moment earlier or later.
   */
  long residentBytes() {
    long align = Math.max(NativeRegion.HUGE_PAGE, 1L << chunkShift);
    long chunks = (region.size + (1L << chunkShift) - 1) >>> chunkShift;
    long resident = 0;
    long runFrom = -1;
    long runTo = -1;
    for (int c = 0; c < chunks; c++) {
      if (c < state.length && state[c] == UNTOUCHED) {
        continue;
      }
      long start = baseAddress + ((long) c << chunkShift);
      long from = Math.max(0, (start & -align) - baseAddress);
      long to = Math.min(region.size, ((start + (1L << chunkShift) + align - 1) & -align) - baseAddress);
      if (from > runTo) { // a gap of untouched huge pages: the run before it is counted
        if (runTo > runFrom) {
          resident += region.residentBytes(runFrom, runTo - runFrom);
        }
        runFrom = from;
      }
      runTo = Math.max(runTo, to);
    }
    if (runTo > runFrom) {
      resident += region.residentBytes(runFrom, runTo - runFrom);
    }
    return resident;
  }

  // ------------------------------------------------------------------ called under the buddy lock

  /**
   * Pages {@code [start, start + pages)} were taken from the buddy allocator: their chunks are
   * dirty from now on. In debug mode a purged chunk is poisoned again, page by page where it reads
   * zero, so the poison check at hand-out holds; a page that reads neither zero nor poison was
   * written after it was freed and is left as it is, for that check to report.
   */
  void taken(long start, long pages) {
    int last = (int) Math.min(state.length - 1, (start + pages - 1) >>> chunkOrder);
    for (int c = (int) (start >>> chunkOrder); c <= last; c++) {
      byte s = state[c];
      if (s != DIRTY) {
        if (s == PURGED) {
          purgedChunks--;
          if (poisonPage != null) {
            repoison(c);
          }
        }
        state[c] = DIRTY;
      }
    }
  }

  /** Pages {@code [start, start + pages)} went back to the buddy allocator now. */
  void freed(long start, long pages) {
    long now = clock;
    int last = (int) Math.min(state.length - 1, (start + pages - 1) >>> chunkOrder);
    for (int c = (int) (start >>> chunkOrder); c <= last; c++) {
      freedAt[c] = now;
    }
    pending = true;
  }

  /** Bytes purged and not handed out since. */
  long purgedBytes() {
    return purgedChunks << chunkShift;
  }

  private void repoison(int c) {
    MemorySegment chunk = region.segment.asSlice((long) c << chunkShift, 1L << chunkShift);
    for (long p = 0; p < chunk.byteSize(); p += NativeRegion.BASE_PAGE) {
      MemorySegment page = chunk.asSlice(p, NativeRegion.BASE_PAGE);
      if (isZero(page)) {
        page.fill(poisonPage.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
      }
    }
  }

  private static boolean isZero(MemorySegment page) {
    for (long i = 0; i < page.byteSize(); i += 8) {
      if (page.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i) != 0) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ purging

  /**
   * After a free by a user: with decay 0, purges what the free left wholly free. The free itself
   * has succeeded, so a kernel that refuses the advice does not make it fail: the memory stays
   * dirty, and {@link BuddyArena#purge} reports the refusal to a caller who asks.
   */
  void afterFree() {
    if (decayNanos == 0 && pending) {
      try {
        purge(true);
      } catch (IllegalStateException e) {
        // refused: see above
      }
    }
  }

  /**
   * Gives back every dirty chunk that lies in a free block, those free for the decay time or (with
   * {@code now}) all of them; returns the bytes given back. See the class comment for the steps.
   */
  long purge(boolean now) {
    cycle.lock();
    try {
      if (stopped) {
        return 0;
      }
      PurgeEvent event = new PurgeEvent();
      event.begin();
      int n = takeEligible(now);
      RuntimeException failure = null;
      try {
        adviseRuns(n);
      } catch (RuntimeException e) {
        failure = e;
      }
      long chunks = giveBack(n, failure == null);
      if (failure != null) {
        throw failure;
      }
      long bytes = chunks << chunkShift;
      if (n > 0) {
        purges++;
        totalChunks += chunks;
        totalBytes += bytes;
        event.end();
        if (event.shouldCommit()) {
          event.baseAddress = baseAddress;
          event.bytes = bytes;
          event.blocks = n;
          event.advice = advice.name();
          event.explicit = now;
          event.commit();
        }
      }
      return bytes;
    } finally {
      cycle.unlock();
    }
  }

  /**
   * Under the buddy lock: takes each free block holding an eligible chunk out of the buddy
   * allocator (as a whole, so it is split and merged again once, not per chunk) into the batch,
   * and marks its eligible chunks PURGING; returns the number of blocks.
   */
  private int takeEligible(boolean now) {
    int n = 0;
    buddyLock.lock();
    try {
      pending = false;
      long limit = clock - decayNanos - tickNanos;
      for (int c = 0; c < state.length; c++) {
        if (!eligible(c, now, limit)) {
          continue;
        }
        long block = buddy.freeBlockContaining((long) c << chunkOrder);
        if (block == FreeBlock.NONE || FreeBlock.order(block) < chunkOrder
            || !buddy.tryAllocateAt(FreeBlock.start(block), FreeBlock.order(block))) {
          continue;
        }
        batch[n++] = block;
        int end = chunkEnd(block);
        for (int k = c; k < end; k++) {
          if (eligible(k, now, limit)) {
            state[k] = PURGING;
          }
        }
        c = end - 1;
      }
    } finally {
      buddyLock.unlock();
    }
    return n;
  }

  private boolean eligible(int c, boolean now, long limit) {
    return state[c] == DIRTY && (now || freedAt[c] - limit <= 0);
  }

  private int chunkStart(long block) {
    return (int) (FreeBlock.start(block) >>> chunkOrder);
  }

  private int chunkEnd(long block) {
    return chunkStart(block) + (1 << (FreeBlock.order(block) - chunkOrder));
  }

  /** Without the buddy lock: one madvise per run of PURGING chunks in each block of the batch. */
  private void adviseRuns(int n) {
    for (int i = 0; i < n; i++) {
      int end = chunkEnd(batch[i]);
      for (int c = chunkStart(batch[i]); c < end; c++) {
        if (state[c] == PURGING) {
          int from = c;
          while (c + 1 < end && state[c + 1] == PURGING) {
            c++;
          }
          region.advise((long) from << chunkShift, (long) (c + 1 - from) << chunkShift, advice);
        }
      }
    }
  }

  /**
   * Under the buddy lock: the batch goes back to the buddy allocator, its PURGING chunks PURGED
   * (or, when the kernel refused, DIRTY again); returns the chunks purged.
   */
  private long giveBack(int n, boolean purged) {
    long chunks = 0;
    buddyLock.lock();
    try {
      for (int i = 0; i < n; i++) {
        buddy.free(FreeBlock.start(batch[i]));
        int end = chunkEnd(batch[i]);
        for (int c = chunkStart(batch[i]); c < end; c++) {
          if (state[c] == PURGING) {
            state[c] = purged ? PURGED : DIRTY;
            chunks++;
          }
        }
      }
      purgedChunks += purged ? chunks : 0;
    } finally {
      buddyLock.unlock();
    }
    return chunks;
  }

  /** Returns once no purge is under way (its chunks are back in the buddy allocator). */
  void await() {
    cycle.lock();
    cycle.unlock();
  }

  /** {bytes, chunks, purges} given back since the arena was built. */
  long[] totals() {
    cycle.lock();
    try {
      return new long[] {totalBytes, totalChunks, purges};
    } finally {
      cycle.unlock();
    }
  }

  private void run(Runnable tick) {
    while (!stopping) {
      LockSupport.parkNanos(tickNanos);
      if (stopping) {
        break;
      }
      clock = System.nanoTime();
      try {
        tick.run();
        purge(false);
      } catch (RuntimeException e) {
        // The kernel refused the advice (MADV_FREE before Linux 4.5): the memory stays with the
        // arena, as dirty; purge() reports the refusal to a caller who asks.
      }
    }
  }

  /** Stops the daemon and waits for it and for a purge under way; later purges do nothing. */
  void stop() {
    stopping = true;
    if (daemon != null) {
      LockSupport.unpark(daemon);
      boolean interrupted = false;
      while (daemon.isAlive()) {
        try {
          daemon.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    cycle.lock();
    try {
      stopped = true;
    } finally {
      cycle.unlock();
    }
  }
}
