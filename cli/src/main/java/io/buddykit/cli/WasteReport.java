package io.buddykit.cli;

import io.buddykit.experiments.frag.RequestRounding;
import java.util.List;

/**
 * What {@code buddykit waste --json} prints: the frag experiment's {@link RequestRounding} of a
 * list of requests, with the unit and mode it was asked for.
 */
public record WasteReport(
    long unitBytes,
    boolean exact,
    List<Request> requests,
    long requestedBytes,
    long grantedBytes,
    long wastedBytes,
    double wasteFraction) {

  /** One request and what the buddy system grants for it. */
  public record Request(long requestedBytes, long grantedBytes, int order, long wastedBytes) {}

  public static WasteReport of(List<Long> sizes, long unitBytes, boolean exact) {
    RequestRounding.Report r = RequestRounding.rounded(sizes, unitBytes, exact);
    List<Request> requests = r.grants().stream()
        .map(g -> new Request(g.requestedBytes(), g.grantedBytes(), g.order(), g.wastedBytes()))
        .toList();
    return new WasteReport(unitBytes, exact, requests, r.requestedBytes(), r.grantedBytes(), r.wastedBytes(),
        r.wasteFraction());
  }
}
