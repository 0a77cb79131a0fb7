package io.buddykit.experiments.balloon;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.core.FreeBlock;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.Zone;
import io.buddykit.sim.boot.BootLayout;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three strategies on hand-built and aged states. */
class BalloonStrategiesTest {
  /**
   * 16 MiB, one zone of eight pageblocks (pfn 0-4095). Pageblock 0 holds 3 pages but one is a
   * kernel page; pageblock 1 holds 40 movable pages, 2 holds 7, 3 holds 12; 4-7 are full.
   */
  static Guest handBuilt(Set<Integer> live, long seed) {
    Machine m = Machine.booted(MachineConfig.of(16L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    Zone z = m.zones().getFirst();
    assertThat(z.startPfn()).isZero();
    assertThat(z.endPfn()).isEqualTo(4096);
    SplittableRandom r = new SplittableRandom(seed);
    int[] occupancy = {3, 40, 7, 12, 512, 512, 512, 512};
    int tag = 1;
    for (int pb = 0; pb < 8; pb++) {
      Set<Long> chosen = new HashSet<>();
      while (chosen.size() < occupancy[pb]) {
        chosen.add(pb * 512L + r.nextInt(512));
      }
      boolean pinned = pb == 0;
      for (long pfn : chosen) {
        Migratetype mt = pinned ? Migratetype.UNMOVABLE : Migratetype.MOVABLE;
        pinned = false;
        assertThat(m.allocAt(pfn, 0, mt, tag)).isTrue();
        live.add(tag++);
      }
    }
    Guest g = new Guest(m, t -> assertThat(live.remove(t)).as("tag %d released twice", t).isTrue());
    assertThat(g.freePageblocks()).isZero();
    return g;
  }

  @Test
  void targetedPicksTheEmptiestReleasablePageblockAndGivesUpExactlyItsPages() {
    Set<Integer> live = new HashSet<>();
    Guest g = handBuilt(live, 1);
    int before = live.size();
    assertThat(TargetedBalloon.pick(g)).isEqualTo(new TargetedBalloon.Target(1024, 7));
    TargetedBalloon.Target t = TargetedBalloon.run(g);
    assertThat(t).isEqualTo(new TargetedBalloon.Target(1024, 7));
    assertThat(before - live.size()).isEqualTo(7);
    assertThat(g.pageblockFree(1024)).isTrue();
    assertThat(g.freePageblocks()).isEqualTo(1);
    assertThat(FreeBlock.start(g.machine().zones().getFirst().freeBlockContaining(1024))).isEqualTo(1024);
    // next: pageblock 3 with 12 (pageblock 0 has fewer, but a kernel page)
    assertThat(TargetedBalloon.pick(g)).isEqualTo(new TargetedBalloon.Target(1536, 12));
    g.machine().verify();
  }

  @Test
  void noCandidateWhenEveryPageblockHasAPinnedPage() {
    Machine m = Machine.booted(MachineConfig.of(16L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    for (long pb = 0; pb < 4096; pb += 512) {
      assertThat(m.allocAt(pb + 5, 0, Migratetype.UNMOVABLE, 1)).isTrue();
    }
    Guest g = new Guest(m, t -> { });
    assertThat(TargetedBalloon.run(g).pfn()).isEqualTo(-1);
    RandomBalloon.Outcome r = RandomBalloon.run(g, 1);
    assertThat(r.pfn()).isEqualTo(-1);
    assertThat(r.pages()).isZero();
  }

  @Test
  void randomBallooningTakesAtLeastWhatTargetedNeeds() {
    for (long seed = 1; seed <= 8; seed++) {
      Set<Integer> live = new HashSet<>();
      Guest g = handBuilt(live, 3);
      int before = live.size();
      RandomBalloon.Outcome r = RandomBalloon.run(g, seed);
      assertThat(r.pfn()).isNotNegative();
      assertThat(g.pageblockFree(r.pfn())).isTrue();
      assertThat(r.pfn()).isNotZero(); // the pinned pageblock never empties
      assertThat(r.pages()).isEqualTo(before - live.size()).isGreaterThanOrEqualTo(7);
      g.machine().verify();
    }
  }

  @Test
  void onAgedGuestsTargetedNeverNeedsMoreThanRandom() {
    MachineConfig c = MachineConfig.of(32L << 20, 1).withPerCpuLists(false);
    for (long seed = 1; seed <= 5; seed++) {
      Guest a = BalloonScenario.aged(c, 24, seed);
      a.takeFreePageblocks(BalloonScenario.HOST_TAG);
      TargetedBalloon.Target t = TargetedBalloon.run(a);
      Guest b = BalloonScenario.aged(c, 24, seed);
      b.takeFreePageblocks(BalloonScenario.HOST_TAG);
      RandomBalloon.Outcome r = RandomBalloon.run(b, seed);
      assertThat(t.pfn()).as("seed %d", seed).isNotNegative();
      assertThat(t.pages()).as("seed %d", seed).isLessThanOrEqualTo(r.pages());
      a.machine().verify();
      b.machine().verify();
    }
  }

  @Test
  void compactionCountsTheMigrationsItMade() {
    Set<Integer> live = new HashSet<>();
    Guest g = handBuilt(live, 5);
    long before = g.machine().stat().pgmigrateSuccess();
    CompactionBaseline.Outcome c = CompactionBaseline.run(g);
    assertThat(c.migrated()).isEqualTo(g.machine().stat().pgmigrateSuccess() - before);
    assertThat(c.success()).isEqualTo(g.freePageblocks() > 0);
    assertThat(c.scanned()).isPositive();
  }
}
