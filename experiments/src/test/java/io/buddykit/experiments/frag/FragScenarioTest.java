package io.buddykit.experiments.frag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Internal fragmentation measured by the core allocator, checked against figures worked by hand. */
class FragScenarioTest {
  private static final List<Long> SEED_REQUESTS = List.of(62L << 10, 90L << 10, 35L << 10, 10L << 10);

  @Test
  void theSeedsExampleIs197Requested272Allocated75Wasted() {
    RequestRounding.Report r = RequestRounding.rounded(SEED_REQUESTS, 1, false);
    assertThat(r.grants()).extracting(RequestRounding.Grant::grantedBytes)
        .containsExactly(64L << 10, 128L << 10, 64L << 10, 16L << 10);
    assertThat(r.requestedBytes()).isEqualTo(197L << 10);
    assertThat(r.grantedBytes()).isEqualTo(272L << 10);
    assertThat(r.wastedBytes()).isEqualTo(75L << 10);
    assertThat(r.wasteFraction()).isCloseTo(75.0 / 272, within(1e-12)); // 27.6 %
  }

  @Test
  void exactAllocationGrantsWholePagesAndFreesTheTail() {
    // 62, 90, 35, 10 KiB on 4 KiB pages: 15.5 -> 16, 22.5 -> 23, 8.75 -> 9, 2.5 -> 3 pages.
    RequestRounding.Report r = RequestRounding.rounded(SEED_REQUESTS, 4096, true);
    assertThat(r.grants()).extracting(g -> g.grantedBytes() / 4096).containsExactly(16L, 23L, 9L, 3L);
    assertThat(r.grantedBytes()).isEqualTo(51L * 4096); // 204 KiB
    assertThat(r.wastedBytes()).isEqualTo(7L << 10); // 2 + 2 + 1 + 2 KiB
    // The tails of the 32-, 16- and 4-page blocks: 9 pages from 23 are o0@23 + o3@24; 7 from 9
    // are o0@9 + o1@10 + o2@12; 1 from 3 is o0@3.
    assertThat(r.grants()).extracting(RequestRounding.Grant::tailFreedAs)
        .containsExactly("none", "o0 + o3", "o0 + o1 + o2", "o0");
    // alloc_pages rounds the page counts to 16, 32, 16, 4: the same 272 KiB as byte granularity.
    assertThat(RequestRounding.rounded(SEED_REQUESTS, 4096, false).grantedBytes()).isEqualTo(272L << 10);
  }

  @Test
  void doublingAloneOnTheHeapCopies15ElementsByMovingAndNoneInPlace() {
    // Ten appends: capacities 1, 2, 4, 8, 16; a move copies 1 + 2 + 4 + 8 = 15 elements.
    ArrayGrowthRun.Outcome move = ArrayGrowthRun.run(new GrowthPolicy(2, false), 10, 1, 10);
    assertThat(move.stats().growths()).isEqualTo(4);
    assertThat(move.stats().moves()).isEqualTo(4);
    assertThat(move.bytesCopied()).isEqualTo(15 * 8);
    assertThat(move.peakBytes()).isEqualTo((8 + 16) * 8); // the last move holds both blocks
    // Held after append t: 1, 2, 4, 4, 8, 8, 8, 8, 16, 16 = 75; used 1 + .. + 10 = 55.
    assertThat(move.grantedOverUsed()).isCloseTo(75.0 / 55, within(1e-12));
    ArrayGrowthRun.Outcome inPlace = ArrayGrowthRun.run(new GrowthPolicy(2, true), 10, 1, 10);
    assertThat(inPlace.stats().inPlaceGrowths()).isEqualTo(4); // at unit 0 the right buddy is always free
    assertThat(inPlace.stats().moves()).isZero();
    assertThat(inPlace.bytesCopied()).isZero();
    assertThat(inPlace.peakBytes()).isEqualTo(16 * 8);
  }

  @Test
  void oneAndAHalfCopiesMoreAndRoundsUp() {
    // Capacities 1, 2, 3, 4, 6, 9, 13 for ten appends: moves copy 1 + 2 + 3 + 4 + 6 + 9 = 25.
    ArrayGrowthRun.Outcome move = ArrayGrowthRun.run(new GrowthPolicy(1.5, false), 10, 1, 10);
    assertThat(move.stats().moves()).isEqualTo(6);
    assertThat(move.bytesCopied()).isEqualTo(25 * 8);
    assertThat(move.finalGrantedUnits()).isEqualTo(16); // 13 rounded up
    assertThat(move.peakBytes()).isEqualTo((16 + 16) * 8); // 9 -> 13: both in 16-unit blocks
    // Held after append t: 1, 2, 4, 4, 8, 8, 16, 16, 16, 16 = 91 for 55 used.
    assertThat(move.grantedOverUsed()).isCloseTo(91.0 / 55, within(1e-12));
    // In place: 1->2, 2->3 (order 2), 4->6 (order 3), 6->9 (order 4) merge with the free buddy;
    // 3->4 and 9->13 fit the block's rounding slack.
    ArrayGrowthRun.Outcome inPlace = ArrayGrowthRun.run(new GrowthPolicy(1.5, true), 10, 1, 10);
    assertThat(inPlace.stats().inPlaceGrowths()).isEqualTo(4);
    assertThat(inPlace.stats().slackReuses()).isEqualTo(2);
    assertThat(inPlace.bytesCopied()).isZero();
  }

  @Test
  void neighbouringArraysForceMovesEvenInPlace() {
    // Two arrays, two appends each: A@0, B@1. A's buddy is B: A moves to o1@2 copying 1. B is a
    // right half: it moves to o1@4 copying 1, and unit 1 merges with unit 0 again.
    ArrayGrowthRun.Outcome o = ArrayGrowthRun.run(new GrowthPolicy(2, true), 2, 2, 4);
    assertThat(o.stats().inPlaceGrowths()).isZero();
    assertThat(o.stats().moves()).isEqualTo(2);
    assertThat(o.bytesCopied()).isEqualTo(2 * 8);
    assertThat(o.finalGrantedUnits()).isEqualTo(4);
  }

  @Test
  void slabVersusOwnBlockOnATinyMix() {
    // 8, 24, 100, 1000, 2048 B: five classes, five slab pages (20480 B); own blocks of 16 B units
    // are 16 + 32 + 128 + 1024 + 2048 = 3248 B; own pages 5 * 4096.
    SmallObjects.Outcome a = SmallObjects.serve(new long[] {8, 24, 100, 1000, 2048}, 4096);
    assertThat(a.slab().grantedBytes()).isEqualTo(5 * 4096);
    assertThat(a.rounded().grantedBytes()).isEqualTo(3248);
    assertThat(a.pagePerObject().grantedBytes()).isEqualTo(5 * 4096);
    assertThat(a.slab().requestedBytes()).isEqualTo(3180);
    // 1000 objects of 80 B: kmalloc-96 holds 42 a page, 24 slabs (98304 B, 98.3 B each); own
    // blocks round 5 units up to 8: 128 B each.
    long[] many = new long[1000];
    java.util.Arrays.fill(many, 80);
    SmallObjects.Outcome b = SmallObjects.serve(many, 4096);
    assertThat(b.slab().grantedBytes()).isEqualTo(24 * 4096);
    assertThat(b.kmalloc().slabs(Kmalloc.classOf(80))).isEqualTo(24);
    assertThat(b.rounded().grantedBytes()).isEqualTo(128_000);
    assertThat(b.slab().bytesPerObject()).isCloseTo(98.304, within(1e-9));
  }

  @Test
  void theScenarioReportsTheSeedsFigures() {
    FragScenario s = new FragScenario();
    Result r = s.run(Params.of(s.params(), Map.of("appends", "1000", "objects", "2000")));
    assertThat(r.results().get("requestedKiB")).isEqualTo(197.0);
    assertThat(r.results().get("allocatedKiB")).isEqualTo(272.0);
    assertThat(r.results().get("wastedKiB")).isEqualTo(75.0);
    assertThat((Double) r.results().get("wasteFraction")).isCloseTo(0.276, within(0.001));
    assertThat(r.results().get("exact.grantedPages")).isEqualTo(51L);
    assertThat(r.results().get("exact.wastedKiB")).isEqualTo(7.0);
    ResultTable requests = (ResultTable) r.results().get("requests");
    assertThat(requests.rows().get(1)).containsExactly(90L, 128L, 38.0, 128L, 23L, 92L, 2.0, "o0 + o3");
    assertThat(((ResultTable) r.results().get("arrays")).rows()).hasSize(4);
    assertThat(r.series()).containsKeys("array x2 move", "array x1.5 in place");
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    FragScenario s = new FragScenario();
    Map<String, String> small = Map.of("appends", "500", "objects", "1000", "seed", "7");
    Result a = s.run(Params.of(s.params(), small));
    Result b = s.run(Params.of(s.params(), small));
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.series().keySet()).isEqualTo(b.series().keySet());
  }

  @Test
  void badParametersAreNamed() {
    FragScenario s = new FragScenario();
    for (Map.Entry<String, String> bad : List.of(Map.entry("requestsKiB", "62,0"), Map.entry("pageKiB", "3"),
        Map.entry("appends", "0"), Map.entry("arrays", "0"), Map.entry("factors", "1"),
        Map.entry("objects", "-1"), Map.entry("objectMax", "8192"), Map.entry("objectMin", "x"))) {
      assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of(bad.getKey(), bad.getValue()))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.getKey());
    }
  }
}
