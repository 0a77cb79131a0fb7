package io.buddykit.offheap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Per page of an arena, the two words of a buddy block held by a user that starts there, side by
 * side: its state (the handle generation, 0 for a plain allocation, above {@code LIVE | EXACT? |
 * order}; 0 when no held block starts at the page) and the bytes the user asked for. The
 * allocation publishes both with a release store of the state; a free reads the state with
 * acquire, checks the request against the size it is given, and compares and sets the very state
 * it checked to 0, so a stale handle or a second free of the same block never releases the
 * block's next allocation.
 *
 * <p><b>Where the words live, and why.</b> In memory of its own, mapped from the kernel like the
 * arena (pages become resident only where blocks start), not in a Java array: two threads each
 * allocating and freeing one 64 KiB or 1 MiB block from their caches ran 2-5 times slower than
 * one thread when the table was a {@code long[]} (JFR and perf put the time on the loads of the
 * array's length, which every bounds check reads from the array's header line, and on the
 * compare-and-sets after them), and level with one thread with the table here (issue 15; see
 * BENCHMARKS.md). A segment's bounds check reads its length from the segment object instead.
 *
 * <p><b>Layout.</b> Page p's words sit at byte {@code 16 (p + p / 64)}: one unused pair every 64
 * pages, so the words of blocks aligned to a large power of two (every 1 MiB block starts at a
 * multiple of 256 pages, 4 KiB apart in a plain table) do not all fall in one set of the L1 data
 * cache but spread over 64 (jemalloc randomizes the start of large allocations within a page, its
 * cache-oblivious option, for the same reason). 16.25 bytes per page.
 */
final class BlockTable {
  private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();
  /** One unused pair of words every 2^SKEW_SHIFT pages. */
  private static final int SKEW_SHIFT = 6;

  private final NativeRegion region;
  private final MemorySegment words;

  /** A table of {@code pages} pages, no block held: mapped, all zero, resident only once written. */
  BlockTable(long pages) {
    region = NativeRegion.map(mappedBytes(pages), NativeRegion.BASE_PAGE);
    words = region.segment;
  }

  /** Bytes mapped for a table of {@code pages} pages: whole kernel pages. */
  static long mappedBytes(long pages) {
    long bytes = 16 * (pages + (pages >>> SKEW_SHIFT) + 1);
    return (bytes + NativeRegion.BASE_PAGE - 1) & -NativeRegion.BASE_PAGE;
  }

  private static long slot(int page) {
    return 16L * (page + (page >>> SKEW_SHIFT));
  }

  /** A block starting at {@code page} is handed out: its request, then its state (release). */
  void publish(int page, long state, long requested) {
    long s = slot(page);
    words.set(ValueLayout.JAVA_LONG, s + 8, requested);
    WORD.setRelease(words, s, state);
  }

  /** The state of the block held at {@code page} (acquire), 0 when none starts there. */
  long state(int page) {
    return (long) WORD.getAcquire(words, slot(page));
  }

  /** The bytes asked for the block at {@code page}; read after {@link #state} saw it held. */
  long requested(int page) {
    return words.get(ValueLayout.JAVA_LONG, slot(page) + 8);
  }

  /** Ends the hold of the block at {@code page} if its state is still {@code state}. */
  boolean retire(int page, long state) {
    return WORD.compareAndSet(words, slot(page), state, 0L);
  }

  /** Unmaps the table; a later access fails (IllegalStateException), never touches freed memory. */
  void close() {
    region.close();
  }
}
