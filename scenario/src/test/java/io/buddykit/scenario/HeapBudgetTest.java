package io.buddykit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 19 item 4: a run the heap cannot hold is refused before it allocates, naming the need and the heap. */
class HeapBudgetTest {
  @Test
  void aNeedWithinTheHeapPassesAndOneAboveItIsRefusedWithBothFigures() {
    long heap = HeapBudget.heapBytes();
    HeapBudget.require("--memory 1M", heap);
    assertThatThrownBy(() -> HeapBudget.require("--memory 4T", heap + 1))
        .isInstanceOf(HeapBudget.TooSmall.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--memory 4T needs about " + Sizes.format(Math.ceilDiv(heap + 1, 1L << 20) << 20)
            + " of Java heap, more than the ")
        .hasMessageEndingWith(" this JVM has (raise it with JAVA_TOOL_OPTIONS=-Xmx<size>)");
  }

  @Test
  void theNeedIsRoundedUpToWholeMebibytes() {
    // 3 GiB + 1 byte is shown as 3073 MiB, the next whole mebibyte.
    assertThatThrownBy(() -> HeapBudget.require("x", Long.MAX_VALUE / 2))
        .isInstanceOfSatisfying(HeapBudget.TooSmall.class, e -> {
          assertThat(e.needBytes()).isEqualTo(Long.MAX_VALUE / 2);
          assertThat(e.heapBytes()).isEqualTo(HeapBudget.heapBytes());
        });
    assertThat(new HeapBudget.TooSmall("x", (3L << 30) + 1, 1L << 30).getMessage())
        .isEqualTo("x needs about 3073 MiB of Java heap, more than the 1 GiB this JVM has"
            + " (raise it with JAVA_TOOL_OPTIONS=-Xmx<size>)");
  }

  @Test
  void timesSaturatesInsteadOfOverflowing() {
    assertThat(HeapBudget.times(1L << 30, 40)).isEqualTo(40L << 30);
    assertThat(HeapBudget.times(1L << 60, 64)).isEqualTo(Long.MAX_VALUE);
    assertThat(HeapBudget.times(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE);
    assertThat(HeapBudget.times(0, 64)).isZero();
  }
}
