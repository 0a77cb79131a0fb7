package io.buddykit.offheap;

/**
 * A free of memory that is not a live allocation as handed out: an interior slice, a segment of
 * another size than the allocation's, a double free, or a stale handle whose block was reused.
 */
public final class InvalidFreeException extends OffHeapException {
  InvalidFreeException(String message) {
    super(message);
  }
}
