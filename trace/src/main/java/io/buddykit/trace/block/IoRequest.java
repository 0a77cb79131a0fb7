package io.buddykit.trace.block;

import java.util.Objects;

/**
 * One host request of a block trace: when, where (bytes), how much (bytes), what.
 *
 * @param timeMs when the request arrives, in milliseconds (finite)
 * @param offsetBytes the first byte addressed (at least 0)
 * @param sizeBytes how many bytes (at least 1; {@code offsetBytes + sizeBytes} does not overflow)
 * @param op what the request does
 */
public record IoRequest(double timeMs, long offsetBytes, long sizeBytes, IoOp op) {

  /**
   * @throws IllegalArgumentException if the time is not finite, the offset negative, the size not
   *     positive or the end of the range beyond {@link Long#MAX_VALUE}
   */
  public IoRequest {
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(timeMs)) {
      throw new IllegalArgumentException("time is not finite: " + timeMs);
    }
    if (offsetBytes < 0) {
      throw new IllegalArgumentException("negative offset: " + offsetBytes);
    }
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size is not positive: " + sizeBytes);
    }
    if (offsetBytes > Long.MAX_VALUE - sizeBytes) {
      throw new IllegalArgumentException(
          "range overflows: offset " + offsetBytes + " + size " + sizeBytes);
    }
  }

  /** The byte just past the range: {@code offsetBytes + sizeBytes}. */
  public long endBytes() {
    return offsetBytes + sizeBytes;
  }
}
