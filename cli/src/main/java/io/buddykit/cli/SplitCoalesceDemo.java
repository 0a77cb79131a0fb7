package io.buddykit.cli;

import io.buddykit.core.BuddyAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small allocator (64 pages) taken through a few allocations and frees, with its memory map and
 * buddyinfo after each step: splitting on the way in, coalescing on the way out.
 */
public final class SplitCoalesceDemo {

  /** One step: what was done, the map (one character a page), and free blocks per order. */
  public record Step(String action, String map, long[] buddyInfo) {}

  private SplitCoalesceDemo() {}

  public static List<Step> run() {
    BuddyAllocator a = BuddyAllocator.create(64, 6);
    List<Step> steps = new ArrayList<>();
    List<Long> owners = new ArrayList<>();
    steps.add(step(a, owners, "start: one free block of order 6"));
    long p = a.allocate(0);
    owners.add(p);
    steps.add(step(a, owners, "A = allocate order 0 -> page " + p + ": 64 splits into 32+16+8+4+2+1"));
    long q = a.allocate(3);
    owners.add(q);
    steps.add(step(a, owners, "B = allocate order 3 -> page " + q + ": the free order-3 block, no split"));
    long r = a.allocateUnits(3);
    owners.add(r);
    steps.add(step(a, owners, "C = allocate 3 pages -> page " + r + ": rounded to order 2, one page wasted"));
    a.free(q);
    steps.add(step(a, owners, "free B: its buddy [0, 8) holds A and C, so it stays an order-3 block"));
    a.free(p);
    steps.add(step(a, owners, "free A: merges with its buddy page 1, then [2, 4), stops at live C"));
    a.free(r);
    steps.add(step(a, owners, "free C: everything coalesces back into one order-6 block"));
    a.verify();
    return steps;
  }

  private static Step step(BuddyAllocator a, List<Long> owners, String action) {
    return new Step(action, map(a, owners), a.buddyInfo());
  }

  /** One character per unit: '.' free, '#' reserved, a letter per live allocation. */
  static String map(BuddyAllocator a, List<Long> owners) {
    char[] map = new char[(int) a.units()];
    Arrays.fill(map, '#');
    a.forEachFreeBlock((start, size, order, cls) -> Arrays.fill(map, (int) start, (int) (start + size), '.'));
    a.forEachLive((start, size, order, cls) -> {
      int i = owners.indexOf(start);
      Arrays.fill(map, (int) start, (int) (start + size), i < 0 ? '?' : (char) ('A' + i % 26));
    });
    return new String(map);
  }
}
