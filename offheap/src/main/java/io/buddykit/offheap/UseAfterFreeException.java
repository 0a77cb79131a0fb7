package io.buddykit.offheap;

/**
 * Debug mode found the poison pattern of freed memory overwritten when the memory was handed out
 * again: someone wrote to it after freeing it.
 */
public final class UseAfterFreeException extends OffHeapException {
  UseAfterFreeException(String message) {
    super(message);
  }
}
