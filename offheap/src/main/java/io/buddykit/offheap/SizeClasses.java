package io.buddykit.offheap;

/**
 * The slab size classes: powers of two from 16 bytes and the halfway sizes between them (16, 32,
 * 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048 with 4 KiB pages), as Linux's kmalloc
 * caches have 96 and 192 beside the powers of two ({@link KmallocSizes}), up to half a page. A class's objects are laid
 * at multiples of its size in page-aligned slabs, so each object is aligned to the largest power
 * of two dividing its size. Larger requests go to the buddy allocator in whole pages.
 */
final class SizeClasses {
  static final int MIN = 16;

  final int[] size;
  /** Slab order (pages = 2^order) per class: enough for at least 16 objects. */
  final int[] slabOrder;
  /** Class of a request of b bytes: {@code lookup[(b - 1) >>> 4]}. */
  private final byte[] lookup;
  final int max;

  SizeClasses(int pageSize) {
    max = Math.min(2048, pageSize / 2);
    int n = 0;
    int[] tmp = new int[64];
    for (int p = MIN; p <= max; p <<= 1) {
      tmp[n++] = p;
      if (p + p / 2 <= max && p >= 32) {
        tmp[n++] = p + p / 2;
      }
    }
    size = java.util.Arrays.copyOf(tmp, n);
    java.util.Arrays.sort(size);
    slabOrder = new int[n];
    for (int c = 0; c < n; c++) {
      int order = 0;
      while (((long) pageSize << order) < 16L * size[c]) {
        order++;
      }
      slabOrder[c] = order;
    }
    lookup = new byte[max / MIN];
    for (int i = 0, c = 0; i < lookup.length; i++) {
      int bytes = (i + 1) * MIN;
      while (size[c] < bytes) {
        c++;
      }
      lookup[i] = (byte) c;
    }
  }

  int count() {
    return size.length;
  }

  /** The class for {@code bytes} (1..max) aligned to at least {@code alignment}, or -1. */
  int classFor(long bytes, long alignment) {
    if (bytes > max) {
      return -1;
    }
    int c = lookup[(int) ((bytes - 1) >>> 4)];
    while (c < size.length && (size[c] & -size[c]) < alignment) {
      c++;
    }
    return c < size.length ? c : -1;
  }
}
