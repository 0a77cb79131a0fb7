package io.buddykit.core;

import java.io.Serial;

/** No free block of the requested order exists now (a later free may make one). */
public final class OutOfSpaceException extends BuddyException {
  @Serial private static final long serialVersionUID = 1L;

  private final int order;

  OutOfSpaceException(int order, String message) {
    super(message);
    this.order = order;
  }

  /** The order that could not be served. */
  public int order() {
    return order;
  }
}
