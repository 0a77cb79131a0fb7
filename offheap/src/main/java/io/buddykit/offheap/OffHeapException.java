package io.buddykit.offheap;

/**
 * Base of every misuse the arena reports. A call that throws one has changed nothing: no block
 * freed twice, no list corrupted, no accounting moved.
 */
public abstract sealed class OffHeapException extends RuntimeException
    permits NotFromArenaException, InvalidFreeException, ArenaClosedException, ArenaFullException,
        UseAfterFreeException {
  OffHeapException(String message) {
    super(message);
  }
}
