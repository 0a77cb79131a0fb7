package io.buddykit.experiments.frag;

import io.buddykit.core.AlignedBlocks;
import io.buddykit.core.BuddyAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal fragmentation of single requests under buddy rounding, for the frag experiment and the
 * {@code waste} command alike: each request is first rounded up to whole units (bytes for the
 * seed's 62, 90, 35, 10 KiB example, pages for a page allocator), then to the block of the next
 * power of two of units, the core's {@link BuddyAllocator#orderFor}; or, exact (Linux's
 * alloc_pages_exact), kept at whole units while the block's tail goes back at once as
 * {@link AlignedBlocks}.
 *
 * <p>That is what the core allocator's allocateUnits and allocateExact grant: a block of
 * 2^orderFor(n) units, and a tail whose pieces cannot merge, since each piece's buddy reaches into
 * the live head. So the figures need no allocator run and hold for requests of any size.
 */
public final class RequestRounding {
  /** One request: bytes asked for, bytes granted, and (for exact allocation) how the tail went back. */
  public record Grant(long requestedBytes, long grantedBytes, int order, String tailFreedAs) {
    public long wastedBytes() {
      return grantedBytes - requestedBytes;
    }
  }

  /** Every request's grant and the totals of requested and granted bytes. */
  public record Report(List<Grant> grants, long requestedBytes, long grantedBytes) {
    public Report {
      grants = List.copyOf(grants);
    }

    public long wastedBytes() {
      return grantedBytes - requestedBytes;
    }

    public double wasteFraction() {
      return grantedBytes == 0 ? 0 : wastedBytes() / (double) grantedBytes;
    }
  }

  private RequestRounding() {}

  /**
   * Each request rounded on units of {@code unitBytes}: to a power of two, or exact.
   *
   * @throws IllegalArgumentException naming the request (1-based) that cannot be granted, or whose
   *     bytes take the totals past {@link Long#MAX_VALUE}
   */
  public static Report rounded(List<Long> requestBytes, long unitBytes, boolean exact) {
    if (unitBytes < 1) {
      throw new IllegalArgumentException("the unit must be at least 1 byte, got " + unitBytes);
    }
    List<Grant> grants = new ArrayList<>();
    long requested = 0;
    long granted = 0;
    for (int i = 0; i < requestBytes.size(); i++) {
      long bytes = requestBytes.get(i);
      Grant g;
      try {
        g = grant(bytes, unitBytes, exact);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("request " + (i + 1) + ": " + e.getMessage(), e);
      }
      grants.add(g);
      if (requested > Long.MAX_VALUE - bytes || granted > Long.MAX_VALUE - g.grantedBytes()) {
        throw new IllegalArgumentException("request " + (i + 1) + " (" + bytes + " bytes) takes the total past "
            + Long.MAX_VALUE + " bytes");
      }
      requested += bytes;
      granted += g.grantedBytes();
    }
    return new Report(grants, requested, granted);
  }

  /** One request rounded on units of {@code unitBytes}. */
  public static Grant grant(long bytes, long unitBytes, boolean exact) {
    if (bytes < 1) {
      throw new IllegalArgumentException("a request must be at least 1 byte, got " + bytes);
    }
    long units = Math.ceilDiv(bytes, unitBytes); // (bytes + unit - 1) / unit overflows near 2^63
    int order = BuddyAllocator.orderFor(units);
    long grantedUnits = exact ? units : 1L << order;
    if (order > 62 || grantedUnits > Long.MAX_VALUE / unitBytes) {
      String count = exact ? Long.toString(units) : "2^" + order;
      throw new IllegalArgumentException("a request of " + bytes + " bytes is too large: it rounds to " + count
          + " units of " + unitBytes + " bytes, past " + Long.MAX_VALUE + " bytes");
    }
    return new Grant(bytes, grantedUnits * unitBytes, order, exact ? tail(units, order) : "-");
  }

  /** The free blocks the tail [units, 2^order) goes back as: {@code o0 + o3} for 9 of 32 from 23. */
  private static String tail(long units, int order) {
    List<String> parts = new ArrayList<>();
    AlignedBlocks.forEach(units, 1L << order, order, (start, k) -> parts.add("o" + k));
    return parts.isEmpty() ? "none" : String.join(" + ", parts);
  }
}
