package io.buddykit.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the public API: any sequence of calls with any arguments either succeeds or throws a
 * {@link BuddyException} that leaves the allocator unchanged, and {@link BuddyAllocator#verify()}
 * holds after every call. Each call goes to two allocators, one per {@link FreeListOrder}, so the
 * stored inputs cover both. Without JAZZER_FUZZ=1 it replays the stored inputs (a regression test);
 * with it, Jazzer searches for new ones (see the README).
 */
class BuddyAllocatorFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyCallSequenceKeepsTheAllocatorSound(FuzzedDataProvider data) {
    int units = data.consumeInt(1, 512);
    int maxOrder = data.consumeInt(0, 12);
    int classes = data.consumeInt(1, 3);
    BuddyAllocator[] both = new BuddyAllocator[FreeListOrder.values().length];
    for (FreeListOrder order : FreeListOrder.values()) {
      both[order.ordinal()] =
          BuddyAllocator.builder(units, maxOrder).listClasses(classes).freeListOrder(order).build();
    }
    for (int step = 0; step < 200 && data.remainingBytes() > 0; step++) {
      long x = data.consumeLong(-4, units + 4L);
      long y = data.consumeLong(-4, units + 4L);
      int op = data.consumeInt(0, 12);
      for (BuddyAllocator a : both) {
        call(a, op, x, y);
      }
    }
  }

  private static void call(BuddyAllocator a, int op, long x, long y) {
    Fingerprint before = Fingerprint.of(a);
    try {
      switch (op) {
        case 0 -> a.tryAllocate((int) (x % 70), (int) (y % 4));
        case 1 -> a.tryAllocateUnits(x);
        case 2 -> a.tryAllocateExact(x);
        case 3 -> a.free(x);
        case 4 -> a.free(x, (int) (y % 4), (y & 4) != 0); // bit 2 of y: to the tail
        case 5 -> a.tryGrowInPlace(x);
        case 6 -> a.split(x);
        case 7 -> a.reserve(x, y);
        case 8 -> a.release(x, y);
        case 9 -> a.moveFreeBlocks(x, y, (int) (y % 4));
        case 10 -> a.orderOf(x);
        case 11 -> a.coalesce();
        default -> a.allocate((int) (x % 70));
      }
    } catch (BuddyException e) {
      if (!Fingerprint.of(a).equals(before)) {
        throw new AssertionError(a.freeListOrder() + ": a failed call changed the allocator: " + e.getMessage(), e);
      }
    }
    a.verify();
  }
}
