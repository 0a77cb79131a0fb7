package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The maximal aligned decomposition of a range, against blocks worked out by hand. */
class AlignedBlocksTest {

  private static List<String> blocks(long start, long end, int maxOrder) {
    List<String> out = new ArrayList<>();
    AlignedBlocks.forEach(start, end, maxOrder, (s, order) -> out.add(s + "/" + order));
    return out;
  }

  @Test
  void growsWithAlignmentThenShrinksToFit() {
    // 3 | 4 5 6 7 | 8 9 10 11 | 12 | : aligned up to 8, then what is left of [8, 13)
    assertThat(blocks(3, 13, 10)).containsExactly("3/0", "4/2", "8/2", "12/0");
  }

  @Test
  void capsAtMaxOrder() {
    assertThat(blocks(0, 40, 3)).containsExactly("0/3", "8/3", "16/3", "24/3", "32/3");
    assertThat(blocks(0, 40, 10)).containsExactly("0/5", "32/3");
  }

  @Test
  void anEmptyRangeHasNoBlocks() {
    assertThat(blocks(5, 5, 10)).isEmpty();
    assertThat(blocks(6, 5, 10)).isEmpty();
  }

  @Test
  void orderAtIsTheFirstBlock() {
    assertThat(AlignedBlocks.orderAt(0, 1L << 40, 62)).isEqualTo(40);
    assertThat(AlignedBlocks.orderAt(0, 7, 62)).isEqualTo(2);
    assertThat(AlignedBlocks.orderAt(96, 1000, 10)).isEqualTo(5);
    assertThat(AlignedBlocks.orderAt(96, 100, 10)).isEqualTo(2);
    assertThat(AlignedBlocks.orderAt(97, 1000, 10)).isZero();
  }

  @Test
  void isHowTheAllocatorFreesARange() {
    BuddyAllocator a = BuddyAllocator.create(16, 4);
    a.reserve(0, 16);
    a.release(3, 10); // [3, 13): 3/0, 4/2, 8/2, 12/0, nothing to merge with
    assertThat(a.buddyInfo()).containsExactly(2, 0, 2, 0, 0);
  }
}
