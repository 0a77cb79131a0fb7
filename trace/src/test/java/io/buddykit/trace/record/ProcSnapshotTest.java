package io.buddykit.trace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcSnapshotTest {
  /** Cut from /proc/zoneinfo of the 2-CPU Linux 6.18.44 VM the fixtures come from (counters left out). */
  static final String ZONEINFO = """
      Node 0, zone      DMA
        per-node stats
            nr_inactive_anon 1722
            nr_free_pages 3840
        pages free     3840
              boost    0
              min      22
              low      27
              high     32
              promo    37
              spanned  4095
              present  3998
              managed  3840
              cma      0
              protection: (0, 3018, 11466, 11466, 11466)
            nr_free_pages 3840
        pagesets
          cpu: 0
                    count:    0
                    high:     0
                    batch:    1
                    high_min: 13
                    high_max: 240
        vm stats threshold: 4
          cpu: 1
                    count:    5
                    high:     14
                    batch:    1
                    high_min: 13
                    high_max: 240
        vm stats threshold: 4
        node_unreclaimable:  0
        start_pfn:           1
      Node 0, zone   Normal
        pages free     1801178
              boost    0
              min      12431
              low      15538
              high     18645
              promo    21752
              spanned  5505024
              present  5505024
              managed  2162688
              cma      0
              protection: (0, 0, 0, 0, 0)
        pagesets
          cpu: 0
                    count:    3514
                    high:     7832
                    batch:    63
                    high_min: 7769
                    high_max: 135168
        vm stats threshold: 32
        node_unreclaimable:  0
        start_pfn:           1048576
      Node 0, zone  Movable
        pages free     0
              boost    0
              min      32
              low      32
              high     32
              promo    32
              spanned  0
              present  0
              managed  0
              cma      0
              protection: (0, 0, 0, 0, 0)
      """;

  static final String BUDDYINFO = """
      Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3\s
      Node 0, zone   Normal  14408  15026  14254   8413   3876   3319   1685   1013    467    265    944\s
      """;

  @Test
  void zoneinfoGivesEveryZoneWithItsWatermarksSpansAndPagesets() {
    List<ProcSnapshot.ZoneFacts> zones = new ProcSnapshot(BUDDYINFO, "", ZONEINFO).zones();
    assertThat(zones).extracting(ProcSnapshot.ZoneFacts::zone).containsExactly("DMA", "Normal", "Movable");
    ProcSnapshot.ZoneFacts dma = zones.get(0);
    assertThat(dma).extracting(z -> z.node(), z -> z.free(), z -> z.min(), z -> z.low(), z -> z.high(),
        z -> z.spanned(), z -> z.present(), z -> z.managed(), z -> z.startPfn())
        .containsExactly(0, 3840L, 22L, 27L, 32L, 4095L, 3998L, 3840L, 1L);
    assertThat(dma.pagesets()).containsExactly(new ProcSnapshot.Pageset(0, 0, 0, 1, 13, 240),
        new ProcSnapshot.Pageset(1, 5, 14, 1, 13, 240));
    ProcSnapshot.ZoneFacts normal = zones.get(1);
    assertThat(normal.min()).isEqualTo(12431);
    assertThat(normal.high()).as("the zone's high watermark, not a pageset's high").isEqualTo(18645);
    assertThat(normal.managed()).isEqualTo(2162688);
    assertThat(normal.startPfn()).isEqualTo(1048576);
    assertThat(normal.pagesets()).containsExactly(new ProcSnapshot.Pageset(0, 3514, 7832, 63, 7769, 135168));
    ProcSnapshot.ZoneFacts movable = zones.get(2);
    assertThat(movable.startPfn()).as("an empty zone prints no start_pfn").isEqualTo(-1);
    assertThat(movable.pagesets()).isEmpty();
    assertThat(movable.min()).isEqualTo(32);
  }

  @Test
  void buddyinfoGivesTheFreeBlocksOfEveryOrder() {
    ProcSnapshot s = new ProcSnapshot(BUDDYINFO, "", ZONEINFO);
    assertThat(s.freeAreas()).containsExactly(
        new ProcSnapshot.FreeArea(0, "DMA", new long[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3}),
        new ProcSnapshot.FreeArea(0, "Normal",
            new long[] {14408, 15026, 14254, 8413, 3876, 3319, 1685, 1013, 467, 265, 944}));
    assertThat(s.zone(0, "Normal").managed()).isEqualTo(2162688);
    assertThat(s.zone(1, "Normal")).isNull();
  }

  @Test
  void aBuddyinfoLineThatIsNotOneIsAnError() {
    assertThatThrownBy(() -> new ProcSnapshot("Node 0, zone DMA 1 x 3\n", "", "").freeAreas())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number 'x'");
    assertThatThrownBy(() -> new ProcSnapshot("garbage here\n", "", "").freeAreas())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage here");
  }
}
