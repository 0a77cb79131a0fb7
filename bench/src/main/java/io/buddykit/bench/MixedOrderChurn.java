package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import java.util.SplittableRandom;

/**
 * The workload behind {@link MixedOrders} and {@link LargeSpace} (not a benchmark itself): a space
 * held at about 50% occupancy by blocks of orders uniform in 0..3, churned one free+allocate pair
 * at a time.
 *
 * <p>The mean block is (1 + 2 + 4 + 8) / 4 = 3.75 units, so {@code units * 2 / 15} live blocks fill
 * half the space; the count of blocks never changes and each slot's order is an independent draw,
 * so occupancy stays within a fraction of a percent of 50%. Setup fills the space from empty (live
 * blocks pack from unit 0 up, as the lowest-address policy puts them). Each step frees the block in
 * a random slot and allocates one of a random order into that slot; slot and order come packed in
 * one precomputed int ({@code slot << 2 | order}), walked cyclically (length: {@link Steps}).
 */
final class MixedOrderChurn {

  final BuddyAllocator buddy;
  /** Start of the live block in each slot (int keeps the harness's own footprint small). */
  final int[] live;
  /** Step i: {@code slot << 2 | order}. */
  final int[] ops;
  final int mask;
  int cursor;
  /** Allocations that had to fall back to a smaller order (expected: 0). */
  long fallbacks;

  MixedOrderChurn(int units, int maxOrder, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    buddy = BuddyAllocator.create(units, maxOrder);
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
  long step() {
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
  void check(String name) {
    if (buddy.liveAllocations() != live.length) {
      throw new IllegalStateException(name + ": live allocations drifted: " + buddy);
    }
    buddy.verify();
    if (fallbacks != 0) {
      System.err.println(name + ": " + fallbacks + " allocations fell back to a smaller order");
    }
  }
}
