package io.buddykit.offheap;

import java.io.Serial;

/** No free block large enough is left in the arena. */
public final class ArenaFullException extends OffHeapException {
  @Serial private static final long serialVersionUID = 1L;

  ArenaFullException(String message) {
    super(message);
  }
}
