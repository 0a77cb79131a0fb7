package io.buddykit.experiments.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placement, the policies' invariants, victim choice and the sampler. */
class TierRunTest {
  static TierConfig small(long seed, double churn) {
    return new TierConfig(256, 4096, 256, List.of(0.4, 0.3, 0.2, 0.1), 1.0,
        new CostBenefit(90, 300, 2000, 8), 2, 2000, 30, churn, seed);
  }

  @Test
  void firstTouchFillsDramThenNvm() {
    TierRun run = new TierRun(small(1, 0), MigrationPolicy.NO_MIGRATION);
    ObjectTable o = run.objects();
    boolean sawNvm = false;
    long dramPages = 0;
    for (int slot = 0; slot < o.size(); slot++) {
      if (o.pool(slot) == ObjectTable.NVM) {
        sawNvm = true;
      } else {
        dramPages += o.pages(slot);
        assertThat(sawNvm && o.order(slot) == 0 && dramPages > 256).isFalse();
      }
    }
    assertThat(sawNvm).isTrue();
    assertThat(dramPages).isLessThanOrEqualTo(256).isGreaterThan(240); // small holes only
    run.verify();
  }

  @Test
  void noMigrationNeverMigrates() {
    for (long seed = 1; seed <= 3; seed++) {
      TierRun run = new TierRun(small(seed, 0), MigrationPolicy.NO_MIGRATION);
      ObjectTable o = run.objects();
      byte[] pools = new byte[o.size()];
      long[] starts = new long[o.size()];
      for (int s = 0; s < o.size(); s++) {
        pools[s] = o.pool(s);
        starts[s] = o.start(s);
      }
      for (int e = 0; e < 30; e++) {
        assertThat(run.epoch(e).pagesMigrated()).isZero();
      }
      for (int s = 0; s < o.size(); s++) {
        assertThat(o.pool(s)).isEqualTo(pools[s]);
        assertThat(o.start(s)).isEqualTo(starts[s]);
      }
      assertThat(run.promotions() + run.pagesPromoted() + run.pagesDemoted()).isZero();
      run.verify();
    }
  }

  @Test
  void alwaysPromoteServesAtLeastAsMuchFromDramAsNoMigration() {
    for (long seed = 1; seed <= 4; seed++) {
      TierRun none = new TierRun(small(seed, 0.02), MigrationPolicy.NO_MIGRATION);
      TierRun always = new TierRun(small(seed, 0.02), MigrationPolicy.ALWAYS_PROMOTE);
      TierRun cb = new TierRun(small(seed, 0.02), MigrationPolicy.COST_BENEFIT);
      for (int e = 0; e < 30; e++) {
        none.epoch(e);
        always.epoch(e);
        cb.epoch(e);
      }
      assertThat(always.dramShare()).as("seed %d", seed).isGreaterThanOrEqualTo(none.dramShare());
      assertThat(always.meanAccessNs()).isLessThanOrEqualTo(none.meanAccessNs());
      assertThat(cb.pagesPromoted() + cb.pagesDemoted()).isLessThanOrEqualTo(always.pagesPromoted() + always.pagesDemoted());
      // every access costs 90 or 300 ns
      assertThat(always.meanAccessNs()).isCloseTo(90 * always.dramShare() + 300 * (1 - always.dramShare()), within(1e-9));
      always.verify();
      cb.verify();
    }
  }

  /**
   * DRAM of 4 pages holding four one-page objects; an order-1 promotion must empty one aligned
   * pair: the one whose two objects are least accessed together, not the pair of the coldest.
   */
  @Test
  void victimsAreTheAlignedRegionWithTheFewestExpectedAccesses() {
    TierConfig c = new TierConfig(4, 64, 5, List.of(1.0), 0.0, new CostBenefit(90, 300, 0, 8), 1, 1, 1, 0, 1);
    TierRun run = new TierRun(c, MigrationPolicy.ALWAYS_PROMOTE);
    ObjectTable o = run.objects();
    for (int s = 0; s < 4; s++) {
      assertThat(o.pool(s)).isEqualTo(ObjectTable.DRAM);
      assertThat(o.start(s)).isEqualTo(s);
    }
    // rates: page 0 -> 1, page 1 -> 9 (pair 0-1 costs 10); page 2 -> 2, page 3 -> 3 (pair 2-3 costs 5)
    int[] counts = {1, 9, 2, 3};
    for (int s = 0; s < 4; s++) {
      for (int i = 0; i < 2 * counts[s]; i++) {
        o.touch(s);
      }
    }
    o.decay();
    List<Integer> coldest = List.of(0, 2, 3, 1);
    VictimRegion r = run.findVictims(1, coldest, 0);
    assertThat(r.slots()).containsExactly(2, 3);
    assertThat(r.rate()).isEqualTo(5.0);
    assertThat(r.pages()).isEqualTo(2);
    VictimRegion whole = run.findVictims(2, coldest, 0);
    assertThat(whole.slots()).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(whole.rate()).isEqualTo(15.0);
  }

  @Test
  void zipfProbabilitiesByHand() {
    ZipfSampler z = new ZipfSampler(3, 1.0); // 1, 1/2, 1/3 over 11/6
    assertThat(z.probability(0)).isCloseTo(6.0 / 11, within(1e-12));
    assertThat(z.probability(1)).isCloseTo(3.0 / 11, within(1e-12));
    assertThat(z.probability(2)).isCloseTo(2.0 / 11, within(1e-12));
    ZipfSampler flat = new ZipfSampler(4, 0);
    assertThat(flat.probability(3)).isCloseTo(0.25, within(1e-12));
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    int[] n = new int[3];
    for (int i = 0; i < 110_000; i++) {
      n[z.draw(r)]++;
    }
    assertThat(n[0]).isBetween(59_000, 61_000);
    assertThat(n[1]).isBetween(29_000, 31_000);
    assertThat(n[2]).isBetween(19_000, 21_000);
  }
}
