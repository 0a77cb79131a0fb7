package io.buddykit.sim.replay;

/**
 * What a page-trace replay did: events applied, and the events it could not apply, by reason. A
 * trace taken on a running system starts mid-life, so frees of pages allocated before tracing
 * began are expected; the other counts point at a model that differs from the traced machine.
 *
 * @param allocs allocations applied
 * @param frees frees applied
 * @param modelFailures allocations the model could not serve (re-allocation mode)
 * @param busy allocations at a recorded pfn the model holds allocated (recorded-pfn mode)
 * @param outOfRange allocations the model cannot take: a pfn outside its zones (recorded-pfn
 *     mode), an order or migratetype out of range, GFP flags Linux rejects
 * @param unknownFrees frees of a block the replay never saw allocated: allocated before tracing
 *     began, or by alloc_pages_bulk, which takes pages off the per-CPU lists without an
 *     mm_page_alloc record (Linux 6.1 to 7.3); the reader already drops the second record of a
 *     batched free
 * @param orderMismatches frees whose order differs from the allocation's
 * @param tracedFailures allocations the traced kernel itself failed (no state change)
 */
public record ReplayStats(
    long allocs,
    long frees,
    long modelFailures,
    long busy,
    long outOfRange,
    long unknownFrees,
    long orderMismatches,
    long tracedFailures) {

  /** Events the replay could not apply. */
  public long skipped() {
    return modelFailures + busy + outOfRange + unknownFrees + orderMismatches;
  }
}
