package io.buddykit.experiments.dma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.ZoneType;
import io.buddykit.sim.boot.BootLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmaScenarioTest {
  static final Map<String, String> SMALL = Map.of("memoryMiB", "64", "steps", "12", "every", "4", "tries", "32",
      "groups", "8");

  @Test
  void aDmaBufferIsSixteenContiguousNaturallyAlignedPagesBelowFourGib() {
    // 6 GiB: a Normal zone above 4 GiB that a plain GFP_KERNEL request would use first.
    Machine m = Machine.booted(MachineConfig.of(6L << 30, 1).withPerCpuLists(false));
    DmaProbe probe = new DmaProbe(m, 4);
    assertThat(probe.limitPfn()).isEqualTo(1L << 20); // 4 GiB / 4 KiB
    for (int i = 0; i < 300; i++) {
      DmaBuffer b = probe.allocate(i % 2 == 0 ? DmaProbe.NO_COMPACTION : DmaProbe.COMPACTION);
      assertThat(b).isNotNull();
      assertThat(b.pages()).isEqualTo(16);
      assertThat(b.pfn() % 16).isZero(); // 64 KiB aligned
      assertThat(b.pfn() + 16).isLessThanOrEqualTo(1L << 20);
      assertThat(m.zoneOf(b.pfn()).type().ordinal()).isLessThanOrEqualTo(ZoneType.DMA32.ordinal());
      assertThat(m.owners().order(b.pfn())).isEqualTo(4);
      for (long p = b.pfn(); p < b.endPfn(); p++) {
        assertThat(m.zoneOf(p).isFree(p)).as("page %d of the buffer is held", p).isFalse();
      }
    }
    assertThat(probe.misplaced()).isZero();
    assertThat(m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 4).tagged(1))).isGreaterThanOrEqualTo(1L << 20);
    m.verify();
  }

  @Test
  void theSlabRefusesAnythingLargerThanAPage() {
    Machine m = Machine.booted(MachineConfig.of(16L << 20, 1).withBoot(BootLayout.none()));
    SlabAllocator slab = new SlabAllocator(m, DmaProbe.COMPACTION, 0, 7);
    assertThat(slab.maxObjectBytes()).isEqualTo(4096);
    long page = slab.allocate(4096);
    assertThat(page % 4096).isZero();
    assertThatThrownBy(() -> slab.allocate(4097)).isInstanceOf(ObjectTooLargeException.class)
        .hasMessageContaining("4096");
    assertThatThrownBy(() -> slab.allocate(64 << 10)).isInstanceOf(ObjectTooLargeException.class);
    assertThat(slab.refusals()).isEqualTo(2);
    // Two 2 KiB objects share one slab page; a third needs another page.
    long a = slab.allocate(2000);
    long b = slab.allocate(2048);
    assertThat(b - a).isEqualTo(2048);
    assertThat(a >>> 12).isEqualTo(b >>> 12);
    assertThat(slab.pages()).isEqualTo(2);
    slab.allocate(1500);
    assertThat(slab.pages()).isEqualTo(3);
    slab.free(page);
    assertThat(slab.pages()).isEqualTo(2);
    assertThatThrownBy(() -> slab.free(page)).isInstanceOf(IllegalArgumentException.class);
    m.verify();
  }

  @Test
  void contiguityIsJudgedOnSortedPfns() {
    assertThat(Contiguity.consecutive(5, 3, 4, 6)).isTrue();
    assertThat(Contiguity.consecutive(3, 4, 6, 7)).isFalse();
    assertThat(Contiguity.consecutive(3, 3, 4, 5)).isFalse();
    assertThat(Contiguity.consecutiveAndAligned(4, 5, 6, 7)).isTrue();
    assertThat(Contiguity.consecutiveAndAligned(5, 6, 7, 8)).isFalse();
  }

  @Test
  void compactionNeverDoesWorseThanWithoutOnTheSameAgedState() {
    DmaScenario s = new DmaScenario();
    Result r = s.run(Params.of(s.params(), SMALL));
    ResultTable t = (ResultTable) r.results().get("checkpoints");
    assertThat(t.rows()).hasSize(4); // boot, steps 4, 8, 12
    for (List<Object> row : t.rows()) {
      int without = (Integer) row.get(4);
      int with = (Integer) row.get(5);
      assertThat(without).isBetween(0, 32);
      assertThat(with).isBetween(without, 32);
    }
    assertThat(r.results().get("slab.refusedBufferRequests")).isEqualTo(1L);
    assertThat(r.results().get("buffers.misplaced")).isEqualTo(0L);
    assertThat((Long) r.results().get("buffers.obtained")).isPositive();
    for (String k : List.of("aged.noCompactionRate", "aged.compactionRate", "aged.slabContiguousShare")) {
      assertThat((Double) r.results().get(k)).as(k).isBetween(0.0, 1.0);
    }
    // A fresh machine splits big free blocks: single pages come out in runs.
    assertThat((Double) r.results().get("fresh.slabContiguousShare")).isEqualTo(1.0);
    assertThat((Double) r.results().get("fresh.noCompactionRate")).isEqualTo(1.0);
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    DmaScenario s = new DmaScenario();
    Result a = s.run(Params.of(s.params(), SMALL));
    Result b = s.run(Params.of(s.params(), SMALL));
    assertThat(a.results()).isEqualTo(b.results());
    assertThat(a.series().get("rates").points()).usingRecursiveComparison()
        .isEqualTo(b.series().get("rates").points());
  }

  @Test
  void badParametersAreNamed() {
    DmaScenario s = new DmaScenario();
    assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of("bufferKiB", "48"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bufferKiB");
    assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of("tries", "0"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tries");
    assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of("memoryMiB", "8"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryMiB");
    assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of("every", "0"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every");
  }
}
