package io.buddykit.sim.replay;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.trace.memory.MallocEvents;
import java.util.function.Consumer;

/**
 * Replays a process's heap events (glibc mtrace) on a buddy space of {@code unitBytes} units:
 * 16 bytes gives a byte-granular heap (glibc's malloc alignment), 4096 maps each request onto
 * whole pages. Addresses name allocations while they are live. A realloc grows in place when the
 * block already holds the new size or its free buddies can be merged onto it
 * ({@link BuddyAllocator#tryGrowInPlace}), else it moves: a new block, a copy, a free.
 *
 * <p>Measures what the buddy system costs this program: bytes requested against bytes granted
 * (internal fragmentation), at the peak and at the end, and how reallocs fared.
 */
public final class HeapReplay implements MallocEvents {
  /**
   * Counts of one heap replay. {@code frees} are the traced frees of known blocks; {@code
   * unknownFrees} frees of blocks allocated before tracing began; {@code impliedFrees} blocks whose
   * address a later malloc or realloc returned while they were live, so the trace lost their free
   * and the replay frees them then (each event counted once, in one of the three).
   */
  public record Stats(
      long mallocs,
      long frees,
      long reallocs,
      long reallocsInPlace,
      long bytesCopied,
      long failures,
      long unknownFrees,
      long impliedFrees,
      long tracedFailures,
      long liveBytesRequested,
      long liveBytesGranted,
      long peakBytesRequested,
      long peakBytesGranted) {

    /** Wasted share of the granted bytes at the peak (0 to 1). */
    public double peakWaste() {
      return peakBytesGranted == 0 ? 0 : 1 - (double) peakBytesRequested / peakBytesGranted;
    }
  }

  private final BuddyAllocator space;
  private final long unitBytes;
  private final LongIntMap live = new LongIntMap(); // address -> slot
  private long[] start = new long[1024];
  private long[] bytes = new long[1024];
  private final Slots slots = new Slots();
  private long mallocs;
  private long frees;
  private long reallocs;
  private long inPlace;
  private long copied;
  private long failures;
  private long unknownFrees;
  private long impliedFrees;
  private long tracedFailures;
  private long requested;
  private long peakRequested;
  private long peakGranted;

  /**
   * Java heap per unit of the replayed heap: the allocator's {@link
   * io.buddykit.core.FreeListOrder#LOWEST_ADDRESS} metadata, about 2.4 bytes a unit, rounded up.
   */
  static final long HEAP_BYTES_PER_UNIT = 3;

  /** The Java heap a replayed heap of {@code spaceBytes} in {@code unitBytes} units takes. */
  public static long heapBytes(long spaceBytes, long unitBytes) {
    return HeapBudget.times(spaceBytes / Math.max(1, unitBytes), HEAP_BYTES_PER_UNIT);
  }

  /**
   * @param spaceBytes size of the heap space (rounded down to whole units)
   * @param unitBytes the smallest block, a power of two (16 = byte-granular, 4096 = pages)
   * @param maxOrder largest block order
   */
  public HeapReplay(long spaceBytes, long unitBytes, int maxOrder) {
    if (unitBytes < 1 || Long.bitCount(unitBytes) != 1) {
      throw new IllegalArgumentException("unit must be a power of two, not " + unitBytes);
    }
    long units = spaceBytes / unitBytes;
    if (units < 1 || units > BuddyAllocator.MAX_UNITS) {
      throw new IllegalArgumentException("a heap of " + spaceBytes + " bytes in " + unitBytes
          + "-byte units is outside 1.." + BuddyAllocator.MAX_UNITS + " units");
    }
    HeapBudget.require("a heap of " + Sizes.format(units * unitBytes) + " in " + unitBytes + "-byte units",
        heapBytes(spaceBytes, unitBytes));
    this.unitBytes = unitBytes;
    this.space = BuddyAllocator.create(units, maxOrder);
  }

  /**
   * A heap of {@code spaceBytes} in {@code unitBytes} units whose largest block is the whole heap
   * (at most order 30).
   */
  public static HeapReplay sized(long spaceBytes, long unitBytes) {
    long units = Math.max(1, spaceBytes / Math.max(1, unitBytes));
    return new HeapReplay(spaceBytes, unitBytes,
        Math.min(HeapNeed.MAX_ORDER, 63 - Long.numberOfLeadingZeros(units)));
  }

  /** The smallest heap {@link #fitted} replays on: 1 MiB, so a short trace still shows a few orders. */
  public static final long MIN_FITTED_BYTES = 1L << 20;

  /**
   * Replays a trace on a heap sized from what it needs: {@link HeapNeed#heapUnits()} (2 to 4 times
   * its peak of live blocks). When the replay then fails requests a larger heap would grant (more
   * failures than {@link HeapNeed#unsatisfiable()}), the heap is doubled and the trace replayed
   * again, while the doubled heap stays within 2^{@value HeapNeed#MAX_ORDER} units and the Java
   * heap ({@link HeapBudget}); so the figures are a heap's the trace fits in, not artefacts of a
   * heap cut too small.
   *
   * @param need the trace's needs, from a first pass over it
   * @param replay reads the trace into the heap it is given (once per size tried)
   * @throws HeapBudget.TooSmall when even the first heap does not fit in the Java heap
   */
  public static HeapReplay fitted(HeapNeed need, Consumer<HeapReplay> replay) {
    long unit = need.unitBytes();
    long units = need.heapUnits();
    while (true) {
      HeapReplay heap = sized(units * unit, unit);
      replay.accept(heap);
      long doubled = units << 1;
      if (heap.failures <= need.unsatisfiable() || doubled > 1L << HeapNeed.MAX_ORDER
          || doubled > BuddyAllocator.MAX_UNITS || heapBytes(doubled * unit, unit) > HeapBudget.heapBytes()) {
        return heap;
      }
      units = doubled;
    }
  }

  @Override
  public void malloc(long addr, long size) {
    if (size < 0) {
      failures++; // beyond a signed long: no heap can hold it
      return;
    }
    dropLive(addr);
    long s = place(size);
    if (s < 0) {
      failures++;
      return;
    }
    int slot = slots.take();
    start = Slots.fit(start, slots);
    bytes = Slots.fit(bytes, slots);
    start[slot] = s;
    bytes[slot] = size;
    live.put(addr, slot);
    requested += size;
    mallocs++;
    peak();
  }

  @Override
  public void free(long addr) {
    int slot = live.remove(addr);
    if (slot == LongIntMap.MISSING) {
      unknownFrees++; // allocated before tracing began
      return;
    }
    release(slot);
    frees++;
  }

  /** A live block at {@code addr}, handed out again by the traced program: its free was lost. */
  private void dropLive(long addr) {
    int slot = live.remove(addr);
    if (slot != LongIntMap.MISSING) {
      release(slot);
      impliedFrees++;
    }
  }

  private void release(int slot) {
    space.free(start[slot]);
    requested -= bytes[slot];
    slots.release(slot);
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    int slot = live.remove(oldAddr);
    if (slot == LongIntMap.MISSING) {
      unknownFrees++;
      malloc(newAddr, size);
      return;
    }
    if (newAddr != oldAddr) {
      dropLive(newAddr);
    }
    reallocs++;
    long need = size < 0 ? Long.MAX_VALUE : units(size);
    long s = start[slot];
    if (canGrowInPlace(s, need)) {
      while (space.sizeOf(s) < need) {
        space.tryGrowInPlace(s); // each step doubles the block by merging its free buddy above it
      }
      inPlace++;
    } else {
      long moved = place(size);
      if (moved < 0) {
        failures++; // realloc returned NULL: the old block stays as it was
        live.put(oldAddr, slot);
        return;
      }
      copied += Math.min(bytes[slot], size);
      space.free(s);
      start[slot] = moved;
    }
    requested += size - bytes[slot];
    bytes[slot] = size;
    live.put(newAddr, slot);
    peak();
  }

  @Override
  public void failed(long size) {
    tracedFailures++;
  }

  /**
   * Whether the block at {@code s} already holds {@code need} units or reaches them by merging
   * free buddies above it, checked before anything changes, so that a realloc that must move
   * leaves its old block exactly as it was if the move then fails.
   */
  private boolean canGrowInPlace(long s, long need) {
    int k = space.orderOf(s);
    while ((1L << k) < need) {
      if (k >= space.maxOrder() || (s & (1L << k)) != 0 || space.freeClassAt(s + (1L << k), k) < 0) {
        return false;
      }
      k++;
    }
    return true;
  }

  /** Units a request of {@code size} bytes takes; ceilDiv, as (size + unit - 1) / unit wraps near 2^63. */
  private long units(long size) {
    return Math.max(1, Math.ceilDiv(size, unitBytes));
  }

  private long place(long size) {
    if (size < 0) {
      return -1;
    }
    long n = units(size);
    if (n > (1L << space.maxOrder())) {
      return -1;
    }
    return space.tryAllocateUnits(n);
  }

  private void peak() {
    peakRequested = Math.max(peakRequested, requested);
    peakGranted = Math.max(peakGranted, space.liveUnits() * unitBytes);
  }

  /** The heap's buddy space, for buddyinfo and the fragmentation indices. */
  public BuddyAllocator space() {
    return space;
  }

  public long unitBytes() {
    return unitBytes;
  }

  /** The replayed heap's size in bytes: its units times {@link #unitBytes()}. */
  public long spaceBytes() {
    return space.units() * unitBytes;
  }

  public Stats stats() {
    return new Stats(mallocs, frees, reallocs, inPlace, copied, failures, unknownFrees, impliedFrees, tracedFailures,
        requested, space.liveUnits() * unitBytes, peakRequested, peakGranted);
  }
}
