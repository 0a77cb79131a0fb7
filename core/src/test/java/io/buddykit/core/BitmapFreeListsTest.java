package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hierarchical bitmaps, eager and lazy clears mixed, against java.util.BitSet. */
class BitmapFreeListsTest {

  @Test
  void settingAFreeBitOrClearingAClearOneIsAssertedAgainst() { // surefire runs with -ea
    BitmapFreeLists lists = new BitmapFreeLists(1, new long[] {64, 32});
    lists.set(0, 1, 5);
    assertThatThrownBy(() -> lists.set(0, 1, 5)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> lists.clear(0, 0, 5)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> lists.clearLazily(0, 0, 7)).isInstanceOf(AssertionError.class);
    assertThat(lists.count(0, 1)).isEqualTo(1);
  }

  @Test
  void agreesWithBitSet() {
    SplittableRandom seeds = new SplittableRandom(42);
    for (int round = 0; round < 30; round++) {
      long seed = seeds.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int classes = r.nextInt(1, 3);
      long[] blocks = {r.nextBoolean() ? r.nextInt(1, 200) : r.nextInt(1, 300_000), r.nextInt(1, 5000), 1};
      BitmapFreeLists lists = new BitmapFreeLists(classes, blocks);
      int nlists = classes * blocks.length;
      BitSet[] ref = new BitSet[nlists];
      for (int l = 0; l < nlists; l++) {
        ref[l] = new BitSet();
      }
      for (int step = 0; step < 3000; step++) {
        int l = r.nextInt(nlists);
        int cls = l / blocks.length;
        int order = l % blocks.length;
        int n = (int) blocks[order];
        int i = r.nextInt(n);
        if (ref[l].get(i)) {
          if (r.nextBoolean()) {
            lists.clear(cls, order, i);
          } else {
            lists.clearLazily(cls, order, i); // leaves stale summary bits for firstIndex() to repair
          }
          ref[l].clear(i);
        } else {
          lists.set(cls, order, i);
          ref[l].set(i);
        }
        String at = "seed " + seed + " list " + l;
        assertThat(lists.get(cls, order, i)).as(at).isEqualTo(ref[l].get(i));
        assertThat(lists.firstIndex(cls, order)).as(at).isEqualTo(ref[l].isEmpty() ? -1 : ref[l].nextSetBit(0));
        int from = r.nextInt(n + 2);
        assertThat(lists.nextIndex(cls, order, from)).as(at + " from " + from)
            .isEqualTo(from >= n ? -1 : ref[l].nextSetBit(from));
        assertThat(lists.count(cls, order)).as(at).isEqualTo(ref[l].cardinality());
        int atLeast = r.nextInt(blocks.length);
        int expected = -1;
        for (int k = blocks.length - 1; k >= atLeast; k--) {
          expected = ref[cls * blocks.length + k].isEmpty() ? expected : k;
        }
        assertThat(lists.lowestNonEmpty(cls, atLeast)).as(at).isEqualTo(expected);
      }
      for (int l = 0; l < nlists; l++) {
        lists.verify(l / blocks.length, l % blocks.length, "round " + round + " list " + l);
      }
    }
  }

  @Test
  void emptyAndFullBitmaps() {
    BitmapFreeLists b = new BitmapFreeLists(1, new long[] {4096 * 64 + 1});
    assertThat(b.firstIndex(0, 0)).isEqualTo(-1);
    assertThat(b.nextIndex(0, 0, 0)).isEqualTo(-1);
    assertThat(b.lowestNonEmpty(0, 0)).isEqualTo(-1);
    b.set(0, 0, 4096 * 64);
    assertThat(b.firstIndex(0, 0)).isEqualTo(4096 * 64);
    assertThat(b.nextIndex(0, 0, 5)).isEqualTo(4096 * 64);
    assertThat(b.lowestNonEmpty(0, 0)).isZero();
    b.clear(0, 0, 4096 * 64);
    assertThat(b.firstIndex(0, 0)).isEqualTo(-1);
    b.verify(0, 0, "empty");
  }
}
