package io.buddykit.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tampering, splicing and replay fail authentication; honest data reads back. */
class IntegrityTest {
  private static final byte[] HELLO = "hello, encrypted world".getBytes(StandardCharsets.UTF_8);

  private static EncryptedMemory memory() {
    return EncryptedMemory.builder(64 * 1024).scheme(IvScheme.EPOCH).seed(7).build();
  }

  @Test
  void dataReadsBackAcrossLines() {
    EncryptedMemory m = memory();
    long a = m.allocate(256);
    byte[] big = new byte[200];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    m.write(a, 30, big); // spans four lines, partial at both ends
    assertThat(m.read(a, 30, 200)).isEqualTo(big);
    assertThat(m.read(a, 0, 30)).containsOnly(0);
    m.write(a, 100, HELLO);
    assertThat(new String(m.read(a, 100, HELLO.length), StandardCharsets.UTF_8)).isEqualTo("hello, encrypted world");
    assertThatThrownBy(() -> m.read(a, 250, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFlippedBitIsCaught() {
    EncryptedMemory m = memory();
    long a = m.allocate(128);
    m.write(a, 64, HELLO);
    m.untrusted().flip(a + 70, 3);
    assertThatThrownBy(() -> m.read(a, 64, 8))
        .isInstanceOf(IntegrityViolation.class)
        .hasMessageContaining("0x" + Long.toHexString(a + 64))
        .satisfies(e -> assertThat(((IntegrityViolation) e).address()).isEqualTo(a + 64));
    assertThat(m.read(a, 0, 8)).containsOnly(0); // other lines unharmed
  }

  @Test
  void ciphertextSplicedFromAnotherLineOrBlockIsCaught() {
    EncryptedMemory m = memory();
    long a = m.allocate(128);
    long b = m.allocate(128);
    m.write(a, 0, HELLO);
    m.write(a, 64, HELLO);
    m.write(b, 0, HELLO);
    m.untrusted().put(a + 64, m.untrusted().line(a)); // same data, other line
    assertThatThrownBy(() -> m.read(a, 64, 4)).isInstanceOf(IntegrityViolation.class);
    m.untrusted().put(b, m.untrusted().line(a)); // other block
    assertThatThrownBy(() -> m.read(b, 0, 4)).isInstanceOf(IntegrityViolation.class);
  }

  @Test
  void anOlderWriteReplayedIsCaught() {
    EncryptedMemory m = memory();
    long a = m.allocate(64);
    m.write(a, 0, "balance: 100".getBytes(StandardCharsets.UTF_8));
    byte[] old = m.untrusted().line(a);
    m.write(a, 0, "balance: 0  ".getBytes(StandardCharsets.UTF_8));
    m.untrusted().put(a, old);
    assertThatThrownBy(() -> m.read(a, 0, 12)).isInstanceOf(IntegrityViolation.class);
  }

  @Test
  void aLineReplayedFromAnEarlierAllocationIsCaught() {
    for (IvScheme s : IvScheme.values()) {
      EncryptedMemory m = EncryptedMemory.builder(4096).scheme(s).seed(3).build();
      long a = m.allocate(64);
      m.write(a, 0, HELLO);
      byte[] old = m.untrusted().line(a);
      m.free(a);
      long b = m.allocate(64);
      m.write(b, 0, HELLO); // same line, same counter: only the epoch in the AAD differs
      m.untrusted().put(b, old);
      assertThatThrownBy(() -> m.read(b, 0, 4)).as(s.label()).isInstanceOf(IntegrityViolation.class);
    }
  }

  @Test
  void splitBlocksKeepTheirData() {
    EncryptedMemory m = memory();
    long a = m.allocate(256);
    m.write(a, 0, HELLO);
    m.write(a, 128, HELLO);
    m.split(a);
    assertThat(m.read(a, 0, HELLO.length)).isEqualTo(HELLO);
    assertThat(m.read(a + 128, 0, HELLO.length)).isEqualTo(HELLO);
    assertThat(m.auditor().reuses()).isZero();
  }
}
