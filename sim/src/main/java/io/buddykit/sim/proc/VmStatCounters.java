package io.buddykit.sim.proc;

import io.buddykit.sim.VmStat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link VmStat} counters by name, so that results and JSON read like /proc/vmstat: the
 * counters Linux has, under Linux's names and in /proc/vmstat's order, and apart from them the
 * simulator's own counters, which have no /proc/vmstat line and must not pass for one.
 */
public final class VmStatCounters {
  private VmStatCounters() {}

  /**
   * The counters /proc/vmstat also has. Linux splits {@code pgalloc} and {@code allocstall} per
   * zone ({@code pgalloc_dma32}, {@code allocstall_normal}, ...); the simulator counts them for the
   * whole machine, so these two are the sums of Linux's per-zone lines.
   */
  public static Map<String, Long> linux(VmStat s) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("pgalloc", s.pgalloc());
    m.put("allocstall", s.allocstall());
    m.put("pgfree", s.pgfree());
    m.put("pgsteal_kswapd", s.pgstealKswapd());
    m.put("pgsteal_direct", s.pgstealDirect());
    m.put("pgmigrate_success", s.pgmigrateSuccess());
    m.put("compact_migrate_scanned", s.compactMigrateScanned());
    m.put("compact_free_scanned", s.compactFreeScanned());
    m.put("compact_stall", s.compactStall());
    m.put("compact_fail", s.compactFail());
    m.put("compact_success", s.compactSuccess());
    m.put("compact_daemon_wake", s.compactDaemonWake());
    return Collections.unmodifiableMap(m);
  }

  /**
   * The simulator's counters without a /proc/vmstat line: failed requests (Linux would OOM-kill
   * or return NULL), slow-path entries, migratetype fallbacks and whole-pageblock claims (Linux
   * only traces them, as mm_page_alloc_extfrag), kswapd wakeups (a tracepoint in Linux) and
   * pages drained from per-CPU lists, watermark boosts, deferred direct compactions (both
   * tracepoints in Linux) and kcompactd's proactive runs.
   */
  public static Map<String, Long> model(VmStat s) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("alloc_fail", s.allocFail());
    m.put("slowpath", s.slowpath());
    m.put("fallbacks", s.fallbacks());
    m.put("fallback_claims", s.fallbackClaims());
    m.put("kswapd_wake", s.kswapdWake());
    m.put("pcp_drained", s.pcpDrained());
    m.put("watermark_boosts", s.watermarkBoosts());
    m.put("compact_deferred", s.compactDeferred());
    m.put("compact_proactive", s.compactProactive());
    return Collections.unmodifiableMap(m);
  }
}
