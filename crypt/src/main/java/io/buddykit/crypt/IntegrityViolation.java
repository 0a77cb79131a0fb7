package io.buddykit.crypt;

import java.io.Serial;

/**
 * A line failed authentication: its ciphertext or tag was changed, copied from another line or
 * block, or replayed from an earlier write or allocation. No plaintext is returned.
 */
public final class IntegrityViolation extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final long address;

  IntegrityViolation(long address, String message) {
    super(message);
    this.address = address;
  }

  /** The byte address of the line that failed. */
  public long address() {
    return address;
  }
}
