package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Thp;
import io.buddykit.sim.Zone;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aging workload fragments a machine that boots unfragmented, and its holdings stay exact. */
class AgingWorkloadTest {
  static Machine machine() {
    return Machine.booted(MachineConfig.of(256L << 20, 1));
  }

  /** Free memory in blocks of order 9 or more, counted in order-9 blocks. */
  static long freeHugeBlocks(Machine m) {
    long n = 0;
    for (Zone z : m.zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), 9);
    }
    return n;
  }

  /** Share of the pageblocks wholly in RAM that hold a page nothing may move. */
  static double pinnedPageblocks(Machine m) {
    OwnerTable owners = m.owners();
    long blocks = 0;
    long pinned = 0;
    for (Zone z : m.zones()) {
      for (long pb = (z.startPfn() + 511) & -512; pb + 512 <= z.endPfn(); pb += 512) {
        boolean ram = true;
        boolean pin = false;
        for (long p = pb; p < pb + 512; p++) {
          ram &= !z.isReserved(p);
          pin |= owners.isHead(p) && !owners.isPcp(p) && !owners.isMovable(p);
        }
        if (ram) {
          blocks++;
          pinned += pin ? 1 : 0;
        }
      }
    }
    return (double) pinned / blocks;
  }

  @Test
  void aFreshBootHasItsFreeMemoryInHugeBlocks() {
    Machine m = machine();
    assertThat(freeHugeBlocks(m)).isGreaterThanOrEqualTo(m.freePages() / 512 * 9 / 10);
  }

  @Test
  void agingLeavesMuchFreeMemoryButFewHugeBlocks() {
    Machine m = machine();
    AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults(), 1);
    Workloads.run(m, w, w.steps());
    long free = m.freePages();
    assertThat((double) free / m.managedPages()).as("free share").isGreaterThan(0.3);
    assertThat(freeHugeBlocks(m)).as("free order>=9 blocks").isLessThan(free / 512 / 10);
    // Linux's defences against fragmenting fallbacks, khugepaged's min_free_kbytes and watermark
    // boosting (kswapd reclaims the boost, kcompactd compacts at pageblock order), keep the
    // kernel's pages in few pageblocks.
    assertThat(pinnedPageblocks(m)).as("pinned pageblocks").isLessThan(0.1);
    assertThat(w.failures()).isZero();
    m.verify();
    HoldingsCheck.assertExact(m, w.holdings());
  }

  @Test
  void withoutLinuxsDefencesKernelPagesSpreadOverMostPageblocks() {
    Machine m = Machine.booted(MachineConfig.of(256L << 20, 1).withThp(Thp.NEVER).withWatermarkBoostFactor(0)
        .withCompactionProactiveness(0));
    AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults(), 1);
    Workloads.run(m, w, w.steps());
    // Not just movable pages in the way: kernel pages sit in many pageblocks, out of compaction's
    // reach. Linux 6.x's refills grow to batch << PCP_BATCH_SCALE_MAX pages (nr_pcp_alloc), so an
    // unmovable refill fills much of a claimed pageblock at once: kernel pages pin about 0.20 of
    // the pageblocks here (under either free-list order), where fixed one-batch refills pinned over
    // 0.4; with the defences on (the test above: khugepaged's min_free_kbytes, boosting and
    // proactive compaction) it is below 0.1.
    assertThat(pinnedPageblocks(m)).as("pinned pageblocks").isGreaterThan(0.15);
    assertThat(m.stat().watermarkBoosts()).isZero();
    assertThat(w.failures()).isZero();
    m.verify();
  }

  @Test
  void holdingsStayExactThroughCompaction() {
    Machine m = machine();
    AgingWorkload w = new AgingWorkload(m, AgingConfig.defaults(), 2);
    Workloads.run(m, w, w.steps());
    long before = w.holdings().migrations();
    // The whole of every zone: with Linux's defences an aged zone often has an order-9 block
    // free already, so compacting for order 9 may have nothing to do.
    m.compactAll();
    assertThat(w.holdings().migrations()).isGreaterThan(before);
    m.verify();
    HoldingsCheck.assertExact(m, w.holdings());
    w.drainAll();
    assertThat(w.holdings().count()).isZero();
    m.verify();
  }

  @Test
  void theSameSeedAgesTheSameWay() {
    List<Long> a = run(5);
    assertThat(run(5)).isEqualTo(a);
    assertThat(run(6)).isNotEqualTo(a);
  }

  static List<Long> run(long seed) {
    Machine m = machine();
    Workload w = new AgingWorkload(m, AgingConfig.defaults().withSteps(12).withCpuPolicy(CpuPolicy.RANDOM), seed);
    Workloads.run(m, w, w.steps());
    return SyntheticWorkloadTest.fingerprint(m);
  }

  @Test
  void badConfigsAreRejected() {
    AgingConfig d = AgingConfig.defaults();
    assertThatThrownBy(() -> d.withSteps(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCycleSteps(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withOccupancy(0.5, 0.6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withOccupancy(1.2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withChurnRate(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withUnmovableFraction(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCacheShare(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withUnmovableLifetime(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCpuPolicy(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgingConfig(10, 5, 0.9, 0.5, 0.01, 0.1, 0.5, List.of(), List.of(1.0), List.of(1.0),
        new Lifetime(10, 0), CpuPolicy.ROUND_ROBIN)).isInstanceOf(IllegalArgumentException.class);
  }
}
