package io.buddykit.flash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free buddy groups merge only when their erase counts are within the threshold. */
class WearRuleTest {
  @Test
  void mergeIsRefusedWhenWearDiffersAndAllowedWhenItDoesNot() {
    WearTree t = new WearTree(16, 5);
    for (int b = 0; b < 16; b++) {
      t.set(b, 100);
    }
    assertThat(t.mayMerge(0, 0)).isTrue();
    t.set(1, 106); // blocks 0 and 1 now differ by 6 > 5
    assertThat(t.mayMerge(0, 0)).isFalse();
    assertThat(t.mayMerge(0, 1)).isFalse(); // the group [0, 4) holds both
    assertThat(t.mayMerge(4, 1)).isTrue();
    t.set(0, 104); // now within 2
    assertThat(t.mayMerge(0, 0)).isTrue();
    assertThat(t.spread(0, 4)).isEqualTo(6);
    assertThat(t.leastWorn(0, 4)).isEqualTo(2);
    assertThat(new WearTree(16, -1).mayMerge(0, 3)).isTrue(); // rule off
  }

  @Test
  void theFtlsFreeSpaceHonoursTheRule() {
    // Wear some blocks much more than others, then check that no two free buddies that the rule
    // refuses were merged: the allocator's verify() checks "free buddies merged unless vetoed".
    FlashConfig c = FlashConfig.defaults().withShape(64, 8, 0.2).withWear(2, -1);
    FlashRun run = new FlashRun(new Ftl(c), 1_000_000);
    run.precondition();
    run.run(HostWrites.hotCold(run.ftl().logicalPages(), 0.1, 0.95, 3), 50_000);
    assertThat(run.lostPages()).isZero(); // includes the allocator's verify()
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int b = 0; b < 64; b++) {
      min = Math.min(min, run.ftl().eraseCount(b));
      max = Math.max(max, run.ftl().eraseCount(b));
    }
    assertThat(max - min).isGreaterThan(2); // so the rule had something to refuse
  }
}
