package io.buddykit.trace.record;

import java.io.Serial;

/**
 * A recording that cannot start: not root, no tracefs, nowhere to mount it, an output that cannot
 * be written, a command that does not exist. Thrown before anything on the machine is changed;
 * its message is one sentence saying what is missing.
 */
public final class RecordException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public RecordException(String message) {
    super(message);
  }
}
