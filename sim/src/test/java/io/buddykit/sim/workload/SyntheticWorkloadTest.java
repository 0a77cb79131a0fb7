package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.VmStat;
import io.buddykit.sim.Zone;
import io.buddykit.sim.boot.BootLayout;
import io.buddykit.sim.proc.VmStatCounters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synthetic workload: seeded, exact holdings under reclaim, failures counted, configs checked. */
class SyntheticWorkloadTest {
  static Machine small() {
    return Machine.booted(MachineConfig.of(64L << 20, 1));
  }

  /** Everything a run leaves that a seed should decide: buddyinfo of every zone and every counter. */
  static List<Long> fingerprint(Machine m) {
    List<Long> f = new ArrayList<>();
    for (Zone z : m.zones()) {
      for (long n : z.buddyInfo()) {
        f.add(n);
      }
    }
    VmStat s = m.stat();
    f.addAll(VmStatCounters.linux(s).values());
    f.addAll(VmStatCounters.model(s).values());
    return f;
  }

  static List<Long> run(long seed) {
    Machine m = small();
    Workload w = new SyntheticWorkload(m, SyntheticConfig.defaults(m.managedPages()).withSteps(120), seed);
    Workloads.run(m, w, w.steps());
    m.verify();
    return fingerprint(m);
  }

  @Test
  void theSameSeedGivesTheSameMachineAndAnotherSeedAnother() {
    List<Long> a = run(7);
    assertThat(run(7)).isEqualTo(a);
    assertThat(run(8)).isNotEqualTo(a);
  }

  @Test
  void holdsItsShareOfMemoryAndDrainsToNothing() {
    Machine m = small();
    SyntheticWorkload w = new SyntheticWorkload(m, SyntheticConfig.defaults(m.managedPages()), 1);
    long free = m.freePages();
    Workloads.run(m, w, 100);
    // The last allocation of a step may overshoot the target by one order-9 THP.
    assertThat((double) w.holdings().pages() / m.managedPages()).isBetween(0.55, 0.6 + 512.0 / m.managedPages());
    assertThat(w.holdings().count(PageKind.KERNEL)).isPositive();
    assertThat(w.holdings().count(PageKind.PAGE_CACHE)).isPositive();
    HoldingsCheck.assertExact(m, w.holdings());
    w.drainAll();
    m.drainAllPages();
    assertThat(w.holdings().count()).isZero();
    assertThat(m.freePages()).isEqualTo(free);
    m.verify();
  }

  @Test
  void holdingsStayExactWhenReclaimTakesPageCacheBack() {
    // 16 MiB filled to the brim with page cache: kswapd and direct reclaim take the oldest back.
    Machine m = Machine.booted(MachineConfig.of(16L << 20, 1).withBoot(BootLayout.none()));
    Map<PageKind, Double> kinds = new EnumMap<>(PageKind.class);
    kinds.put(PageKind.PAGE_CACHE, 0.8);
    kinds.put(PageKind.ANON, 0.1);
    kinds.put(PageKind.KERNEL, 0.1);
    SyntheticConfig c = SyntheticConfig.defaults(m.managedPages())
        .withKindWeights(kinds)
        .withOrderWeights(List.of(0.7, 0.2, 0.1))
        .withOccupancy(1.0)
        .withEventsPerStep(64)
        .withLifetime(new Lifetime(400, 0))
        .withCpuPolicy(CpuPolicy.RANDOM);
    SyntheticWorkload w = new SyntheticWorkload(m, c, 3);
    for (long s = 0; s < 100; s++) {
      w.step(s);
      m.tick();
      if (s % 25 == 0) {
        HoldingsCheck.assertExact(m, w.holdings());
      }
    }
    assertThat(w.holdings().reclaims()).isPositive();
    assertThat(m.stat().pgstealKswapd() + m.stat().pgstealDirect()).isPositive();
    HoldingsCheck.assertExact(m, w.holdings());
    m.compactAll(9);
    HoldingsCheck.assertExact(m, w.holdings());
    m.verify();
  }

  @Test
  void failedAllocationsAreCountedNotThrown() {
    // Unmovable memory that never expires on the smallest machine: nothing can be reclaimed.
    Machine m = Machine.booted(MachineConfig.of(16L << 20, 1).withBoot(BootLayout.none()));
    SyntheticConfig c = SyntheticConfig.defaults(m.managedPages())
        .withKindWeights(Map.of(PageKind.KERNEL, 1.0))
        .withOccupancy(1.0)
        .withEventsPerStep(512)
        .withLifetime(new Lifetime(1, 1.0));
    SyntheticWorkload w = new SyntheticWorkload(m, c, 9);
    Workloads.run(m, w, 20);
    assertThat(w.failures()).isPositive();
    assertThat(w.client().failures(PageKind.KERNEL)).isEqualTo(w.failures());
    assertThat(m.stat().allocFail()).isEqualTo(w.failures());
    assertThat(w.holdings().pages()).isGreaterThan(m.managedPages() * 9 / 10);
    HoldingsCheck.assertExact(m, w.holdings());
    m.verify();
  }

  @Test
  void badConfigsAreRejected() {
    SyntheticConfig d = SyntheticConfig.defaults(1 << 16);
    assertThatThrownBy(() -> d.withOccupancy(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withOccupancy(1.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withEventsPerStep(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withSteps(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withOrderWeights(List.of(-1.0, 2.0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withKindWeights(Map.of())).isInstanceOf(IllegalArgumentException.class);
    Map<PageKind, Double> nullWeight = new HashMap<>();
    nullWeight.put(PageKind.ANON, null);
    assertThatThrownBy(() -> d.withKindWeights(nullWeight)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withLifetime(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCpuPolicy(null)).isInstanceOf(IllegalArgumentException.class);
    List<Double> tooHigh = new ArrayList<>();
    for (int i = 0; i <= 11; i++) {
      tooHigh.add(1.0);
    }
    Machine m = small();
    assertThatThrownBy(() -> new SyntheticWorkload(m, d.withOrderWeights(tooHigh), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("largest order is 10");
  }
}
