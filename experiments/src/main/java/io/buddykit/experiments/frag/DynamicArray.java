package io.buddykit.experiments.frag;

import io.buddykit.core.BuddyAllocator;

/**
 * A growable array of fixed-size elements whose storage is a block of a buddy heap with one unit
 * per element, so that the allocator's power-of-two rounding shows up as unused elements.
 */
public final class DynamicArray {
  private final BuddyAllocator heap;
  private final GrowthPolicy policy;
  private final GrowthStats stats;
  private long block = -1;
  private long capacity;
  private long size;

  /** An empty array on {@code heap}; its growth events are counted into {@code stats}. */
  public DynamicArray(BuddyAllocator heap, GrowthPolicy policy, GrowthStats stats) {
    this.heap = heap;
    this.policy = policy;
    this.stats = stats;
  }

  /** Appends one element, growing first when full. */
  public void append() {
    if (size == capacity) {
      grow(capacity == 0 ? 1 : policy.next(capacity));
    }
    size++;
  }

  private void grow(long wanted) {
    if (block >= 0) {
      stats.growths++;
    }
    if (block >= 0 && policy.inPlace()) {
      if (wanted <= heap.sizeOf(block)) { // realloc finds the rounding slack big enough
        stats.slackReuses++;
        capacity = wanted;
        return;
      }
      int needed = BuddyAllocator.orderFor(wanted);
      int order = heap.orderOf(block);
      while (order < needed && heap.tryGrowInPlace(block)) {
        order++;
      }
      stats.observePeak(heap.liveUnits());
      if (order == needed) {
        stats.inPlaceGrowths++;
        capacity = wanted;
        return;
      }
    }
    long next = heap.allocateUnits(wanted);
    stats.observePeak(heap.liveUnits());
    if (block >= 0) {
      stats.moves++;
      stats.elementsCopied += size;
      heap.free(block);
    }
    block = next;
    capacity = wanted;
  }

  public long size() {
    return size;
  }

  public long capacity() {
    return capacity;
  }

  /** Elements the array's block holds, rounding included. */
  public long granted() {
    return block < 0 ? 0 : heap.sizeOf(block);
  }
}
