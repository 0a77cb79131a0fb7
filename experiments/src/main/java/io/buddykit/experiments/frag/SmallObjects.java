package io.buddykit.experiments.frag;

import io.buddykit.core.BuddyAllocator;
import java.util.List;

/**
 * The seed's remedy for small objects, measured: one size mix served three ways — kmalloc's slabs
 * on order-0 pages, each object its own power-of-two buddy block of 16-byte units, and each object
 * its own page (the buddy allocator alone, whose smallest block is a page).
 */
public final class SmallObjects {
  /** Bytes per unit of the rounded buddy heap. */
  public static final long UNIT_BYTES = 16;

  /** One way's totals. */
  public record Way(String name, long objects, long requestedBytes, long grantedBytes) {
    public long wastedBytes() {
      return grantedBytes - requestedBytes;
    }

    public double bytesPerObject() {
      return objects == 0 ? 0 : grantedBytes / (double) objects;
    }

    public double wasteFraction() {
      return grantedBytes == 0 ? 0 : wastedBytes() / (double) grantedBytes;
    }
  }

  /** The three ways, and the slab layer for its per-class table. */
  public record Outcome(Way slab, Way rounded, Way pagePerObject, Kmalloc kmalloc, long[] roundedByClass) {
    public List<Way> ways() {
      return List.of(slab, rounded, pagePerObject);
    }
  }

  private SmallObjects() {}

  /** Serves {@code sizes} (bytes, 1 .. 4096 each) all three ways on pages of {@code pageBytes}. */
  public static Outcome serve(long[] sizes, long pageBytes) {
    long requested = 0;
    long roundedUnits = 0;
    for (long s : sizes) {
      Kmalloc.classOf(s); // rejects sizes past the largest class before anything is built
      if (s < 1) {
        throw new IllegalArgumentException("an object of " + s + " B: sizes must be at least 1");
      }
      requested += s;
      roundedUnits += 1L << BuddyAllocator.orderFor(units(s));
    }
    int pageOrder = BuddyAllocator.orderFor(sizes.length + 1L);
    BuddyAllocator pages = BuddyAllocator.create(1L << pageOrder, pageOrder);
    Kmalloc k = new Kmalloc(pages, pageBytes);
    int heapOrder = BuddyAllocator.orderFor(Math.max(1, roundedUnits));
    BuddyAllocator heap = BuddyAllocator.create(1L << heapOrder, heapOrder);
    long[] byClass = new long[Kmalloc.CLASSES.length];
    for (long s : sizes) {
      k.alloc(s);
      long start = heap.allocateUnits(units(s));
      byClass[Kmalloc.classOf(s)] += heap.sizeOf(start) * UNIT_BYTES;
    }
    Way slab = new Way("slab (kmalloc caches)", sizes.length, requested, pages.liveUnits() * pageBytes);
    Way rounded = new Way("own buddy block, 16 B units", sizes.length, requested, heap.liveUnits() * UNIT_BYTES);
    Way page = new Way("own page", sizes.length, requested, sizes.length * pageBytes);
    return new Outcome(slab, rounded, page, k, byClass);
  }

  private static long units(long bytes) {
    return (bytes + UNIT_BYTES - 1) / UNIT_BYTES;
  }
}
