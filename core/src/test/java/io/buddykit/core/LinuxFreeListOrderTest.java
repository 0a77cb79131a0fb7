package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@link FreeListOrder#LINUX}, each on an example small enough to follow by hand,
 * with the lowest-address answer beside it where they differ. Lists are written head first.
 */
class LinuxFreeListOrderTest {

  private static BuddyAllocator linux(long units, int maxOrder) {
    return BuddyAllocator.builder(units, maxOrder).freeListOrder(FreeListOrder.LINUX).build();
  }

  private static BuddyAllocator lowest(long units, int maxOrder) {
    return BuddyAllocator.create(units, maxOrder);
  }

  @Test
  void expandKeepsTheLowHalfAndTheNextAllocationTakesItsBuddy() {
    BuddyAllocator a = linux(16, 4);
    assertThat(a.allocate(0)).isZero(); // [0,16) split: o3 [8], o2 [4], o1 [2], o0 [1]
    assertThat(a.firstFreeBlock(0, 0)).isEqualTo(1);
    assertThat(a.firstFreeBlock(1, 0)).isEqualTo(2);
    assertThat(a.firstFreeBlock(2, 0)).isEqualTo(4);
    assertThat(a.firstFreeBlock(3, 0)).isEqualTo(8);
    assertThat(a.allocate(0)).isEqualTo(1);
    assertThat(a.allocate(0)).isEqualTo(2); // o1 [2] split, [3] to o0's head
    assertThat(a.allocate(0)).isEqualTo(3);
    a.verify();
  }

  /**
   * buddy_merge_likely: unit 1 is freed while its buddy 0 is live and the buddy of its parent,
   * [2, 4), is a free order-1 block. So 1 goes to the tail of order 0, behind 5, and the next
   * order-0 allocation takes 5; freeing 0 later merges two levels at once, up to [0, 4).
   */
  @Test
  void aFreedBlockWhoseParentsBuddyIsFreeGoesToTheTail() {
    BuddyAllocator a = linux(16, 4);
    replay(a);
    assertThat(a.firstFreeBlock(0, 0)).isEqualTo(5);
    assertThat(a.firstFreeBlock(1, 0)).isEqualTo(2);
    assertThat(a.allocate(0)).isEqualTo(5);
    a.free(0); // 0 + 1 -> [0,2), + [2,4) -> [0,4); its parent's buddy [8,16) is live: head
    assertThat(a.buddyInfo()).containsExactly(0, 1, 1, 0, 0);
    assertThat(a.firstFreeBlock(2, 0)).isZero();
    a.verify();

    BuddyAllocator b = lowest(16, 4);
    replay(b);
    assertThat(b.allocate(0)).isEqualTo(1);
    b.verify();
  }

  /** The same calls give the same starts under both orders up to here. */
  private static void replay(BuddyAllocator a) {
    assertThat(a.allocate(0)).isZero();
    assertThat(a.allocate(0)).isEqualTo(1);
    assertThat(a.allocate(3)).isEqualTo(8);
    assertThat(a.allocate(1)).isEqualTo(2);
    assertThat(a.allocate(0)).isEqualTo(4); // [4,8) split: o1 [6], o0 [5]
    a.free(2); // [2,4): its parent's buddy [4,8) is not free: head, o1 [2, 6]
    a.free(1); // its parent's buddy [2,4) is free at order 1: tail under LINUX, o0 [5, 1]
  }

  /** A plain free goes to the head and is reused at once; FPI_TO_TAIL puts it behind the rest. */
  @Test
  void aToTailFreeIsReusedLast() {
    for (boolean toTail : new boolean[] {false, true}) {
      BuddyAllocator a = linux(16, 4);
      assertThat(a.allocate(0)).isZero();
      assertThat(a.allocate(0)).isEqualTo(1);
      assertThat(a.allocate(0)).isEqualTo(2); // o0 [3]
      a.free(0, 0, toTail); // buddy 1 live; parent's buddy [2,4) not free
      assertThat(a.allocate(0)).isEqualTo(toTail ? 3 : 0);
      a.verify();
    }
    BuddyAllocator b = lowest(16, 4);
    b.allocate(0);
    b.allocate(0);
    b.allocate(0);
    b.free(0, 0, true); // no ends to choose between: the lowest still comes first
    assertThat(b.allocate(0)).isZero();
  }

  /** Boot hands memory over to the tails (__free_pages_core), so the lists start in address order. */
  @Test
  void bootFillsTheListsInAddressOrder() {
    BuddyAllocator a = linux(60, 3); // seven order-3 blocks, then [56,60) of order 2
    for (int i = 0; i < 7; i++) {
      assertThat(a.allocate(3)).isEqualTo(8L * i);
    }
    assertThat(a.allocate(2)).isEqualTo(56);
    a.verify();
  }

  /** The reserved range comes back to the tails too: what was free before is used first. */
  @Test
  void aReleaseGoesToTheTails() {
    BuddyAllocator a = linux(32, 3);
    a.reserve(0, 8); // o3 [8, 16, 24]
    a.release(0, 8); // o3 [8, 16, 24, 0]
    assertThat(a.allocate(3)).isEqualTo(8);
    assertThat(a.firstFreeBlock(3, 0)).isEqualTo(16);
    a.verify();
  }

  /** The tail of an exact allocation goes back to the tails, as make_alloc_exact frees it. */
  @Test
  void anExactAllocationsTailGoesToTheTails() {
    BuddyAllocator a = linux(32, 4);
    assertThat(a.allocate(0)).isZero(); // o4 [16], o3 [8], o2 [4], o1 [2], o0 [1]
    assertThat(a.allocateExact(3)).isEqualTo(4); // [4,8): its tail [7] to o0's tail: [1, 7]
    assertThat(a.allocate(0)).isEqualTo(1);
    assertThat(a.allocate(0)).isEqualTo(7);
    a.verify();
  }

  /** move_freepages walks up the addresses and puts each block at the new list's tail. */
  @Test
  void movedBlocksGoToTheTailInAddressOrder() {
    BuddyAllocator a = BuddyAllocator.builder(64, 3).listClasses(2).freeListOrder(FreeListOrder.LINUX).build();
    assertThat(a.moveFreeBlocks(32, 32, 1)).isEqualTo(32); // class 1, o3: [32, 40, 48, 56]
    assertThat(a.moveFreeBlocks(0, 16, 1)).isEqualTo(16); // then [0, 8] behind them
    assertThat(a.allocate(3, 1)).isEqualTo(32);
    a.free(32, 1, true);
    assertThat(a.firstFreeBlock(3, 1)).isEqualTo(40);
    a.verify();
  }

  @Test
  void aCopyKeepsTheListsAndIsIndependent() {
    BuddyAllocator a = linux(16, 4);
    replay(a);
    BuddyAllocator b = a.copy();
    assertThat(b.freeListOrder()).isEqualTo(FreeListOrder.LINUX);
    assertThat(b.allocate(0)).isEqualTo(5);
    assertThat(a.firstFreeBlock(0, 0)).isEqualTo(5);
    a.verify();
    b.verify();
  }

  @Test
  void tooLargeASpaceForTheLinksIsRefused() {
    assertThatThrownBy(() -> linux(LinkedFreeLists.MAX_UNITS + 1, 10))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("LINUX");
    assertThat(lowest(1, 0).freeListOrder()).isEqualTo(FreeListOrder.LOWEST_ADDRESS);
  }
}
