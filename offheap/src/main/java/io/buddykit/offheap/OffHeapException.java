package io.buddykit.offheap;

import java.io.Serial;

/**
 * Base of every misuse the arena reports. A call that throws one has changed nothing: no block
 * freed twice, no list corrupted, no accounting moved.
 */
public abstract sealed class OffHeapException extends RuntimeException
    permits NotFromArenaException, InvalidFreeException, ArenaClosedException, ArenaFullException,
        UseAfterFreeException {
  @Serial private static final long serialVersionUID = 1L;

  OffHeapException(String message) {
    super(message);
  }
}
