package io.buddykit.offheap;

/** A segment handed to free lies outside this arena's region: this arena did not hand it out. */
public final class NotFromArenaException extends OffHeapException {
  NotFromArenaException(String message) {
    super(message);
  }
}
