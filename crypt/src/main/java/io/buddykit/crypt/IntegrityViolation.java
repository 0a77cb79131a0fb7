package io.buddykit.crypt;

/**
 * A line failed authentication: its ciphertext or tag was changed, copied from another line or
 * block, or replayed from an earlier write or allocation. No plaintext is returned.
 */
public final class IntegrityViolation extends RuntimeException {
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
