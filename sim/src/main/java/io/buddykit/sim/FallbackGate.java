package io.buddykit.sim;

/**
 * How far low-priority requests may fall back into pageblocks of another migratetype, where
 * low priority means a request that may neither block nor dip into the reserves (no
 * __GFP_DIRECT_RECLAIM and no __GFP_HIGH: GFP_NOWAIT). Linux's own rule is {@link #LINUX}; the
 * others exist to measure what such fallbacks cost the huge pages, and change nothing unless chosen.
 */
public enum FallbackGate {
  /**
   * Linux (alloc_flags_nofragment): ALLOC_NOFRAGMENT on the fast path's first pass when the
   * preferred zone is Normal with DMA32 below it, dropped if that pass fails. The default.
   */
  LINUX,
  /** No request ever carries ALLOC_NOFRAGMENT: every fallback is allowed at once. */
  OFF,
  /**
   * Low-priority requests carry ALLOC_NOFRAGMENT on every pass, the slow path included, and are
   * refused rather than have it dropped: they may claim a whole free pageblock of another type but
   * never mix a pageblock. Other requests behave as under {@link #LINUX}.
   */
  NOFRAGMENT
}
