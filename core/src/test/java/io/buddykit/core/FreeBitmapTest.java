package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hierarchical bitmap against java.util.BitSet on random operations. */
class FreeBitmapTest {

  @Test
  void agreesWithBitSet() {
    SplittableRandom seeds = new SplittableRandom(42);
    for (int round = 0; round < 40; round++) {
      long seed = seeds.nextLong();
      SplittableRandom r = new SplittableRandom(seed);
      int n = r.nextBoolean() ? r.nextInt(1, 200) : r.nextInt(1, 300_000);
      FreeBitmap bits = new FreeBitmap(n);
      BitSet ref = new BitSet(n);
      for (int step = 0; step < 3000; step++) {
        int i = r.nextInt(n);
        if (ref.get(i)) {
          bits.clear(i);
          ref.clear(i);
        } else {
          bits.set(i);
          ref.set(i);
        }
        assertThat(bits.get(i)).as("seed %d", seed).isEqualTo(ref.get(i));
        assertThat(bits.first()).as("seed %d", seed).isEqualTo(ref.isEmpty() ? -1 : ref.nextSetBit(0));
        int from = r.nextInt(n + 2);
        int expected = from >= n ? -1 : ref.nextSetBit(from);
        assertThat(bits.next(from)).as("seed %d from %d", seed, from).isEqualTo(expected);
        assertThat(bits.count).isEqualTo(ref.cardinality());
      }
      bits.verify("round " + round);
    }
  }

  @Test
  void emptyAndFullBitmaps() {
    FreeBitmap b = new FreeBitmap(4096 * 64 + 1);
    assertThat(b.first()).isEqualTo(-1);
    assertThat(b.next(0)).isEqualTo(-1);
    b.set(4096 * 64);
    assertThat(b.first()).isEqualTo(4096 * 64);
    assertThat(b.next(5)).isEqualTo(4096 * 64);
    b.clear(4096 * 64);
    assertThat(b.first()).isEqualTo(-1);
    b.verify("empty");
  }
}
