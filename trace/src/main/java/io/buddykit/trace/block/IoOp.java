package io.buddykit.trace.block;

/** What a host request asks of the device. */
public enum IoOp {
  READ,
  WRITE,
  /** Discard: the host no longer needs the range (no trace format read here produces it). */
  TRIM
}
