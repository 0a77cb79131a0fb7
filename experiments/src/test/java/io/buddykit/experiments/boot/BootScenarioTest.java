package io.buddykit.experiments.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The boot scenario on the 64 MiB machine of sim's BootTest (4 MiB kernel and initrd, memmap,
 * boot page tables, no swiotlb), whose hand derivation gives DMA32's buddyinfo before and after.
 */
class BootScenarioTest {
  private final BootScenario s = new BootScenario();

  private Result run(Map<String, String> given) {
    return s.run(Params.of(s.params(), given));
  }

  private static long num(Result r, String key) {
    return ((Number) r.results().get(key)).longValue();
  }

  private static List<Object> row(ResultTable t, Object... prefix) {
    return t.rows().stream()
        .filter(r -> r.subList(0, prefix.length).equals(List.of(prefix)))
        .findFirst().orElseThrow();
  }

  @Test
  void dma32BuddyinfoBeforeAndAfterTheReleaseAsDerivedByHand() {
    Result r = run(Map.of("memory", "64M")); // auto = BootLayout(true, 4M, 4M, 64, -1, 0) here
    ResultTable info = (ResultTable) r.results().get("buddyinfo");
    assertThat(row(info, 0, "DMA32", "before").subList(3, 14))
        .containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 2L, 2L, 8L);
    assertThat(row(info, 0, "DMA32", "after").subList(3, 14))
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L, 10L);
    // DMA is untouched: nothing was released there. The first 1 MiB is reserved, so its free
    // memory is [256, 4096): 256@256 (o8), 512@512 (o9) and three order-10 blocks.
    assertThat(row(info, 0, "DMA", "after")).isEqualTo(
        List.of(0, "DMA", "after", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L, 3L));
  }

  @Test
  void releaseCountsPiecesMergesAndHugeBlocks() {
    Result r = run(Map.of("memory", "64M"));
    // initrd [15360, 16384) is one o10 piece; page tables [5120, 5152) one o5 piece that merges
    // with o5@5152, o6@5184, o7@5248, o8@5376, o9@5632 into o10@5120: 5 merges.
    assertThat(num(r, "releasedPages")).isEqualTo(1024 + 32);
    assertThat(num(r, "piecesFreed")).isEqualTo(2);
    assertThat(num(r, "merges")).isEqualTo(5);
    // order >= 9 in DMA32: 2 + 8 = 10 blocks before, 1 + 10 = 11 after; pages 9216 -> 10752.
    // The machine's totals add DMA's o9 and three o10.
    assertThat(num(r, "blocksOrder9Up.before")).isEqualTo(10 + 4);
    assertThat(num(r, "blocksOrder9Up.after")).isEqualTo(11 + 4);
    assertThat(num(r, "blocksOrder9Up.gained")).isEqualTo(1);
    assertThat(num(r, "pagesOrder9Up.gained")).isEqualTo(1536);
    assertThat(num(r, "pagesPromotedBeyondReleased")).isEqualTo(32 + 64 + 128 + 256);
    ResultTable coal = (ResultTable) r.results().get("coalescing");
    assertThat(row(coal, 0, "DMA32")).isEqualTo(
        List.of(0, "DMA32", 1056L, 2L, 15L, 12L, 5L, 10L, 11L, 1L, 1L, 9216L, 10752L, 2L, 1L));
    // Had nothing merged, the o5 would sit beside the old o5..o9: one o10 gained instead of two.
    assertThat(row((ResultTable) r.results().get("buddyinfo"), 0, "DMA32", "after, had nothing merged").subList(3, 14))
        .containsExactly(0L, 0L, 0L, 0L, 0L, 2L, 1L, 1L, 2L, 2L, 9L);
    assertThat(num(r, "maxOrderBlocks.gained")).isEqualTo(2);
    assertThat(num(r, "maxOrderBlocks.gainedWithoutMerging")).isEqualTo(1);
    ResultTable became = (ResultTable) r.results().get("released");
    assertThat(row(became, "boot page tables")).isEqualTo(List.of("boot page tables", 5120L, 32L, "1 x o5", "1 x o10", 1024L));
    assertThat(row(became, "initrd")).isEqualTo(List.of("initrd", 15360L, 1024L, "1 x o10", "1 x o10", 1024L));
  }

  @Test
  void reservationsTableNamesEveryMemblockReservation() {
    Result r = run(Map.of("memory", "64M"));
    ResultTable t = (ResultTable) r.results().get("reservations");
    assertThat(t.rows()).extracting(row -> row.get(0))
        .containsExactly("first 1 MiB", "kernel", "boot page tables", "memmap 0", "initrd");
    assertThat(row(t, "kernel")).isEqualTo(List.of("kernel", 0, 4096L, 5120L, 1024L, 4096L, "DMA32", "no"));
    assertThat(row(t, "initrd")).isEqualTo(List.of("initrd", 0, 15360L, 16384L, 1024L, 4096L, "DMA32", "yes"));
    // The first 1 MiB holds the RAM pages [1, 160): 159.
    assertThat(num(r, "reservedAtBootPages")).isEqualTo(159 + 1024 + 32 + 256 + 1024);
  }

  @Test
  void aLargerInitrdIsReleasedAsMoreMaxOrderBlocks() {
    Result r = run(Map.of("memory", "64M", "initrd", "8M"));
    // 2048 pages top-down [14336, 16384): two o10 pieces, nothing to merge with at max order.
    ResultTable became = (ResultTable) r.results().get("released");
    assertThat(row(became, "initrd")).isEqualTo(List.of("initrd", 14336L, 2048L, "2 x o10", "2 x o10", 2048L));
  }

  @Test
  void theSameParametersGiveTheSameResult() {
    assertThat(run(Map.of("memory", "256M", "nodes", "2"))).isEqualTo(run(Map.of("memory", "256M", "nodes", "2")));
  }

  @Test
  void badParametersAreNamed() {
    assertThatThrownBy(() -> run(Map.of("memory", "lots"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory");
    assertThatThrownBy(() -> run(Map.of("memory", "1M"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory");
    assertThatThrownBy(() -> run(Map.of("nodes", "0"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes");
    assertThatThrownBy(() -> run(Map.of("memory", "64M", "initrd", "60M"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initrd");
    assertThatThrownBy(() -> run(Map.of("kernel", "-4M"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernel");
  }
}
