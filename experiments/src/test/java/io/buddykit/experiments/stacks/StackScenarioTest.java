package io.buddykit.experiments.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thread stacks on buddy blocks: guard pages, overflow, and growth in place or by moving. */
class StackScenarioTest {
  private static final long PAGE = 4096;
  private static final long TOP = 1L << 30;

  private static ThreadStack stack(BuddyAllocator pool, long top) {
    return ThreadStack.create(pool, PAGE, 18 << 10, 1, 124 << 10, top);
  }

  @Test
  void anEighteenKibStackAndItsGuardTakeAnOrder3Block() {
    ThreadStack s = stack(BuddyAllocator.create(64, 6), TOP);
    // 18 KiB is 4.5 pages: 5 usable pages and one guard need 6 pages, so 8 (32 KiB).
    assertThat(s.order()).isEqualTo(3);
    assertThat(s.blockPages()).isEqualTo(8);
    assertThat(s.usablePages()).isEqualTo(5);
  }

  @Test
  void thePagesBelowTheStackAreUnmappedGuards() {
    ThreadStack s = stack(BuddyAllocator.create(64, 6), TOP);
    for (int page = 0; page < 5; page++) {
      assertThat(s.isMapped(page)).as("page %d", page).isTrue();
    }
    for (int page = 5; page < 8; page++) {
      assertThat(s.isMapped(page)).as("page %d", page).isFalse();
    }
  }

  @Test
  void anOverflowIntoTheGuardPageIsCaught() {
    ThreadStack s = stack(BuddyAllocator.create(64, 6), TOP);
    s.touch(TOP - 1); // the top byte
    s.touch(TOP - 5 * PAGE); // the lowest usable byte
    assertThat(s.usedPages()).isEqualTo(5);
    assertThatThrownBy(() -> s.touch(TOP - 5 * PAGE - 1))
        .isInstanceOfSatisfying(GuardPageFault.class, f -> {
          assertThat(f.page()).isEqualTo(5);
          assertThat(f.address()).isEqualTo(TOP - 5 * PAGE - 1);
        });
    assertThatThrownBy(() -> s.touch(TOP - 8 * PAGE)).isInstanceOf(GuardPageFault.class);
    assertThat(s.usedPages()).isEqualTo(5); // a fault uses nothing
  }

  @Test
  void growthNextToAFreeBuddyIsInPlaceAndCopiesNothing() {
    BuddyAllocator pool = BuddyAllocator.create(64, 6);
    ThreadStack s = stack(pool, TOP);
    s.touch(s.addressAtDepth(4) + 1);
    assertThat(s.block()).isZero(); // its buddy [8, 16) is free
    Growth g = s.growTo(8, true);
    assertThat(g).isEqualTo(new Growth(Growth.Kind.IN_PLACE, 3, 4, 0));
    assertThat(s.block()).isZero();
    assertThat(s.usablePages()).isEqualTo(15); // 16 pages less the guard
    assertThat(s.isMapped(14)).isTrue();
    assertThat(s.isMapped(15)).isFalse();
    assertThat(pool.sizeOf(0)).isEqualTo(16);
    s.touch(s.addressAtDepth(8) + 1); // the deeper frame is mapped now
    pool.verify();
  }

  @Test
  void growthWithABusyBuddyMovesAndCopiesExactlyTheUsedPages() {
    BuddyAllocator pool = BuddyAllocator.create(64, 6);
    ThreadStack a = stack(pool, TOP);
    ThreadStack b = stack(pool, 2 * TOP);
    assertThat(a.block()).isZero();
    assertThat(b.block()).isEqualTo(8); // a's buddy
    a.touch(a.addressAtDepth(4) + 1); // four pages hold frames
    Growth g = a.growTo(8, true);
    assertThat(g).isEqualTo(new Growth(Growth.Kind.MOVED, 3, 4, 4));
    assertThat(a.block()).isEqualTo(16); // the lowest free order-4 block
    assertThat(pool.isFree(0)).isTrue(); // the old block went back
    a.touch(a.addressAtDepth(8) + 1);
    pool.verify();
  }

  @Test
  void growthWithinTheBlockMapsGuardPagesAndKeepsOne() {
    ThreadStack s = stack(BuddyAllocator.create(64, 6), TOP);
    assertThat(s.growTo(6, true)).isEqualTo(new Growth(Growth.Kind.IN_BLOCK, 3, 3, 0));
    assertThat(s.usablePages()).isEqualTo(7);
    assertThat(s.isMapped(6)).isTrue();
    assertThat(s.isMapped(7)).isFalse();
  }

  @Test
  void withoutInPlaceGrowthAFreeBuddyIsIgnored() {
    BuddyAllocator pool = BuddyAllocator.create(64, 6);
    ThreadStack s = stack(pool, TOP);
    s.touch(s.addressAtDepth(3) + 1);
    assertThat(s.growTo(8, false)).isEqualTo(new Growth(Growth.Kind.MOVED, 3, 4, 3));
    assertThat(s.block()).isEqualTo(16); // [8, 16) is order 3 only while [0, 8) was live
  }

  @Test
  void aFullPoolFailsTheGrowthAndKeepsTheStack() {
    BuddyAllocator pool = BuddyAllocator.create(16, 4);
    ThreadStack a = stack(pool, TOP);
    stack(pool, 2 * TOP);
    assertThat(a.growTo(8, true)).isEqualTo(new Growth(Growth.Kind.FAILED, 3, 3, 0));
    assertThat(a.block()).isZero();
    assertThat(stack(pool, 3 * TOP)).isNull();
  }

  @Test
  void spreadPlacementLeavesEachNewStacksBuddyFree() {
    BuddyAllocator pool = BuddyAllocator.create(64, 6);
    ThreadStack a = ThreadStack.create(pool, PAGE, 18 << 10, 1, 124 << 10, TOP, true);
    ThreadStack b = ThreadStack.create(pool, PAGE, 18 << 10, 1, 124 << 10, 2 * TOP, true);
    // a splits the order-6 block at 0; the smallest larger free block then is o4@16.
    assertThat(a.block()).isZero();
    assertThat(b.block()).isEqualTo(16);
    assertThat(b.growTo(8, true).kind()).isEqualTo(Growth.Kind.IN_PLACE);
    assertThat(a.growTo(8, true).kind()).isEqualTo(Growth.Kind.IN_PLACE);
  }

  private static Map<String, String> small() {
    return Map.of("poolMiB", "8", "threads", "300", "concurrent", "40"); // 40 maximum stacks fit 8 MiB
  }

  @Test
  void theMixedLoadComparesThePolicies() {
    StackScenario s = new StackScenario();
    Result r = s.run(Params.of(s.params(), small()));
    assertThat(r.results().get("blockOrder")).isEqualTo(3L);
    assertThat(r.results().get("guardPagesUnmapped")).isEqualTo(3L);
    long growInPlace = (Long) r.results().get("grow-in-place.inPlace");
    long spread = (Long) r.results().get("spread-in-place.inPlace");
    assertThat(spread).isGreaterThan(growInPlace);
    assertThat(r.results().get("always-move.inPlace")).isEqualTo(0L);
    assertThat((Long) r.results().get("always-move.pagesCopied"))
        .isGreaterThanOrEqualTo((Long) r.results().get("grow-in-place.pagesCopied"));
    assertThat(r.results().get("reserve-max.pagesCopied")).isEqualTo(0L);
    assertThat(r.results().get("reserve-max.heldPerThreadMeanKiB")).isEqualTo(128.0);
    assertThat((Double) r.results().get("grow-in-place.heldPerThreadMeanKiB")).isLessThan(128.0);
    // Run depths do not depend on the policy: the same runs overflow the maximum stack.
    assertThat(r.results().get("reserve-max.refused")).isEqualTo(0L);
    assertThat((Long) r.results().get("reserve-max.overflowsCaught")).isPositive()
        .isEqualTo(r.results().get("always-move.overflowsCaught"));
  }

  @Test
  void reservingTheMaximumRefusesThreadsThatSmallStacksFit() {
    StackScenario s = new StackScenario();
    // 40 threads of 128 KiB need 5 MiB of a 4 MiB pool; 32 KiB stacks and their growth fit.
    Result r = s.run(Params.of(s.params(), Map.of("poolMiB", "4", "threads", "300", "concurrent", "40")));
    assertThat((Long) r.results().get("reserve-max.refused")).isPositive();
    assertThat(r.results().get("grow-in-place.refused")).isEqualTo(0L);
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    StackScenario s = new StackScenario();
    assertThat(s.run(Params.of(s.params(), small())).results())
        .isEqualTo(s.run(Params.of(s.params(), small())).results());
  }

  @Test
  void badParametersAreNamed() {
    StackScenario s = new StackScenario();
    for (Map.Entry<String, String> bad : List.of(Map.entry("poolMiB", "0"), Map.entry("threads", "0"),
        Map.entry("concurrent", "-1"), Map.entry("stackKiB", "0"), Map.entry("guardPages", "0"),
        Map.entry("maxStackKiB", "8"), Map.entry("exitChance", "0"), Map.entry("deepChance", "2"))) {
      assertThatThrownBy(() -> s.run(Params.of(s.params(), Map.of(bad.getKey(), bad.getValue()))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.getKey());
    }
  }
}
