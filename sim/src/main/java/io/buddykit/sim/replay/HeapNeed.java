package io.buddykit.sim.replay;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.trace.memory.MallocEvents;

/**
 * What a heap trace needs of the buddy heap that replays it, read in one pass before the replay:
 * the peak of live units, each request rounded up to the power-of-two block the buddy system
 * grants, and from it the heap {@link HeapReplay#fitted} replays on. A replay then costs memory in
 * proportion to what the trace holds at once, not to a fixed default heap (issue 19 item 5).
 *
 * <p>Counted as {@link HeapReplay} counts: a second malloc of a live address frees the first; a
 * realloc that may move holds its old and new blocks at once (the replay copies before it frees);
 * a free of an unknown address changes nothing. A request no heap of at most 2^{@value
 * #MAX_ORDER} units could grant (above it, or beyond a signed long) is counted in {@link
 * #unsatisfiable()} and left out of the peak: it fails on any heap the replay can build.
 */
public final class HeapNeed implements MallocEvents {
  /** The largest block order a replayed heap has: {@link HeapReplay#sized} stops at it too. */
  public static final int MAX_ORDER = 30;

  private final long unitBytes;
  private final LongIntMap live = new LongIntMap(); // address -> order of its block
  private long liveUnits;
  private long peakUnits;
  private long unsatisfiable;
  private long events;

  /** @param unitBytes the heap's smallest block, a power of two, as {@link HeapReplay}'s */
  public HeapNeed(long unitBytes) {
    if (unitBytes < 1 || Long.bitCount(unitBytes) != 1) {
      throw new IllegalArgumentException("unit must be a power of two, not " + unitBytes);
    }
    this.unitBytes = unitBytes;
  }

  /** The order of the block a request of {@code size} bytes takes, or -1 when none can hold it. */
  int orderOf(long size) {
    if (size < 0) {
      return -1;
    }
    long units = Math.max(1, Math.ceilDiv(size, unitBytes));
    int order = 64 - Long.numberOfLeadingZeros(units - 1);
    return order > MAX_ORDER ? -1 : order;
  }

  @Override
  public void malloc(long addr, long size) {
    events++;
    drop(addr);
    int order = orderOf(size);
    if (order < 0) {
      unsatisfiable++;
      return;
    }
    live.put(addr, order);
    liveUnits += 1L << order;
    peakUnits = Math.max(peakUnits, liveUnits);
  }

  @Override
  public void free(long addr) {
    events++;
    drop(addr);
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    events++;
    int order = orderOf(size);
    if (order < 0) {
      unsatisfiable++; // the replay's realloc fails and keeps the old block
      return;
    }
    int old = live.remove(oldAddr);
    if (newAddr != oldAddr) {
      drop(newAddr);
    }
    // A move holds both blocks while it copies; count both, as the replay may need them.
    long during = liveUnits + (1L << order);
    peakUnits = Math.max(peakUnits, during);
    liveUnits = during - (old == LongIntMap.MISSING ? 0 : 1L << old);
    live.put(newAddr, order);
    peakUnits = Math.max(peakUnits, liveUnits);
  }

  private void drop(long addr) {
    int order = live.remove(addr);
    if (order != LongIntMap.MISSING) {
      liveUnits -= 1L << order;
    }
  }

  @Override
  public void failed(long size) {
    events++;
  }

  /** Heap events seen: mallocs, frees, reallocs and traced failures. */
  public long events() {
    return events;
  }

  /** The most units live at once, each request as its power-of-two block. */
  public long peakUnits() {
    return peakUnits;
  }

  /** {@link #peakUnits()} in bytes. */
  public long peakBytes() {
    return peakUnits * unitBytes;
  }

  /** Requests no replayed heap can grant: they fail on any heap {@link #heapUnits} sizes. */
  public long unsatisfiable() {
    return unsatisfiable;
  }

  public long unitBytes() {
    return unitBytes;
  }

  /**
   * The heap to replay on, in units: twice the peak, rounded up to a power of two (so 2 to 4 times
   * the peak), at least {@link HeapReplay#MIN_FITTED_BYTES} and at most 2^{@value #MAX_ORDER}
   * units. The headroom is for external fragmentation: the peak counts blocks, not where they lie,
   * and a buddy heap of exactly the peak fails when the free units are split between buddies.
   * {@link HeapReplay#fitted} doubles it again if the replay still fails.
   */
  public long heapUnits() {
    long min = Math.max(1, HeapReplay.MIN_FITTED_BYTES / unitBytes);
    long want = Math.max(min, 2 * peakUnits);
    long pow = Long.highestOneBit(want);
    long units = pow == want ? want : pow << 1;
    return Math.min(units, Math.min(1L << MAX_ORDER, Long.highestOneBit(BuddyAllocator.MAX_UNITS)));
  }
}
