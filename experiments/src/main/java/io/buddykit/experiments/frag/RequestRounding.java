package io.buddykit.experiments.frag;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal fragmentation of single requests, computed by the core allocator: power-of-two rounding
 * on a byte-granular space (the seed's 62, 90, 35, 10 KiB example), and Linux's
 * alloc_pages_exact on pages, which gives back the rounded block's tail at once.
 */
public final class RequestRounding {
  /** One request: bytes asked for, bytes granted, and (for exact allocation) how the tail went back. */
  public record Grant(long requestedBytes, long grantedBytes, int order, String tailFreedAs) {
    public long wastedBytes() {
      return grantedBytes - requestedBytes;
    }
  }

  /** Every request's grant and the allocator's own totals of requested and granted units. */
  public record Report(List<Grant> grants, long requestedBytes, long grantedBytes, long freeBlocksLeft) {
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

  /** Each request rounded up to a power-of-two block of bytes (allocateUnits on 1-byte units). */
  public static Report byteGranular(List<Long> requestBytes) {
    BuddyAllocator a = space(requestBytes, 1);
    List<Grant> grants = new ArrayList<>();
    for (long bytes : requestBytes) {
      long start = a.allocateUnits(bytes);
      grants.add(new Grant(bytes, a.sizeOf(start), a.orderOf(start), "-"));
    }
    a.verify();
    return new Report(grants, a.liveRequestedUnits(), a.liveUnits(), sum(a.buddyInfo()));
  }

  /** Each request as whole pages of {@code pageBytes}, rounded up to a power of two (alloc_pages). */
  public static Report pagesRounded(List<Long> requestBytes, long pageBytes) {
    BuddyAllocator a = space(requestBytes, pageBytes);
    List<Grant> grants = new ArrayList<>();
    long requested = 0;
    for (long bytes : requestBytes) {
      long start = a.allocateUnits(pages(bytes, pageBytes));
      grants.add(new Grant(bytes, a.sizeOf(start) * pageBytes, a.orderOf(start), "-"));
      requested += bytes;
    }
    a.verify();
    return new Report(grants, requested, a.liveUnits() * pageBytes, sum(a.buddyInfo()));
  }

  /** Each request as exactly the pages it needs (alloc_pages_exact): the block's tail is freed. */
  public static Report pagesExact(List<Long> requestBytes, long pageBytes) {
    BuddyAllocator a = space(requestBytes, pageBytes);
    List<Grant> grants = new ArrayList<>();
    long requested = 0;
    for (long bytes : requestBytes) {
      long n = pages(bytes, pageBytes);
      long start = a.allocateExact(n);
      int order = a.orderOf(start);
      grants.add(new Grant(bytes, a.sizeOf(start) * pageBytes, order, tail(a, start + n, start + (1L << order))));
      requested += bytes;
    }
    a.verify();
    return new Report(grants, requested, a.liveUnits() * pageBytes, sum(a.buddyInfo()));
  }

  /** The free blocks now covering [from, to): {@code o0 + o3} for a tail of 9 pages at 23 of 32. */
  private static String tail(BuddyAllocator a, long from, long to) {
    List<String> parts = new ArrayList<>();
    long p = from;
    while (p < to) {
      long b = a.freeBlockContaining(p);
      parts.add("o" + FreeBlock.order(b));
      p = FreeBlock.end(b);
    }
    return parts.isEmpty() ? "none" : String.join(" + ", parts);
  }

  /** A space twice the rounded total, so that every request fits whatever the order. */
  private static BuddyAllocator space(List<Long> requestBytes, long unitBytes) {
    long total = 0;
    for (long bytes : requestBytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("a request of " + bytes + " bytes: requests must be at least 1 byte");
      }
      total += 1L << BuddyAllocator.orderFor(pages(bytes, unitBytes));
    }
    int order = BuddyAllocator.orderFor(total) + 1;
    if (order > 26) {
      throw new IllegalArgumentException("requests too large for a byte-granular space: " + total + " units");
    }
    return BuddyAllocator.create(1L << order, order);
  }

  private static long pages(long bytes, long pageBytes) {
    return (bytes + pageBytes - 1) / pageBytes;
  }

  private static long sum(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }
}
