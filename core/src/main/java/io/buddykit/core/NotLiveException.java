package io.buddykit.core;

import java.io.Serial;

/**
 * A unit handed to free, split, grow or orderOf is not the start of a live allocation: it is free
 * (a double free), reserved, or inside another allocation.
 */
public final class NotLiveException extends BuddyException {
  @Serial private static final long serialVersionUID = 1L;

  private final long unit;

  NotLiveException(long unit, String message) {
    super(message);
    this.unit = unit;
  }

  /** The unit that was handed in. */
  public long unit() {
    return unit;
  }
}
