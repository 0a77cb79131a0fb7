package io.buddykit.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Before a write counter or the epoch would wrap, the memory re-keys instead of reusing an IV. */
class RekeyTest {
  @Test
  void aCounterAboutToWrapTriggersARekeyAndDataSurvives() {
    EncryptedMemory m = EncryptedMemory.builder(4096).scheme(IvScheme.EPOCH).counterBits(2).seed(5).build();
    long a = m.allocate(64);
    long b = m.allocate(64);
    m.write(b, 0, "keep me".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 10; i++) {
      m.write(a, 0, new byte[] {(byte) i});
    }
    assertThat(m.rekeys()).isPositive();
    assertThat(m.keyId()).isGreaterThan(1);
    assertThat(m.read(a, 0, 1)).containsExactly(9);
    assertThat(new String(m.read(b, 0, 7), StandardCharsets.UTF_8)).isEqualTo("keep me");
    assertThat(m.auditor().reuses()).isZero();
  }

  @Test
  void theEpochAboutToWrapTriggersARekey() {
    EncryptedMemory m = EncryptedMemory.builder(4096).scheme(IvScheme.EPOCH).epochBits(3).seed(5).build();
    long keep = m.allocate(64);
    m.write(keep, 0, new byte[] {42});
    for (int i = 0; i < 20; i++) {
      long x = m.allocate(64);
      m.write(x, 0, new byte[] {1});
      m.free(x);
    }
    assertThat(m.rekeys()).isGreaterThanOrEqualTo(2);
    assertThat(m.read(keep, 0, 1)).containsExactly(42);
    assertThat(m.auditor().reuses()).isZero();
  }

  @Test
  void withoutRekeyingAnAddressSchemeWouldRepeat() {
    // Contrast: the address scheme repeats as soon as a line is reallocated, counters or not.
    EncryptedMemory m = EncryptedMemory.builder(4096).scheme(IvScheme.ADDRESS).seed(5).build();
    for (int i = 0; i < 3; i++) {
      long x = m.allocate(64);
      m.write(x, 0, new byte[] {1});
      m.free(x);
    }
    assertThat(m.auditor().reuses()).isEqualTo(2);
  }

  @Test
  void aRekeyDuringSplitOrAllocateKeepsDataAndNeverRepeatsAnIv() {
    // The reviewer's sequences: epochs run out just as a split or an allocation needs one.
    EncryptedMemory m = EncryptedMemory.builder(4096).scheme(IvScheme.EPOCH).epochBits(3).seed(9).build();
    long a = m.allocate(64);
    long b = m.allocate(64);
    for (int i = 0; i < 3; i++) {
      m.write(b, 0, new byte[] {(byte) i});
    }
    m.free(a);
    m.free(b);
    long big = m.allocate(128);
    m.write(big, 64, new byte[] {7});
    for (int i = 0; i < 4; i++) {
      m.free(m.allocate(64));
    }
    m.split(big); // needs two epochs: re-keys first
    assertThat(m.read(big + 64, 0, 1)).containsExactly(7);
    m.write(big + 64, 0, new byte[] {8});
    assertThat(m.read(big + 64, 0, 1)).containsExactly(8);
    assertThat(m.auditor().reuses()).isZero();
    assertThat(m.rekeys()).isPositive();
  }

  @Test
  void tooFewEpochsForTheLiveBlocksIsRefusedBeforeAnythingChanges() {
    EncryptedMemory m = EncryptedMemory.builder(4096).scheme(IvScheme.EPOCH).epochBits(2).seed(9).build();
    long a = m.allocate(64);
    m.write(a, 0, new byte[] {5});
    long b = m.allocate(64);
    m.write(b, 0, new byte[] {6});
    m.allocate(64); // the third and last epoch a 2-bit epoch has (1..3)
    long live = m.liveBlocks();
    assertThatThrownBy(() -> m.allocate(64)).isInstanceOf(IllegalStateException.class);
    assertThat(m.liveBlocks()).isEqualTo(live);
    assertThat(m.read(a, 0, 1)).containsExactly(5);
    assertThat(m.read(b, 0, 1)).containsExactly(6);
  }

  @Test
  void anOverflowingSpanIsRefused() {
    EncryptedMemory m = EncryptedMemory.builder(4096).seed(1).build();
    long a = m.allocate(64);
    long b = m.allocate(64);
    assertThatThrownBy(() -> m.write(b, Long.MAX_VALUE, new byte[] {9}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.read(b, Long.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(m.read(a, 0, 1)).containsExactly(0);
  }

  @Test
  void badShapesAreRefused() {
    assertThatThrownBy(() -> EncryptedMemory.builder(4096).counterBits(1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptedMemory.builder(4096).epochBits(41).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptedMemory.builder(4096).lineSize(48).build())
        .isInstanceOf(IllegalArgumentException.class);
    EncryptedMemory m = EncryptedMemory.builder(4096).seed(1).build();
    assertThatThrownBy(() -> m.write(64, 0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IvScheme.parse("random")).isInstanceOf(IllegalArgumentException.class);
  }
}
