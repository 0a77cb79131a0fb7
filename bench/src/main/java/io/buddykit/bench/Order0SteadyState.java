package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeListOrder;
import java.util.Arrays;
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
 * Single-page churn: the order-0 free/alloc pair, the path a page allocator runs most often.
 *
 * <p>A space of 2^20 units, maxOrder 10. Setup allocates every unit as an order-0 block, shuffles
 * them and frees a random half, so half the space is live in order-0 blocks scattered over the
 * whole space and the free lists start out holding blocks of many orders. Each operation frees one
 * live block (a slot picked by a precomputed random index) and allocates a new order-0 block into
 * the same slot: one {@code free} plus one {@code allocate(0)}, in ns per pair.
 *
 * <p>Under {@code LOWEST_ADDRESS}, because an order-0 request takes the lowest free order-0 block,
 * the churn drives the free order-0 blocks above the live ones within the first warmup iteration (a
 * few million pairs); from then on a freed page's buddy is live, nothing merges, and the freed page
 * is the lowest free one and is handed straight back (hot reuse, what Linux gets from its per-cpu
 * page lists). So this measures the bitmap and header work of one free and one allocation, with no
 * merging or splitting, on random pages over metadata of about 2.5 MiB. Under {@code LINUX} a freed
 * page whose buddy is live goes to the head of order 0 and is handed straight back too (by the
 * lists' own rule); one whose buddy is free merges, and the allocation then splits the head of the
 * smallest non-empty order, so some merging and splitting stays in the mix (about 11 MiB of
 * metadata).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Order0SteadyState {

  static final int UNITS = 1 << 20;
  static final int MAX_ORDER = 10;

  /** Which free block of an order an allocation takes: the lowest, or the head of Linux's list. */
  @Param({"LOWEST_ADDRESS", "LINUX"})
  public FreeListOrder freeListOrder;

  BuddyAllocator buddy;
  /** Start of the live block in each slot. */
  int[] live;
  /** Slot to recycle at each step, walked cyclically. */
  int[] slots;
  int mask;
  int cursor;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(0x5eed_0001L);
    buddy = BuddyAllocator.builder(UNITS, MAX_ORDER).freeListOrder(freeListOrder).build();
    int[] all = new int[UNITS];
    for (int i = 0; i < UNITS; i++) {
      all[i] = (int) buddy.allocate(0);
    }
    for (int i = UNITS - 1; i > 0; i--) { // Fisher-Yates
      int j = rnd.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int half = UNITS / 2;
    for (int i = 0; i < half; i++) {
      buddy.free(all[i]);
    }
    live = Arrays.copyOfRange(all, half, UNITS);
    slots = new int[Steps.lengthFor(live.length)];
    mask = slots.length - 1;
    for (int i = 0; i < slots.length; i++) {
      slots[i] = rnd.nextInt(live.length);
    }
  }

  @TearDown(Level.Trial)
  public void check() {
    if (buddy.liveAllocations() != live.length) {
      throw new IllegalStateException("live allocations drifted: " + buddy);
    }
    buddy.verify();
  }

  /** One order-0 free plus one order-0 allocation. */
  @Benchmark
  public long freeAllocate() {
    int slot = slots[cursor];
    cursor = (cursor + 1) & mask;
    buddy.free(live[slot]);
    long start = buddy.allocate(0);
    live[slot] = (int) start;
    return start;
  }
}
