package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Linux's fragmentation statistics, checked against values computed by hand. */
class FragmentationTest {

  @Test
  void fragmentationIndexFollowsVmstat() {
    // 8 free order-0 blocks, nothing larger: 8 pages in 8 blocks.
    long[] nr = {8, 0, 0, 0};
    // order 0: a suitable block exists.
    assertThat(Fragmentation.fragmentationIndex(nr, 0)).isEqualTo(-1000);
    // order 1: 1000 - (1000 + 8*1000/2) / 8 = 1000 - 5000/8 = 1000 - 625 = 375
    assertThat(Fragmentation.fragmentationIndex(nr, 1)).isEqualTo(375);
    // order 3: 1000 - (1000 + 8000/8) / 8 = 1000 - 250 = 750
    assertThat(Fragmentation.fragmentationIndex(nr, 3)).isEqualTo(750);
    // nothing free: 0
    assertThat(Fragmentation.fragmentationIndex(new long[4], 2)).isZero();
  }

  @Test
  void fragmentationIndexUsesIntegerDivisionLikeTheKernel() {
    // 3 order-0 + 1 order-1 = 5 pages in 4 blocks; order 2: 1000 - (1000 + 5000/4) / 4
    // = 1000 - (1000 + 1250) / 4 = 1000 - 562 = 438 (2250 / 4 = 562.5 truncated)
    long[] nr = {3, 1, 0};
    assertThat(Fragmentation.fragmentationIndex(nr, 2)).isEqualTo(438);
  }

  @Test
  void unusableFreeIndexFollowsVmstat() {
    long[] nr = {3, 1, 0}; // 5 free pages
    assertThat(Fragmentation.unusableFreeIndex(nr, 0)).isZero();
    // order 1: suitable blocks 1, usable pages 2: (5 - 2) * 1000 / 5 = 600
    assertThat(Fragmentation.unusableFreeIndex(nr, 1)).isEqualTo(600);
    assertThat(Fragmentation.unusableFreeIndex(nr, 2)).isEqualTo(1000);
    assertThat(Fragmentation.unusableFreeIndex(new long[3], 0)).isEqualTo(1000);
    // 16 free order-0 pages: none of them serves order 4
    long[] many = {16, 0, 0, 0, 0};
    assertThat(Fragmentation.unusableFreeIndex(many, 4)).isEqualTo(1000);
    // (15 - 8) * 1000 / 15 = 466
    long[] mixed = {7, 0, 0, 1};
    assertThat(Fragmentation.unusableFreeIndex(mixed, 1)).isEqualTo(466);
  }

  @Test
  void printsAsDebugfs() {
    assertThat(Fragmentation.format(-1000)).isEqualTo("-1.000");
    assertThat(Fragmentation.format(937)).isEqualTo("0.937");
    assertThat(Fragmentation.format(1000)).isEqualTo("1.000");
    assertThat(Fragmentation.format(5)).isEqualTo("0.005");
    // One free order-8 block asked for order 9: 1000 - (1000 + 256 * 1000 / 512) / 1 = -500,
    // which C's "%d.%03d" of -500 / 1000 and -500 % 1000 prints as "0.-500".
    assertThat(Fragmentation.fragmentationIndex(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, 9)).isEqualTo(-500);
    assertThat(Fragmentation.format(-500)).isEqualTo("0.-500");
    long[] nr = {8, 0};
    assertThat(Fragmentation.extfragLine(0, "Normal", nr))
        .isEqualTo("Node 0, zone   Normal -1.000  0.375 ");
    assertThat(Fragmentation.unusableLine(0, "DMA", nr))
        .isEqualTo("Node 0, zone      DMA 0.000 1.000 ");
  }

  @Test
  void buddyInfoLineMatchesProcFormat() {
    assertThat(BuddyInfo.line(0, "Normal", new long[] {1, 0, 12, 345}))
        .isEqualTo("Node 0, zone   Normal      1      0     12    345 ");
    assertThat(BuddyInfo.freeUnits(new long[] {1, 0, 12, 345})).isEqualTo(1 + 48 + 345 * 8);
  }

  @Test
  void statisticsOfALiveAllocator() {
    BuddyAllocator a = BuddyAllocator.create(16, 4);
    // Take every other unit: 8 free order-0 blocks remain.
    for (int i = 0; i < 16; i++) {
      a.allocate(0);
    }
    for (int i = 0; i < 16; i += 2) {
      a.free(i);
    }
    assertThat(a.buddyInfo()).containsExactly(8, 0, 0, 0, 0);
    assertThat(Fragmentation.fragmentationIndex(a.buddyInfo(), 1)).isEqualTo(375);
    assertThat(Fragmentation.unusableFreeIndex(a.buddyInfo(), 1)).isEqualTo(1000);
    assertThat(a.largestFreeOrder()).isZero();
  }
}
