package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KmemActivityTest {

  private static String line(int cpu, String event, String fields) {
    return "  task-1 [00" + cpu + "] d..1. 1.5: " + event + ": page=0000000012345678 " + fields + "\n";
  }

  private static String locked(int cpu, int pfn, int order, int mt, int refill) {
    return line(cpu, "mm_page_alloc_zone_locked", "pfn=0x" + Integer.toHexString(pfn) + " order="
        + order + " migratetype=" + mt + " percpu_refill=" + refill);
  }

  private static String extfrag(int cpu, int pfn, int order, int fallbackOrder, int mt, int fallbackMt) {
    return line(cpu, "mm_page_alloc_extfrag", "pfn=0x" + Integer.toHexString(pfn) + " alloc_order="
        + order + " fallback_order=" + fallbackOrder + " pageblock_order=9 alloc_migratetype=" + mt
        + " fallback_migratetype=" + fallbackMt + " fragmenting=0 change_ownership=1");
  }

  private static String drain(int cpu, int pfn, int order) {
    return line(cpu, "mm_page_pcpu_drain",
        "pfn=0x" + Integer.toHexString(pfn) + " order=" + order + " migratetype=1");
  }

  private static String alloc(int cpu, int pfn) {
    return line(cpu, "mm_page_alloc", "pfn=0x" + Integer.toHexString(pfn)
        + " order=0 migratetype=0 gfp_flags=GFP_KERNEL");
  }

  private static String free(int cpu, int pfn) {
    return line(cpu, "mm_page_free", "pfn=0x" + Integer.toHexString(pfn) + " order=0");
  }

  private static KmemActivity read(String text) {
    KmemActivity k = new KmemActivity();
    FtraceReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "k.trace", k, false);
    return k;
  }

  @Test
  void countsRefillsDrainsZoneLockedAllocationsAndFallbacksOfAHandWrittenTrace() {
    String text =
        // CPU 0: rmqueue_bulk of 3 order-0 blocks, ended by the allocation it served.
        locked(0, 0x10, 0, 0, 1)
            + locked(0, 0x11, 0, 0, 1)
            // CPU 1's refill of order 1 runs meanwhile: other CPUs do not end a run.
            + locked(1, 0x20, 1, 1, 1)
            + locked(0, 0x12, 0, 0, 1)
            + locked(1, 0x22, 1, 1, 1)
            + alloc(0, 0x10)
            // __rmqueue_steal's block: an extfrag record alone is one more block (3 blocks of
            // order 1: 6 pages).
            + extfrag(1, 0x40, 1, 2, 1, 0)
            // Another order ends the run and starts one (1 page), which a free ends.
            + locked(1, 0x30, 0, 1, 1)
            + free(1, 0x99)
            // CPU 0: a claim below pageblock order (zone_locked, then extfrag of the same pfn:
            // one block), a whole pageblock claimed (extfrag alone: a block), then the
            // pageblock's next page: 3 blocks, 3 pages, ended by a drain.
            + locked(0, 0x50, 0, 0, 1)
            + extfrag(0, 0x50, 0, 1, 0, 1)
            + extfrag(0, 0x400, 0, 10, 0, 1)
            + locked(0, 0x401, 0, 0, 1)
            // Drains: 1 + 1 + 2 pages in one run, then 1 page in a second run.
            + drain(0, 0x60, 0)
            + drain(0, 0x61, 0)
            + drain(0, 0x62, 1)
            + alloc(0, 0x11)
            + drain(0, 0x63, 0)
            // A direct buddy allocation of order 4 (percpu_refill=0) and its fallback, which
            // the per-CPU lists do not hold: no refill.
            + locked(1, 0x800, 4, 1, 0)
            + extfrag(1, 0x900, 4, 6, 0, 2)
            // A refill that starts with a fallback and is still open when the trace ends.
            + extfrag(1, 0xa00, 0, 10, 0, 1);
    KmemActivity k = read(text);
    // Refills of 3, 6, 1, 3 and 1 pages: mean 14 / 5; sorted 1 1 3 3 6, so the nearest-rank
    // p50 is the 3rd (3) and p90 the 5th (6).
    Map<String, Number> expected = new LinkedHashMap<>();
    expected.put("pcpRefills", 5L);
    expected.put("pcpRefillPagesMean", 2.8);
    expected.put("pcpRefillPagesP50", 3L);
    expected.put("pcpRefillPagesP90", 6L);
    expected.put("pcpDrains", 5L);
    expected.put("pcpDrainRuns", 2L);
    expected.put("zoneLockedAllocs", 1L);
    expected.put("fallbacks", 5L);
    assertThat(k.metrics()).containsExactlyEntriesOf(expected);
    assertThat(k.fallbackPairs())
        .containsExactly(Map.entry("0->1", 3L), Map.entry("0->2", 1L), Map.entry("1->0", 1L));
  }

  @Test
  void metricsCanBeReadMidwayWithoutClosingARun() {
    KmemActivity k = read(locked(0, 0x10, 0, 0, 1) + locked(0, 0x11, 0, 0, 1));
    assertThat(k.metrics().get("pcpRefills")).isEqualTo(1L);
    // The open run goes on: a third block makes it one refill of 3 pages, not two.
    k.zoneLocked(0, 0x12, 0, 0, true);
    assertThat(k.metrics().get("pcpRefills")).isEqualTo(1L);
    assertThat(k.metrics().get("pcpRefillPagesMean")).isEqualTo(3.0);
  }

  @Test
  void anEmptyTraceHasZeroes() {
    assertThat(new KmemActivity().metrics().values()).containsOnly(0L, 0.0);
  }

  @Test
  void eventsWithoutACpuCountAsOneCpuAndAnImpossibleCpuIsRejected() {
    KmemActivity k = new KmemActivity();
    k.zoneLocked(PageEvents.NO_CPU, 0x10, 2, 1, true);
    k.zoneLocked(PageEvents.NO_CPU, 0x14, 2, 1, true);
    k.free(PageEvents.NO_CPU, 0x10, 2);
    k.zoneLocked(1000, 0x20, 0, 1, true);
    assertThat(k.metrics().get("pcpRefills")).isEqualTo(2L);
    assertThat(k.metrics().get("pcpRefillPagesP90")).isEqualTo(8L);
    assertThatThrownBy(() -> k.free(-2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nearestRankPercentiles() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(KmemActivity.percentile(sorted, 10, 50)).isEqualTo(5);
    assertThat(KmemActivity.percentile(sorted, 10, 90)).isEqualTo(9);
    assertThat(KmemActivity.percentile(sorted, 1, 90)).isEqualTo(1);
    assertThat(KmemActivity.percentile(sorted, 0, 50)).isZero();
  }

  @Test
  void thePcpOrdersAreLinux612s() {
    // pcp_allowed_order: up to PAGE_ALLOC_COSTLY_ORDER, and the THP order; MIGRATE_PCPTYPES is 3.
    assertThat(KmemActivity.pcpAllowed(3, 2)).isTrue();
    assertThat(KmemActivity.pcpAllowed(9, 1)).isTrue();
    assertThat(KmemActivity.pcpAllowed(4, 1)).isFalse();
    assertThat(KmemActivity.pcpAllowed(0, 3)).isFalse();
  }
}
