package io.buddykit.cli;

import io.buddykit.core.BuddyAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal fragmentation of a list of requests under buddy rounding: each request is first rounded
 * to whole units, then to the next power of two of units (or, exact, kept at whole units, as
 * Linux's alloc_pages_exact does). The rounding is the core allocator's own ({@link
 * BuddyAllocator#orderFor}).
 */
public record Waste(
    long unitBytes,
    boolean exact,
    List<Request> requests,
    long requestedBytes,
    long grantedBytes,
    long wastedBytes,
    double wasteFraction) {

  /** One request and what the buddy system grants for it. */
  public record Request(long requestedBytes, long grantedBytes, int order, long wastedBytes) {}

  public static Waste of(List<Long> sizes, long unitBytes, boolean exact) {
    if (unitBytes < 1) {
      throw new IllegalArgumentException("the unit must be at least 1 byte, got " + unitBytes);
    }
    List<Request> requests = new ArrayList<>();
    long requested = 0;
    long granted = 0;
    for (long bytes : sizes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("a request must be at least 1 byte, got " + bytes);
      }
      long units = (bytes + unitBytes - 1) / unitBytes;
      int order = BuddyAllocator.orderFor(units);
      long grantedUnits = exact ? units : 1L << order;
      if (order > 62 || grantedUnits > Long.MAX_VALUE / unitBytes) {
        throw new IllegalArgumentException("request of " + bytes + " bytes is too large");
      }
      long grantedBytes = grantedUnits * unitBytes;
      requests.add(new Request(bytes, grantedBytes, order, grantedBytes - bytes));
      requested = Math.addExact(requested, bytes);
      granted = Math.addExact(granted, grantedBytes);
    }
    long wasted = granted - requested;
    return new Waste(
        unitBytes, exact, List.copyOf(requests), requested, granted, wasted,
        granted == 0 ? 0 : wasted / (double) granted);
  }
}
