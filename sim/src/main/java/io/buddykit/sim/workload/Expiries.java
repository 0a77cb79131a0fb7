package io.buddykit.sim.workload;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * When each held block is due to be freed: a min-heap of (step, tag) in one {@code long[]}, so a
 * step frees exactly its expired objects in O(log n) each without scanning the rest.
 *
 * <p>A tag may be reclaimed and reused before its entry comes up; the entry stays and is dropped
 * on the way out unless it still matches the tag's latest deadline, so nothing has to be searched
 * for when the machine takes a block back.
 */
final class Expiries {
  /** The deadline of an object that lives until the workload is drained. */
  public static final long NEVER = Long.MAX_VALUE;
  private static final long MAX_STEP = (1L << 31) - 1;

  private long[] heap = new long[64];
  private int size;
  /** Latest deadline per tag; entries that disagree are stale. */
  private long[] deadline = new long[64];

  /**
   * Sets {@code tag} to expire {@code life} steps after {@code now}, replacing any earlier deadline;
   * a life of {@link #NEVER}, or one reaching past step 2^31, never expires.
   */
  public void schedule(int tag, long now, long life) {
    if (tag < 0 || now < 0 || life < 1) {
      throw new IllegalArgumentException(
          "tag " + tag + ", step " + now + ", life " + life + ": need tag, step >= 0 and life >= 1");
    }
    if (tag >= deadline.length) {
      deadline = Arrays.copyOf(deadline, Math.max(tag + 1, deadline.length * 2));
    }
    if (life == NEVER || now + life > MAX_STEP) {
      deadline[tag] = NEVER;
      return;
    }
    long step = now + life;
    deadline[tag] = step;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = step << 32 | tag;
    siftUp(size++);
  }

  /**
   * Hands {@code due} every tag whose deadline is {@code step} or earlier, earliest first. A tag
   * reclaimed meanwhile still comes out: the caller checks its holdings still hold it.
   */
  public void pollDue(long step, IntConsumer due) {
    while (size > 0 && (heap[0] >>> 32) <= step) {
      long top = heap[0];
      heap[0] = heap[--size];
      siftDown(0);
      int tag = (int) top;
      if (deadline[tag] == top >>> 32) {
        deadline[tag] = NEVER;
        due.accept(tag);
      }
    }
  }

  /** Frees through {@code client} every tag due by {@code step} that reclaim has not taken back. */
  public void freeDue(long step, MachineClient client) {
    Holdings h = client.holdings();
    pollDue(step, tag -> {
      if (h.isLive(tag)) {
        client.free(tag);
      }
    });
  }

  /** Entries in the heap, stale ones included. */
  public int size() {
    return size;
  }

  private void siftUp(int i) {
    long x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= x) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private void siftDown(int i) {
    long x = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= x) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }
}
