package io.buddykit.sim;

/**
 * One page request as the allocation path carries it, built once per request and passed down:
 * Linux's {@code struct alloc_context} (zonelist, preferred zone, highest zone index, migratetype)
 * with what {@code __alloc_pages} passes beside it (gfp mask, order) and what the model adds (the
 * CPU whose per-CPU lists serve it, the owner tag, whether the pages are page cache). The
 * allocation flags are not part of it: they change from one attempt to the next, as in Linux.
 *
 * @param gfp the request's mask
 * @param order log2 of the pages wanted
 * @param cpu the CPU whose per-CPU lists serve the request
 * @param zonelist the preferred node's zonelist (its own zones only for __GFP_THISNODE); shared
 * @param preferredZone the first populated zone the request may use (ac->preferred_zoneref)
 * @param highestZone the highest zone type the request may use (ac->highest_zoneidx)
 * @param migratetype the free lists to serve from: the mask's, or UNMOVABLE without mobility grouping
 * @param tag the owner recorded for the block
 * @param reclaimable page cache: reclaim may take it back
 */
record AllocContext(
    Gfp gfp,
    int order,
    int cpu,
    Zone[] zonelist,
    Zone preferredZone,
    ZoneType highestZone,
    Migratetype migratetype,
    int tag,
    boolean reclaimable) {

  /** True when {@code z} is one the request may be served from: at or below its highest zone. */
  boolean eligible(Zone z) {
    return z.type().ordinal() <= highestZone.ordinal();
  }
}
