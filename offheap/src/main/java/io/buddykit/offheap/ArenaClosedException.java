package io.buddykit.offheap;

import java.io.Serial;

/** The arena was closed: its memory is unmapped and it serves no more calls. */
public final class ArenaClosedException extends OffHeapException {
  @Serial private static final long serialVersionUID = 1L;

  ArenaClosedException(String message) {
    super(message);
  }
}
