package io.buddykit.core;

/**
 * Base of every error the allocator reports. A call that throws one has left the allocator
 * exactly as it was before the call.
 */
public abstract sealed class BuddyException extends RuntimeException
    permits OutOfSpaceException, InvalidRequestException, NotLiveException, RangeStateException {

  BuddyException(String message) {
    super(message);
  }
}
