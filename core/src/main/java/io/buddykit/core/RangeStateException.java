package io.buddykit.core;

/** A range to reserve is not wholly free, or a range to release is not wholly reserved. */
public final class RangeStateException extends BuddyException {
  RangeStateException(String message) {
    super(message);
  }
}
