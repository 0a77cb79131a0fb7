package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeListOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mixed-order churn at half occupancy: blocks of orders uniform in 0..3 (1 to 8 units) freed and
 * allocated at random, maxOrder 10, the space held at about 50% full.
 *
 * <p>The mean block is (1 + 2 + 4 + 8) / 4 = 3.75 units, so {@code units * 2 / 15} live blocks fill
 * half the space; the count never changes and each slot's order is an independent draw, so
 * occupancy stays within a fraction of a percent of 50%. Setup fills the space from empty. Each
 * step frees the block in a random slot and allocates one of a random order into that slot; slot
 * and order come packed in one precomputed int ({@code slot << 2 | order}), walked cyclically
 * (length: {@link Steps}). Unlike {@link Order0SteadyState} the freed block and the new one
 * usually differ in order, so frees merge and allocations split.
 *
 * <p>{@code log2Units} 20 keeps the metadata (about 2.5 MiB) in L2/L3; 26 (about 150 MiB of
 * metadata, 450 MiB of heap, a few seconds of setup) is DRAM-bound: most frees and allocations
 * touch cold header and bitmap lines and take cache and TLB misses. At a few hundred ns per pair
 * the default iterations free each live block of the large space only once or twice, so that
 * figure is the allocator some way from its sequential fill; longer iterations (-r) go further.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MixedOrders {

  static final int MAX_ORDER = 10;

  @Param({"20", "26"})
  public int log2Units;

  /** Which free block of an order an allocation takes: the lowest, or the head of Linux's list. */
  @Param({"LOWEST_ADDRESS", "LINUX"})
  public FreeListOrder freeListOrder;

  BuddyAllocator buddy;
  /** Start of the live block in each slot (int keeps the harness's own footprint small). */
  int[] live;
  /** Step i: {@code slot << 2 | order}. */
  int[] ops;
  int mask;
  int cursor;
  /** Allocations that had to fall back to a smaller order (expected: 0). */
  long fallbacks;

  @Setup(Level.Trial)
  public void setup() {
    int units = 1 << log2Units;
    SplittableRandom rnd = new SplittableRandom(0x5eed_0002L);
    buddy = BuddyAllocator.builder(units, MAX_ORDER).freeListOrder(freeListOrder).build();
    live = new int[(int) (units * 2L / 15)];
    for (int i = 0; i < live.length; i++) {
      live[i] = (int) buddy.allocate(rnd.nextInt(4));
    }
    int len = Steps.lengthFor(live.length);
    ops = new int[len];
    for (int i = 0; i < len; i++) {
      ops[i] = rnd.nextInt(live.length) << 2 | rnd.nextInt(4);
    }
    mask = len - 1;
  }

  /** Frees a random live block and allocates one of a random order 0..3 in its slot. */
  @Benchmark
  public long freeAllocate() {
    int op = ops[cursor];
    cursor = (cursor + 1) & mask;
    int slot = op >>> 2;
    buddy.free(live[slot]);
    long start = buddy.tryAllocate(op & 3);
    if (start < 0) {
      start = fallback(op & 3);
    }
    live[slot] = (int) start;
    return start;
  }

  private long fallback(int order) {
    fallbacks++;
    for (int k = order - 1; k >= 0; k--) {
      long start = buddy.tryAllocate(k);
      if (start >= 0) {
        return start;
      }
    }
    throw new IllegalStateException("no free unit at all: " + buddy);
  }

  /** After the trial: the block count held and the allocator is consistent. */
  @TearDown(Level.Trial)
  public void check() {
    String name = "MixedOrders log2Units=" + log2Units;
    if (buddy.liveAllocations() != live.length) {
      throw new IllegalStateException(name + ": live allocations drifted: " + buddy);
    }
    buddy.verify();
    if (fallbacks != 0) {
      System.err.println(name + ": " + fallbacks + " allocations fell back to a smaller order");
    }
  }
}
