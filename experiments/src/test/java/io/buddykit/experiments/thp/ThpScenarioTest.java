package io.buddykit.experiments.thp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.boot.BootLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThpScenarioTest {
  static final Map<String, String> SMALL = Map.of("memoryMiB", "128", "steps", "12", "accesses", "20000",
      "workingSetMiB", "16");
  static final long MIB = 1L << 20;

  @Test
  void aHugePageIsAnOrderNineBlockAlignedTo512Pages() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(false));
    for (int i = 0; i < 10; i++) {
      long pfn = m.allocPages(PageRequest.of(Gfp.GFP_TRANSHUGE_LIGHT, 9).tagged(i + 1));
      assertThat(pfn % 512).isZero();
      assertThat(m.owners().order(pfn)).isEqualTo(9);
      for (long p = pfn; p < pfn + 512; p++) {
        assertThat(m.zoneOf(p).isFree(p)).isFalse();
      }
    }
    // 64 MiB, nothing reserved: 32 pageblocks, 10 taken; the count takes what is whole and free
    // above the low watermark and gives it back.
    long free = HugePages.freePageblocks(m);
    assertThat(free).isEqualTo(22);
    HugePages.Count c = HugePages.count(m);
    assertThat(c.misaligned()).isZero();
    assertThat(c.hugePages()).isBetween(1, 22);
    assertThat(HugePages.freePageblocks(m)).isEqualTo(free);
    m.verify();
  }

  @Test
  void tlbReachIsEntriesTimesPageSize() {
    Tlb tlb = new Tlb(1536, 4096, 2 * MIB);
    assertThat(tlb.baseReach()).isEqualTo(6 * MIB); // 1536 x 4 KiB
    assertThat(tlb.hugeReach()).isEqualTo(3L << 30); // 1536 x 2 MiB
    assertThat(tlb.uniformHitRate(128 * MIB, 4096)).isEqualTo(1536.0 / 32768); // 32768 pages of 128 MiB
    assertThat(tlb.uniformHitRate(128 * MIB, 2 * MIB)).isEqualTo(1.0);
    assertThat(tlb.uniformHitRate(4 * MIB, 4096)).isEqualTo(1.0);
  }

  @Test
  void theSimulatedTlbAgreesWithReachOverWorkingSetForOnePageSize() {
    TlbSimulator sim = new TlbSimulator(new Tlb(1536, 4096, 2 * MIB));
    TlbSimulator.Outcome base = sim.run(128 * MIB, 0, 50_000, 100_000, 1);
    assertThat(base.hitRate()).isCloseTo(1536.0 / 32768, within(0.005));
    assertThat(base.coveredBytes()).isEqualTo(6 * MIB);
    TlbSimulator.Outcome huge = sim.run(128 * MIB, 128 * MIB, 50_000, 100_000, 1);
    assertThat(huge.hitRate()).isEqualTo(1.0); // 64 translations fit
    assertThat(huge.coveredBytes()).isEqualTo(128 * MIB);
    TlbSimulator.Outcome half = sim.run(128 * MIB, 64 * MIB, 50_000, 100_000, 1);
    // Half the accesses hit huge pages (always cached); the base half shares the rest.
    assertThat(half.hitRate()).isGreaterThan(0.5).isLessThan(0.5 + 1536.0 / 16384 / 2 + 0.01);
  }

  @Test
  void compactionNeverLosesHugePagesAndEveryOneIsAligned() {
    ThpScenario s = new ThpScenario();
    Result r = s.run(Params.of(s.params(), SMALL));
    ResultTable t = (ResultTable) r.results().get("availability");
    assertThat(t.rows()).hasSize(4);
    for (String g : List.of("grouping", "noGrouping")) {
      long without = ((Number) r.results().get(g + ".noCompaction.hugePages")).longValue();
      long with = ((Number) r.results().get(g + ".compaction.hugePages")).longValue();
      assertThat(with).as(g).isGreaterThanOrEqualTo(without);
    }
    assertThat(r.results().get("hugePages.misaligned")).isEqualTo(0L);
    assertThat(r.results().get("tlb.baseReachMiB")).isEqualTo(6.0);
    assertThat(r.results().get("tlb.hugeReachMiB")).isEqualTo(3072.0);
    // More huge pages, more of the working set in huge pages, a better hit rate.
    assertThat((Double) r.results().get("grouping.compaction.tlbHitRate"))
        .isGreaterThanOrEqualTo((Double) r.results().get("grouping.noCompaction.tlbHitRate"));
    assertThat(r.series().get("freePageblocks").points()).hasSize(13);
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    ThpScenario s = new ThpScenario();
    Result a = s.run(Params.of(s.params(), SMALL));
    Result b = s.run(Params.of(s.params(), SMALL));
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.series().get("freePageblocks").points()).usingRecursiveComparison()
        .isEqualTo(b.series().get("freePageblocks").points());
  }

  @Test
  void badParametersAreNamed() {
    ThpScenario s = new ThpScenario();
    for (String[] bad : new String[][] {{"memoryMiB", "1"}, {"steps", "0"}, {"tlbEntries", "0"},
        {"workingSetMiB", "0"}, {"accesses", "x"}}) {
      assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of(bad[0], bad[1]))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad[0]);
    }
    assertThatThrownBy(() -> new Tlb(0, 4096, 2 * MIB)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Tlb(8, 4096, 4096)).isInstanceOf(IllegalArgumentException.class);
  }
}
