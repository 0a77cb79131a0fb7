package io.buddykit.offheap;

import java.io.Serial;

/** A segment handed to free lies outside this arena's region: this arena did not hand it out. */
public final class NotFromArenaException extends OffHeapException {
  @Serial private static final long serialVersionUID = 1L;

  NotFromArenaException(String message) {
    super(message);
  }
}
