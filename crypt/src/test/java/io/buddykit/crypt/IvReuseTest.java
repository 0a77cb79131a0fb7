package io.buddykit.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The seed's argument, run: which IV schemes repeat an IV across reallocation. */
class IvReuseTest {
  private static EncryptedMemory memory(IvScheme s) {
    return EncryptedMemory.builder(64 * 1024).scheme(s).seed(1).build();
  }

  /** Allocate a line, write it, free it, allocate it again, write it again. */
  private static long reuseAfterReallocation(IvScheme s) {
    EncryptedMemory m = memory(s);
    long a = m.allocate(64);
    m.write(a, 0, new byte[64]);
    m.free(a);
    long b = m.allocate(64);
    assertThat(b).isEqualTo(a); // the same line, the same order
    m.write(b, 0, new byte[64]);
    return m.auditor().reuses();
  }

  /** A line of an order-1 block, freed; the same line allocated in an order-0 block. */
  private static long reuseAfterSplit(IvScheme s) {
    EncryptedMemory m = memory(s);
    long a = m.allocate(128);
    m.write(a, 0, new byte[64]);
    m.free(a);
    long b = m.allocate(64);
    assertThat(b).isEqualTo(a);
    m.write(b, 0, new byte[64]);
    return m.auditor().reuses();
  }

  @Test
  void addressAloneRepeatsAcrossReallocation() {
    assertThat(reuseAfterReallocation(IvScheme.ADDRESS)).isEqualTo(1);
    assertThat(reuseAfterSplit(IvScheme.ADDRESS)).isEqualTo(1);
  }

  @Test
  void addressAndOrderRepeatWhenTheSameBlockComesBack() {
    assertThat(reuseAfterSplit(IvScheme.ADDRESS_ORDER)).isZero(); // another order: other IVs
    assertThat(reuseAfterReallocation(IvScheme.ADDRESS_ORDER)).isEqualTo(1); // same order: reuse
  }

  @Test
  void theEpochNeverRepeats() {
    assertThat(reuseAfterReallocation(IvScheme.EPOCH)).isZero();
    assertThat(reuseAfterSplit(IvScheme.EPOCH)).isZero();
  }

  @Test
  void theAuditorNamesTheAllocationsBehindAReuse() {
    EncryptedMemory m = memory(IvScheme.ADDRESS);
    long a = m.allocate(64);
    m.write(a, 0, new byte[64]);
    m.free(a);
    m.write(m.allocate(64), 0, new byte[64]);
    IvAuditor.Reuse r = m.auditor().examples().getFirst();
    assertThat(r.first().allocation()).isZero();
    assertThat(r.again().allocation()).isEqualTo(1);
    assertThat(r.first().line()).isEqualTo(r.again().line());
    assertThat(r.toString()).contains("allocation #0", "allocation #1", "line 0");
  }

  @Test
  void noReuseUnderTheEpochSchemeInALongRandomRun() {
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      EncryptedMemory m = EncryptedMemory.builder(16 * 1024).scheme(IvScheme.EPOCH).seed(seed).build();
      List<Long> live = new ArrayList<>();
      for (int step = 0; step < 60_000; step++) {
        int op = r.nextInt(10);
        if (op < 4 && live.size() < 40) {
          try {
            live.add(m.allocate(64L << r.nextInt(4)));
          } catch (RuntimeException full) {
            // out of space: free something next
          }
        } else if (op < 8 && !live.isEmpty()) {
          long a = live.get(r.nextInt(live.size()));
          m.write(a, 0, new byte[64]);
        } else if (op < 9 && !live.isEmpty()) {
          m.free(live.remove(r.nextInt(live.size())));
        } else if (!live.isEmpty()) {
          int i = r.nextInt(live.size());
          long a = live.get(i);
          try {
            m.split(a);
            live.add(a + (m.read(a, 0, 0).length == 0 ? sizeAfterSplit(m, a) : 0));
          } catch (IllegalArgumentException oneLine) {
            // a single line: nothing to split
          }
        }
      }
      assertThat(m.auditor().reuses()).as("seed %d", seed).isZero();
      assertThat(m.auditor().distinct()).isEqualTo(m.encryptions());
    }
  }

  /** The byte size of each half after a split: found by probing the block's readable span. */
  private static long sizeAfterSplit(EncryptedMemory m, long a) {
    long size = 64;
    while (true) {
      try {
        m.read(a, 0, (int) (size * 2));
        size *= 2;
      } catch (IllegalArgumentException e) {
        return size;
      }
    }
  }
}
