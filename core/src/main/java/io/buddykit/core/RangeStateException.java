package io.buddykit.core;

import java.io.Serial;

/** A range to reserve is not wholly free, or a range to release is not wholly reserved. */
public final class RangeStateException extends BuddyException {
  @Serial private static final long serialVersionUID = 1L;

  RangeStateException(String message) {
    super(message);
  }
}
