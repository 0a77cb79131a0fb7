package io.buddykit.share.cpu;

import io.buddykit.core.BuddyAllocator;

/**
 * Places requests with a real {@link BuddyAllocator} over the frame's units (maxOrder =
 * log2(frame)): a request takes a power-of-two slice ({@link Quantum}) aligned to its size, the
 * lowest free one of the smallest sufficient order. At the frame's end every slot is freed and the
 * free buddies coalesce back into one block of the whole frame; {@link #endFrame()} checks that
 * they did and throws {@link IllegalStateException} if not.
 *
 * <p>Within a frame nothing is freed, so the allocator splits only: it never holds two free blocks
 * of one order, and a slice of 2^k therefore fits exactly when at least 2^k units are free. A set
 * of requests fits one frame exactly when their rounded sizes sum to at most the frame, whatever
 * their order.
 */
public final class BuddyPlacer implements Placer {
  private final TimeFrame frame;
  private final BuddyAllocator allocator;
  private final long[] slots;
  private int live;

  public BuddyPlacer(TimeFrame frame) {
    this.frame = frame;
    this.allocator = BuddyAllocator.create(frame.units(), frame.maxOrder());
    this.slots = new long[frame.units()];
  }

  @Override
  public TimeFrame frame() {
    return frame;
  }

  @Override
  public String name() {
    return "buddy";
  }

  @Override
  public long place(long units) {
    Quantum.check(units, frame);
    long start = allocator.tryAllocateUnits(units);
    if (start >= 0) {
      slots[live++] = start;
    }
    return start;
  }

  @Override
  public long granted(long units) {
    return Quantum.slice(units, frame);
  }

  @Override
  public long freeUnits() {
    return allocator.freeUnits();
  }

  /** Units asked for by the slots of the current frame (granted ones: {@code frame - free}). */
  public long requestedUnits() {
    return allocator.liveRequestedUnits();
  }

  /** Free blocks per order in the current frame (the frame's /proc/buddyinfo line). */
  public long[] buddyInfo() {
    return allocator.buddyInfo();
  }

  /** True when the frame is one free block of its full order. */
  public boolean isWhole() {
    long[] info = allocator.buddyInfo();
    for (int k = 0; k < frame.maxOrder(); k++) {
      if (info[k] != 0) {
        return false;
      }
    }
    return info[frame.maxOrder()] == 1 && allocator.freeUnits() == frame.units();
  }

  @Override
  public void endFrame() {
    for (int i = 0; i < live; i++) {
      allocator.free(slots[i]);
    }
    live = 0;
    if (!isWhole()) {
      throw new IllegalStateException(
          "the frame did not coalesce back into one free block: " + allocator);
    }
  }
}
