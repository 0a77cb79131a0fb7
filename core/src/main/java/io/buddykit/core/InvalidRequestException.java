package io.buddykit.core;

import java.io.Serial;

/**
 * A request that can never succeed as asked: an order past maxOrder, a size of zero or less, a
 * size past the space, a unit outside the space, a list class that does not exist.
 */
public final class InvalidRequestException extends BuddyException {
  @Serial private static final long serialVersionUID = 1L;

  InvalidRequestException(String message) {
    super(message);
  }
}
