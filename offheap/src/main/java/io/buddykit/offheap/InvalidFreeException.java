package io.buddykit.offheap;

import java.io.Serial;

/**
 * A free of memory that is not a live allocation as handed out: an interior slice, a segment of
 * another size than the allocation's, a double free, or a stale handle whose block was reused.
 */
public final class InvalidFreeException extends OffHeapException {
  @Serial private static final long serialVersionUID = 1L;

  InvalidFreeException(String message) {
    super(message);
  }
}
