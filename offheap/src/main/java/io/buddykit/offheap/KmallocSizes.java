package io.buddykit.offheap;

import java.util.Arrays;

/**
 * Linux's kmalloc size classes (mm/slab_common.c, KMALLOC_MIN_SIZE 8): the powers of two from 8
 * bytes with the 96- and 192-byte caches beside them, {@code kmalloc-8 .. kmalloc-4k} on 4 KiB
 * pages. The models of kmalloc built on the buddy allocator (the frag experiment's page counting,
 * the dma experiment's slab pages on the simulated machine) share this one table.
 *
 * <p>The arena's own {@link SizeClasses} is a different table on purpose: a real allocator handing
 * out aligned memory, it starts at 16 bytes, adds every halfway size from 48 to cut rounding waste,
 * and stops at half a page, above which whole pages waste less.
 */
public final class KmallocSizes {
  /** The smallest class (kmalloc-8). */
  public static final long MIN = 8;

  private KmallocSizes() {}

  /** The classes up to {@code maxBytes} (at least {@link #MIN}), smallest first. */
  public static long[] upTo(long maxBytes) {
    if (maxBytes < MIN) {
      throw new IllegalArgumentException("no kmalloc class fits in " + maxBytes + " B");
    }
    long[] classes = new long[2 * Long.SIZE];
    int n = 0;
    for (long size = MIN; size <= maxBytes && size > 0; size <<= 1) {
      classes[n++] = size;
      if ((size == 64 || size == 128) && size + size / 2 <= maxBytes) {
        classes[n++] = size + size / 2; // kmalloc-96, kmalloc-192
      }
    }
    return Arrays.copyOf(classes, n);
  }

  /** The index in {@code classes} of the smallest class holding {@code bytes} (kmalloc_index), or -1. */
  public static int indexOf(long[] classes, long bytes) {
    for (int i = 0; i < classes.length; i++) {
      if (bytes <= classes[i]) {
        return i;
      }
    }
    return -1;
  }
}
