package io.buddykit.offheap;

import java.io.Serial;

/**
 * Debug mode found the poison pattern of freed memory overwritten when the memory was handed out
 * again: someone wrote to it after freeing it.
 */
public final class UseAfterFreeException extends OffHeapException {
  @Serial private static final long serialVersionUID = 1L;

  UseAfterFreeException(String message) {
    super(message);
  }
}
