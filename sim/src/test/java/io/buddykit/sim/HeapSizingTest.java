package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.replay.HeapReplay;
import org.junit.jupiter.api.Test;

/** Issue 19 item 4: the engine sizes its heap from the machine before it allocates any of it. */
class HeapSizingTest {
  @Test
  void aMachineNeedsFortyBytesOfHeapPerPageFrame() {
    // 4 GiB of 4 KiB pages is 2^20 page frames: 40 MiB of heap.
    assertThat(MachineConfig.of(4L << 30, 1).heapBytes()).isEqualTo(40L << 20);
    assertThat(MachineConfig.of(4L << 30, 2).totalBytes()).isEqualTo(4L << 30);
  }

  @Test
  void aMachineTheHeapCannotHoldIsRefusedBeforeBoot() {
    // 4 TiB is 2^30 page frames: 40 GiB, above any heap the tests run with.
    assertThatThrownBy(() -> Machine.boot(MachineConfig.of(4L << 40, 1)))
        .isInstanceOf(HeapBudget.TooSmall.class)
        .hasMessageStartingWith("a machine of 4 TiB needs about 40 GiB of Java heap, more than the ");
  }

  @Test
  void aReplayedHeapIsSizedByItsUnits() {
    // 16 GiB in 16-byte units is 2^30 units at 3 bytes each: 3 GiB.
    assertThat(HeapReplay.heapBytes(16L << 30, 16)).isEqualTo(3L << 30);
    // The largest heap the core takes, 2^31 - 65 units, needs 6 GiB less 195 bytes: above a heap
    // of a quarter of 23 GiB of RAM (the default here), so it is refused before it is allocated.
    long most = BuddyAllocator.MAX_UNITS * 16;
    assertThat(HeapReplay.heapBytes(most, 16)).isEqualTo((6L << 30) - 195);
    assumeTrue(HeapBudget.heapBytes() < (6L << 30) - 195, "a heap that holds the largest replayed heap");
    assertThatThrownBy(() -> HeapReplay.sized(most, 16))
        .isInstanceOf(HeapBudget.TooSmall.class)
        .hasMessageStartingWith("a heap of " + Sizes.format(most) + " in 16-byte units needs about 6 GiB of Java heap");
  }
}
