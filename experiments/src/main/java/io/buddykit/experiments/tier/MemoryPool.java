package io.buddykit.experiments.tier;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import java.util.Arrays;

/**
 * One memory tier (DRAM or NVM) managed by its own buddy allocator over 4 KiB pages, remembering
 * which object heads each live block so a region can be emptied by name.
 */
final class MemoryPool {
  private final String name;
  private final double latencyNs;
  private final BuddyAllocator area;
  private final int[] owner;

  MemoryPool(String name, long pages, int maxOrder, double latencyNs) {
    this.name = name;
    this.latencyNs = latencyNs;
    this.area = BuddyAllocator.create(pages, maxOrder);
    this.owner = new int[(int) pages];
    Arrays.fill(owner, -1);
  }

  String name() {
    return name;
  }

  double latencyNs() {
    return latencyNs;
  }

  /** The page where a block of {@code order} was taken for {@code id}, or -1. */
  long allocate(int order, int id) {
    long start = area.tryAllocate(order);
    if (start >= 0) {
      owner[(int) start] = id;
    }
    return start;
  }

  void free(long start) {
    owner[(int) start] = -1;
    area.free(start);
  }

  /** The object heading a live block at {@code page}, or -1. */
  int ownerAt(long page) {
    return owner[(int) page];
  }

  /** True when a free block of {@code order} or more exists. */
  boolean hasFree(int order) {
    return area.largestFreeOrder() >= order;
  }

  /** The end of the free block holding {@code page}, or -1 when it is not free. */
  long freeBlockEnd(long page) {
    long b = area.freeBlockContaining(page);
    return b < 0 ? -1 : FreeBlock.end(b);
  }

  long pages() {
    return area.units();
  }

  long freePages() {
    return area.freeUnits();
  }

  void verify() {
    area.verify();
  }
}
