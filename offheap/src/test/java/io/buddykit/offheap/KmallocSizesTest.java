package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** kmalloc's size classes, as /proc/slabinfo lists the kmalloc-* caches of a 4 KiB-page kernel. */
class KmallocSizesTest {

  @Test
  void powersOfTwoWith96And192() {
    assertThat(KmallocSizes.upTo(4096)).containsExactly(8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096);
    assertThat(KmallocSizes.upTo(100)).containsExactly(8, 16, 32, 64, 96);
    assertThat(KmallocSizes.upTo(8)).containsExactly(8);
    assertThatThrownBy(() -> KmallocSizes.upTo(7)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void indexOfIsTheSmallestClassThatHolds() {
    long[] classes = KmallocSizes.upTo(4096);
    assertThat(KmallocSizes.indexOf(classes, 1)).isZero(); // kmalloc-8
    assertThat(KmallocSizes.indexOf(classes, 65)).isEqualTo(4); // kmalloc-96
    assertThat(KmallocSizes.indexOf(classes, 97)).isEqualTo(5); // kmalloc-128
    assertThat(KmallocSizes.indexOf(classes, 4096)).isEqualTo(11);
    assertThat(KmallocSizes.indexOf(classes, 4097)).isEqualTo(-1);
  }
}
