package io.buddykit.sim;

/**
 * Event counters of a machine, named as Linux's /proc/vmstat names them. Read-only outside the
 * engine: the fields are bumped in place by the engine package (the simulator is single-threaded
 * and a counter is bumped on every hot path), everyone else reads them through the accessors.
 */
public final class VmStat {
  long pgalloc;
  long pgfree;
  long allocFail;
  long slowpath;
  long fallbacks;
  long fallbackClaims;
  long kswapdWake;
  long pgstealKswapd;
  long pgstealDirect;
  long allocstall;
  long compactStall;
  long compactSuccess;
  long compactFail;
  long compactMigrateScanned;
  long compactFreeScanned;
  long pgmigrateSuccess;
  long pcpDrained;
  long watermarkBoosts;
  long compactDeferred;
  long compactDaemonWake;
  long compactProactive;

  /** Pages handed out (pgalloc_*), counted per allocation of any order as 2^order pages. */
  public long pgalloc() {
    return pgalloc;
  }

  /** Pages freed (pgfree). */
  public long pgfree() {
    return pgfree;
  }

  /** Allocation requests that failed after the slow path (the model's OOM). */
  public long allocFail() {
    return allocFail;
  }

  /** Requests that entered the slow path. */
  public long slowpath() {
    return slowpath;
  }

  /** Allocations that took a block of another migratetype (mm_page_alloc_extfrag events). */
  public long fallbacks() {
    return fallbacks;
  }

  /** Fallbacks that claimed the whole pageblock. */
  public long fallbackClaims() {
    return fallbackClaims;
  }

  /** kswapd wakeups (kswapd_wake... pageoutrun). */
  public long kswapdWake() {
    return kswapdWake;
  }

  /** Pages reclaimed by kswapd (pgsteal_kswapd). */
  public long pgstealKswapd() {
    return pgstealKswapd;
  }

  /** Pages reclaimed by direct reclaim (pgsteal_direct). */
  public long pgstealDirect() {
    return pgstealDirect;
  }

  /** Direct reclaim entries (allocstall). */
  public long allocstall() {
    return allocstall;
  }

  /** Direct compaction entries (compact_stall). */
  public long compactStall() {
    return compactStall;
  }

  /** Direct compactions that produced the page (compact_success). */
  public long compactSuccess() {
    return compactSuccess;
  }

  /** Direct compactions that did not (compact_fail). */
  public long compactFail() {
    return compactFail;
  }

  /** Pages the migrate scanner looked at (compact_migrate_scanned). */
  public long compactMigrateScanned() {
    return compactMigrateScanned;
  }

  /** Pages the free scanner looked at (compact_free_scanned). */
  public long compactFreeScanned() {
    return compactFreeScanned;
  }

  /** Pages migrated (pgmigrate_success). */
  public long pgmigrateSuccess() {
    return pgmigrateSuccess;
  }

  /** Pages moved from per-CPU lists to the buddy allocator by drains and bulk frees. */
  public long pcpDrained() {
    return pcpDrained;
  }

  /** Times a fragmenting fallback boosted a zone's watermarks (boost_watermark returned true). */
  public long watermarkBoosts() {
    return watermarkBoosts;
  }

  /** Direct compactions skipped because the zone's compaction was deferred (compaction_deferred). */
  public long compactDeferred() {
    return compactDeferred;
  }

  /** kcompactd runs: after a high-order kswapd wakeup, a boost, or proactively (compact_daemon_wake). */
  public long compactDaemonWake() {
    return compactDaemonWake;
  }

  /** kcompactd's proactive runs (compact_node when the fragmentation score passed its high mark). */
  public long compactProactive() {
    return compactProactive;
  }

  /** A copy of the counters now. */
  public VmStat snapshot() {
    VmStat s = new VmStat();
    s.pgalloc = pgalloc;
    s.pgfree = pgfree;
    s.allocFail = allocFail;
    s.slowpath = slowpath;
    s.fallbacks = fallbacks;
    s.fallbackClaims = fallbackClaims;
    s.kswapdWake = kswapdWake;
    s.pgstealKswapd = pgstealKswapd;
    s.pgstealDirect = pgstealDirect;
    s.allocstall = allocstall;
    s.compactStall = compactStall;
    s.compactSuccess = compactSuccess;
    s.compactFail = compactFail;
    s.compactMigrateScanned = compactMigrateScanned;
    s.compactFreeScanned = compactFreeScanned;
    s.pgmigrateSuccess = pgmigrateSuccess;
    s.pcpDrained = pcpDrained;
    s.watermarkBoosts = watermarkBoosts;
    s.compactDeferred = compactDeferred;
    s.compactDaemonWake = compactDaemonWake;
    s.compactProactive = compactProactive;
    return s;
  }
}
