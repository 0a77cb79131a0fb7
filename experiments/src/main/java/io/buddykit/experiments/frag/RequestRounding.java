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

  /** Each request rounded on units of {@code unitBytes}: to a power of two, or exact. */
  public static Report rounded(List<Long> requestBytes, long unitBytes, boolean exact) {
    if (unitBytes < 1) {
      throw new IllegalArgumentException("the unit must be at least 1 byte, got " + unitBytes);
    }
    List<Grant> grants = new ArrayList<>();
    long requested = 0;
    long granted = 0;
    for (long bytes : requestBytes) {
      Grant g = grant(bytes, unitBytes, exact);
      grants.add(g);
      requested = Math.addExact(requested, bytes);
      granted = Math.addExact(granted, g.grantedBytes());
    }
    return new Report(grants, requested, granted);
  }

  /** One request rounded on units of {@code unitBytes}. */
  public static Grant grant(long bytes, long unitBytes, boolean exact) {
    if (bytes < 1) {
      throw new IllegalArgumentException("a request must be at least 1 byte, got " + bytes);
    }
    long units = (bytes + unitBytes - 1) / unitBytes;
    int order = BuddyAllocator.orderFor(units);
    long grantedUnits = exact ? units : 1L << order;
    if (order > 62 || grantedUnits > Long.MAX_VALUE / unitBytes) {
      throw new IllegalArgumentException("request of " + bytes + " bytes is too large");
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
