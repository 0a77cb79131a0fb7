package io.buddykit.offheap;

/** The arena was closed: its memory is unmapped and it serves no more calls. */
public final class ArenaClosedException extends OffHeapException {
  ArenaClosedException(String message) {
    super(message);
  }
}
