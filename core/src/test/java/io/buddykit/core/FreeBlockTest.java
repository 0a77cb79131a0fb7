package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The packed free block, against values worked out by hand. */
class FreeBlockTest {

  @Test
  void packsStartAboveOrder() {
    assertThat(FreeBlock.pack(4, 2)).isEqualTo(0x402); // 4 << 8 | 2
    assertThat(FreeBlock.pack(0, 0)).isZero();
    assertThat(FreeBlock.pack(1L << 40, 62)).isEqualTo(0x1_0000_0000_003eL);
  }

  @Test
  void unpacksStartOrderSizeEnd() {
    long b = FreeBlock.pack(96, 5); // units [96, 128)
    assertThat(FreeBlock.start(b)).isEqualTo(96);
    assertThat(FreeBlock.order(b)).isEqualTo(5);
    assertThat(FreeBlock.size(b)).isEqualTo(32);
    assertThat(FreeBlock.end(b)).isEqualTo(128);
  }

  @Test
  void noneIsBelowEveryBlock() {
    assertThat(FreeBlock.NONE).isEqualTo(-1);
    assertThat(FreeBlock.pack(BuddyAllocator.MAX_UNITS, BuddyAllocator.MAX_ORDER_LIMIT)).isPositive();
  }

  @Test
  void isWhatTheAllocatorAnswers() {
    BuddyAllocator a = BuddyAllocator.create(16, 4);
    a.allocate(0); // [0, 1) live; 1, [2, 4), [4, 8), [8, 16) free
    long b = a.freeBlockContaining(10);
    assertThat(FreeBlock.start(b)).isEqualTo(8);
    assertThat(FreeBlock.order(b)).isEqualTo(3);
    assertThat(a.freeBlockContaining(0)).isEqualTo(FreeBlock.NONE);
  }
}
