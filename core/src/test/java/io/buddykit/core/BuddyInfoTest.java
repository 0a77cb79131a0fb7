package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sums over a buddyinfo row, against values worked out by hand. */
class BuddyInfoTest {
  /** nr_free per order 0..4: 3 x 1, 0 x 2, 2 x 4, 1 x 8, 1 x 16 = 3 + 8 + 8 + 16 = 35 units. */
  private static final long[] ROW = {3, 0, 2, 1, 1};

  @Test
  void suitableBlocksSplitTheLargerOnes() {
    assertThat(BuddyInfo.suitableBlocks(ROW, 0)).isEqualTo(35); // every free unit
    assertThat(BuddyInfo.suitableBlocks(ROW, 2)).isEqualTo(2 + 2 + 4); // 4s, an 8 as two, a 16 as four
    assertThat(BuddyInfo.suitableBlocks(ROW, 4)).isEqualTo(1);
    assertThat(BuddyInfo.suitableBlocks(ROW, 5)).isZero(); // past the row
    assertThatThrownBy(() -> BuddyInfo.suitableBlocks(ROW, -1)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void freeUnitsIsTheSuitableOrderZeroBlocks() {
    assertThat(BuddyInfo.freeUnits(ROW)).isEqualTo(35);
  }
}
