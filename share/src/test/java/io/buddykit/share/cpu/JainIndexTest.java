package io.buddykit.share.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JainIndexTest {

  @Test
  void allEqualIsOne() {
    assertThat(JainIndex.of(0.5, 0.5, 0.5, 0.5)).isEqualTo(1.0);
    assertThat(JainIndex.of(1)).isEqualTo(1.0);
    assertThat(JainIndex.of(0, 0, 0)).isEqualTo(1.0);
  }

  @Test
  void oneOfNServedIsOneOverN() {
    assertThat(JainIndex.of(1, 0, 0, 0)).isEqualTo(0.25);
    assertThat(JainIndex.of(0, 0, 7, 0, 0)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void handComputedMixedCase() {
    // x = 1, 0.5, 0.25, 0.25: sum 2, sum of squares 1 + 0.25 + 0.0625 + 0.0625 = 1.375
    // J = 4 / (4 * 1.375) = 8/11
    assertThat(JainIndex.of(1, 0.5, 0.25, 0.25)).isCloseTo(8.0 / 11, within(1e-12));
    // x = 1, 2, 3: 36 / (3 * 14) = 6/7
    assertThat(JainIndex.of(1, 2, 3)).isCloseTo(6.0 / 7, within(1e-12));
  }

  @Test
  void receivedOverRequestedSkipsClientsThatAskedNothing() {
    // x = 4/4, 2/4, 0/8 (the fourth asked nothing): sum 1.5, squares 1.25, J = 2.25 / 3.75 = 0.6
    assertThat(JainIndex.ofReceived(new long[] {4, 2, 0, 0}, new long[] {4, 4, 8, 0}))
        .isCloseTo(0.6, within(1e-12));
    assertThat(JainIndex.ofReceived(new long[] {0}, new long[] {0})).isEqualTo(1.0);
  }

  @Test
  void refusesBadShares() {
    assertThatThrownBy(JainIndex::of).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JainIndex.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JainIndex.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
