package io.buddykit.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The device model's own rules: what a cut program or erase leaves, and what NAND refuses. */
class NandTest {
  private static final int PPB = 4;

  @Test
  void aProgramCutBeforeItLeavesThePageErased() {
    Nand n = new Nand(16, PPB, 1);
    n.failAfter(1, PowerCut.BEFORE);
    assertThatThrownBy(() -> n.program(1, 1, 3, 1, 77)).isInstanceOf(PowerLoss.class)
        .hasMessageContaining("before the program of page 1 of block 1");
    assertThat(n.read(PPB + 1)).isEqualTo(Nand.Read.ERASED);
    n.program(1, 1, 3, 1, 77); // the page can still be programmed
    assertThat(n.read(PPB + 1)).isEqualTo(Nand.Read.GOOD);
    assertThat(n.data(5)).isEqualTo(77);
  }

  @Test
  void aTornPageReadsUncorrectableAndCannotBeProgrammedAgain() {
    for (long seed = 0; seed < 200; seed++) {
      Nand n = new Nand(16, PPB, seed);
      n.program(1, 0, 9, 1, 1234);
      n.failAfter(1, PowerCut.DURING);
      assertThatThrownBy(() -> n.program(1, 1, 9, 2, 5678)).isInstanceOf(PowerLoss.class)
          .hasMessageContaining("during the program of page 1 of block 1");
      assertThat(n.read(PPB + 1)).as("seed %d", seed).isEqualTo(Nand.Read.UNCORRECTABLE);
      assertThat(n.read(PPB)).isEqualTo(Nand.Read.GOOD); // the page before is untouched
      assertThatThrownBy(() -> n.program(1, 1, 9, 3, 5678)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not erased");
      n.erase(1);
      assertThat(n.read(PPB + 1)).isEqualTo(Nand.Read.ERASED);
      assertThat(n.eraseCount(1)).isEqualTo(1);
    }
  }

  @Test
  void aPartiallyErasedBlockLosesItsEraseHeaderAndCountsAsAnErase() {
    int[] seen = new int[3];
    for (long seed = 0; seed < 100; seed++) {
      Nand n = new Nand(16, PPB, seed);
      for (int p = 0; p < PPB; p++) {
        n.program(2, p, p, p + 1, 100 + p);
      }
      n.erase(2); // erase count 1
      for (int p = 0; p < PPB; p++) {
        n.program(2, p, p, 10 + p, 200 + p);
      }
      n.failAfter(1, PowerCut.DURING);
      assertThatThrownBy(() -> n.erase(2)).isInstanceOf(PowerLoss.class)
          .hasMessageContaining("during the erase of block 2");
      assertThat(n.eraseCompleted(2)).isFalse();
      assertThat(n.eraseCount(2)).as("1 complete erase + 1 cut").isEqualTo(2);
      for (int p = 0; p < PPB; p++) {
        Nand.Read r = n.read(2 * PPB + p);
        seen[r.ordinal()]++;
        if (r == Nand.Read.GOOD) {
          assertThat(n.data(2 * PPB + p)).as("a page that held keeps its old data").isEqualTo(200 + p);
        }
      }
      // NAND will not program a block whose erase did not complete, even a page that reads erased.
      assertThatThrownBy(() -> n.program(2, 0, 0, 99, 1)).isInstanceOf(IllegalStateException.class);
      n.erase(2);
      assertThat(n.eraseCompleted(2)).isTrue();
      assertThat(n.eraseCount(2)).isEqualTo(3);
      for (int p = 0; p < PPB; p++) {
        assertThat(n.read(2 * PPB + p)).isEqualTo(Nand.Read.ERASED);
      }
      assertThat(n.eraseCompleted(1)).as("other blocks untouched").isTrue();
    }
    assertThat(seen).as("erased, held and uncorrectable pages all occur").doesNotContain(0);
  }

  @Test
  void theCheckWordIsNeverTheErasedMarkAndAnArmedCutNeedsAPlace() {
    assertThat(Nand.checkWord(-1, 0, 0)).isNotZero();
    assertThat(Nand.checkWord(0, 0, 0)).isNotZero();
    Nand n = new Nand(16, PPB, 0);
    assertThatThrownBy(() -> n.failAfter(0, PowerCut.BEFORE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> n.failAfter(1, null)).isInstanceOf(IllegalArgumentException.class);
    n.failAfter(2, PowerCut.DURING); // the second operation, not the first
    n.program(0, 0, 1, 1, 1);
    assertThatThrownBy(() -> n.erase(3)).isInstanceOf(PowerLoss.class);
    n.erase(3); // disarmed after it fired
    assertThat(n.eraseCount(3)).isEqualTo(2);
  }
}
