package io.buddykit.experiments.dma;

import java.io.Serial;

/** A slab request larger than the slab's largest object (one page): slab cannot serve it at all. */
public final class ObjectTooLargeException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final long bytes;
  private final long maxBytes;

  public ObjectTooLargeException(long bytes, long maxBytes) {
    super("slab objects are at most " + maxBytes + " bytes (one page); " + bytes + " bytes asked");
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }

  public long bytes() {
    return bytes;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
