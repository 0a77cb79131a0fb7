package io.buddykit.offheap;

/** No free block large enough is left in the arena. */
public final class ArenaFullException extends OffHeapException {
  ArenaFullException(String message) {
    super(message);
  }
}
