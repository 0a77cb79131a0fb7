package io.buddykit.experiments.frag;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.offheap.KmallocSizes;

/**
 * A slab layer on a page allocator, as kmalloc's caches: each size class (8 .. 4096 B, with the
 * 96 and 192 B caches) packs its objects into slabs of one order-0 page taken from the buddy
 * allocator, so a small object costs its class size, not a page or a power-of-two block.
 */
public final class Kmalloc {
  /** kmalloc's size classes up to a 4 KiB page: 8, 16, 32, 64, 96, 128, 192, 256, ..., 4096. */
  public static final long[] CLASSES = KmallocSizes.upTo(4096);

  private final BuddyAllocator pages;
  private final long pageBytes;
  private final long[] objects = new long[CLASSES.length];
  private final long[] slabs = new long[CLASSES.length];
  private final long[] requested = new long[CLASSES.length];

  /** A slab layer taking its slabs from {@code pages}, whose unit is {@code pageBytes}. */
  public Kmalloc(BuddyAllocator pages, long pageBytes) {
    if (pageBytes < CLASSES[CLASSES.length - 1]) {
      throw new IllegalArgumentException("pages of " + pageBytes + " B cannot hold the 4096 B class");
    }
    this.pages = pages;
    this.pageBytes = pageBytes;
  }

  /** The index of the smallest class that holds {@code bytes} (kmalloc_index). */
  public static int classOf(long bytes) {
    int c = KmallocSizes.indexOf(CLASSES, bytes);
    if (c < 0) {
      throw new IllegalArgumentException(bytes + " B is larger than the largest kmalloc class (4096 B)");
    }
    return c;
  }

  /** Objects of class {@code c} one slab holds. */
  public long perSlab(int c) {
    return pageBytes / CLASSES[c];
  }

  /** Places an object of {@code bytes}; a new slab page comes from the buddy allocator when full. */
  public void alloc(long bytes) {
    int c = classOf(bytes);
    if (objects[c] == slabs[c] * perSlab(c)) {
      pages.allocate(0);
      slabs[c]++;
    }
    objects[c]++;
    requested[c] += bytes;
  }

  public long objects(int c) {
    return objects[c];
  }

  public long slabs(int c) {
    return slabs[c];
  }

  public long requestedBytes(int c) {
    return requested[c];
  }

  /** Bytes of the slab pages of class {@code c}. */
  public long grantedBytes(int c) {
    return slabs[c] * pageBytes;
  }
}
