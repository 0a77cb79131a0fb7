package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Linux's linked lists against plain Java lists, and verify() catching broken links and tags. */
class LinkedFreeListsTest {

  @Test
  void agreesWithPlainLists() {
    SplittableRandom r = new SplittableRandom(18);
    int units = 4096;
    int classes = 3;
    int orders = 2; // maxOrder 1: buddy_merge_likely never holds, a freed block goes to the head
    LinkedFreeLists lists = new LinkedFreeLists(new short[units], classes, orders);
    List<List<Long>> ref = new ArrayList<>();
    for (int l = 0; l < classes * orders; l++) {
      ref.add(new ArrayList<>());
    }
    List<long[]> onLists = new ArrayList<>(); // {start, cls, order}
    for (int step = 0; step < 20_000; step++) {
      int op = r.nextInt(4);
      if (op < 2 || onLists.isEmpty()) {
        long start = 2L * r.nextInt(units / 2); // even units only, so blocks never overlap
        int order = r.nextInt(orders);
        int cls = r.nextInt(classes);
        if (lists.classOf(start, 0) >= 0 || lists.classOf(start, 1) >= 0) {
          continue;
        }
        boolean tail = op == 1 && r.nextBoolean();
        if (op == 0) {
          lists.addSplit(cls, order, start);
        } else {
          lists.addFreed(cls, order, start, tail);
        }
        List<Long> l = ref.get(cls * orders + order);
        l.add(tail ? l.size() : 0, start);
        onLists.add(new long[] {start, cls, order});
      } else {
        long[] b = onLists.remove(r.nextInt(onLists.size()));
        lists.remove((int) b[1], (int) b[2], b[0]);
        ref.get((int) (b[1] * orders + b[2])).remove(b[0]);
      }
      for (int c = 0; c < classes; c++) {
        for (int k = 0; k < orders; k++) {
          List<Long> l = ref.get(c * orders + k);
          assertThat(lists.first(c, k)).isEqualTo(l.isEmpty() ? -1 : l.getFirst());
          assertThat(lists.count(c, k)).isEqualTo(l.size());
        }
      }
    }
    lists.verify();
  }

  @Test
  void theHeadsBuddyRuleLooksAtTheParentsBuddy() {
    LinkedFreeLists lists = new LinkedFreeLists(new short[16], 1, 5); // maxOrder 4
    lists.addSplit(0, 1, 2); // [2,4) free at order 1
    lists.addFreed(0, 0, 5, false); // parent [4,6)'s buddy [6,8) is not free: head
    lists.addFreed(0, 0, 1, false); // parent [0,2)'s buddy [2,4) is free: tail
    assertThat(lists.first(0, 0)).isEqualTo(5);
    lists.remove(0, 0, 5);
    assertThat(lists.first(0, 0)).isEqualTo(1);
    lists.verify();
  }

  /**
   * take() and free(), the hot paths, by hand over 16 units, maxOrder 4. The whole space is one
   * order-4 block; take(0, 0) splits it (expand): [8,16) to order 3, [4,8) to 2, [2,4) to 1, [1,2)
   * to 0, and returns unit 0. Freeing 0 merges it with 1, then [0,2) with [2,4), [0,4) with [4,8)
   * and [0,8) with [8,16): back to one order-4 block at the head.
   */
  @Test
  void takeSplitsAndFreeMergesBackByHand() {
    short[] head = new short[16];
    LinkedFreeLists lists = new LinkedFreeLists(head, 1, 5);
    lists.addFreed(0, 4, 0, true);
    assertThat(lists.take(0, 0)).isZero();
    assertThat(new long[] {lists.first(0, 0), lists.first(0, 1), lists.first(0, 2), lists.first(0, 3),
        lists.first(0, 4)}).containsExactly(1, 2, 4, 8, -1);
    assertThat(lists.lowestNonEmpty(0, 0)).isZero();
    lists.verify();

    assertThat(lists.take(0, 2)).isEqualTo(4); // order 2 has [4,8): no split
    assertThat(lists.count(0, 2)).isZero();
    assertThat(lists.lowestNonEmpty(0, 2)).isEqualTo(3);
    lists.free(4, 2, 0, false); // its buddy [0,4) is not free (0 is taken): no merge
    assertThat(lists.first(0, 2)).isEqualTo(4);

    lists.free(0, 0, 0, false);
    assertThat(lists.first(0, 4)).isZero();
    for (int k = 0; k < 4; k++) {
      assertThat(lists.count(0, k)).isZero();
    }
    assertThat(lists.highestNonEmpty(0)).isEqualTo(4);
    assertThat(lists.take(0, 4)).isZero();
    assertThat(lists.take(0, 0)).isEqualTo(-1);
    lists.verify();
  }

  @Test
  void verifyCatchesABlockOnTwoListsOrTwiceOnOne() {
    LinkedFreeLists twice = new LinkedFreeLists(new short[16], 1, 3);
    twice.addSplit(0, 1, 4);
    twice.addSplit(0, 1, 4);
    assertThatThrownBy(twice::verify).isInstanceOf(IllegalStateException.class);

    LinkedFreeLists two = new LinkedFreeLists(new short[16], 2, 3);
    two.addSplit(0, 1, 4);
    two.addSplit(1, 1, 4); // retags it: list (0, 1) still links a block of class 1
    assertThatThrownBy(two::verify)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("free list order 1 class 0");

    LinkedFreeLists misaligned = new LinkedFreeLists(new short[16], 1, 3);
    misaligned.addSplit(0, 2, 2);
    assertThatThrownBy(misaligned::verify).isInstanceOf(IllegalStateException.class);
  }
}
