package io.buddykit.offheap;

import java.io.Serial;

/**
 * An arena whose per-page metadata the Java heap cannot hold: refused before anything is mapped
 * or allocated, naming the heap it would need and the heap there is, rather than failing part way
 * with an {@link OutOfMemoryError}. Larger pages, or a larger heap ({@code -Xmx}), let it be built.
 */
public final class ArenaTooLargeException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final long neededHeapBytes;
  private final long freeHeapBytes;

  ArenaTooLargeException(String message, long neededHeapBytes, long freeHeapBytes) {
    super(message);
    this.neededHeapBytes = neededHeapBytes;
    this.freeHeapBytes = freeHeapBytes;
  }

  /** Java heap the arena's page metadata would take. */
  public long neededHeapBytes() {
    return neededHeapBytes;
  }

  /** Java heap free when the arena was asked for (the maximum heap less what is in use). */
  public long freeHeapBytes() {
    return freeHeapBytes;
  }
}
