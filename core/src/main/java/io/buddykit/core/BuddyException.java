package io.buddykit.core;

import java.io.Serial;

/**
 * Base of every error the allocator reports. A call that throws one has left the allocator
 * exactly as it was before the call.
 */
public abstract sealed class BuddyException extends RuntimeException
    permits OutOfSpaceException, InvalidRequestException, NotLiveException, RangeStateException {
  @Serial private static final long serialVersionUID = 1L;

  BuddyException(String message) {
    super(message);
  }
}
