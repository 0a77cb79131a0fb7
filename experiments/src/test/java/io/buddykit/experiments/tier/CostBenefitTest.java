package io.buddykit.experiments.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration test by hand, then inside a run of two objects. */
class CostBenefitTest {
  private final CostBenefit cb = new CostBenefit(90, 300, 2000, 8);

  @Test
  void byHand() {
    // hot 5 accesses/epoch, victim 1, one page each: 8 x 210 x (5 - 1) = 6720 ns against 2000 x 2 = 4000 ns
    assertThat(cb.benefitNs(5, 1)).isEqualTo(6720.0);
    assertThat(cb.costNs(1, 1)).isEqualTo(4000.0);
    assertThat(cb.worthIt(5, 1, 1, 1)).isTrue();
    // hot 2, victim 1: 8 x 210 x 1 = 1680 < 4000
    assertThat(cb.worthIt(2, 1, 1, 1)).isFalse();
    // no victim needed (free DRAM): 8 x 210 x 2 = 3360 against 2000 for the one page: yes
    assertThat(cb.worthIt(2, 1, 0, 0)).isTrue();
    // a 16-page object at 2 accesses/epoch: 3360 against 32000: no
    assertThat(cb.worthIt(2, 16, 0, 0)).isFalse();
    // a victim hotter than the candidate: the benefit is negative
    assertThat(cb.benefitNs(1, 2)).isEqualTo(-1680.0);
    assertThat(new CostBenefit(90, 300, 0, 8).worthIt(1, 1, 2, 1)).isFalse();
  }

  @Test
  void exactlyAtTheBreakEvenItStays() {
    CostBenefit one = new CostBenefit(90, 300, 1050, 1); // cost of two pages 2100 = 210 x 10
    assertThat(one.benefitNs(11, 1)).isEqualTo(2100.0);
    assertThat(one.worthIt(11, 1, 1, 1)).isFalse();
    assertThat(one.worthIt(11.01, 1, 1, 1)).isTrue();
  }

  /**
   * Two one-page objects and one page of DRAM: the first is placed in DRAM, the second in NVM.
   * After an epoch the run promotes the NVM object exactly when it is hot and the rule, computed
   * here from the counters the run kept, says benefit > cost (demoting the other one).
   */
  @Test
  void aRunOfTwoObjectsMigratesExactlyWhenTheRuleSaysSo() {
    int yes = 0;
    int no = 0;
    for (double horizon : new double[] {0.05, 0.2, 0.25, 0.26, 0.27, 0.3, 1, 8}) {
      for (long seed = 1; seed <= 12; seed++) {
        CostBenefit rule = new CostBenefit(90, 300, 2000, horizon);
        TierConfig c = new TierConfig(1, 64, 2, List.of(1.0), 1.0, rule, 0.5, 400, 1, 0, seed);
        TierRun run = new TierRun(c, MigrationPolicy.COST_BENEFIT);
        ObjectTable o = run.objects();
        assertThat(o.pool(0)).isEqualTo(ObjectTable.DRAM);
        assertThat(o.pool(1)).isEqualTo(ObjectTable.NVM);
        run.epoch(0);
        double hotRate = o.rate(1);
        double coldRate = o.rate(0);
        assertThat(hotRate + coldRate).isEqualTo(200.0); // 400 accesses, counter = accesses, rate = half
        boolean hot = hotRate >= 0.5 * 400 / 2; // hot factor 0.5 x mean accesses per page per epoch
        boolean expected = hot && horizon * 210 * (hotRate - coldRate) > 2000 * 2;
        assertThat(run.promotions()).as("horizon %s seed %d rates %s/%s", horizon, seed, hotRate, coldRate)
            .isEqualTo(expected ? 1 : 0);
        assertThat(o.pool(1)).isEqualTo(expected ? ObjectTable.DRAM : ObjectTable.NVM);
        assertThat(o.pool(0)).isEqualTo(expected ? ObjectTable.NVM : ObjectTable.DRAM);
        assertThat(run.pagesPromoted() + run.pagesDemoted()).isEqualTo(expected ? 2 : 0);
        run.verify();
        if (expected) {
          yes++;
        } else if (hot) {
          no++;
        }
      }
    }
    assertThat(yes).as("promotions seen").isPositive();
    assertThat(no).as("hot objects refused by the rule").isGreaterThanOrEqualTo(3);
  }

  @Test
  void badRules() {
    assertThatThrownBy(() -> new CostBenefit(300, 90, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CostBenefit(90, 300, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CostBenefit(90, 300, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
