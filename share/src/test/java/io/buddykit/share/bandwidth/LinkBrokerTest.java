package io.buddykit.share.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkBrokerTest {

  /** Issue 19 item 8: a 2^30-unit link took two minutes and 5.5 GB a run; links stop at 2^20 units. */
  @Test
  void linksAboveTwoToTheTwentyUnitsAreRefused() {
    assertThat(new LinkBroker(1L << 20, Placement.CROWDED, true).admit(1, 1L << 20).admitted()).isTrue();
    assertThatThrownBy(() -> new LinkBroker(1L << 21, Placement.CROWDED, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be a power of two in [1, 2^20] units, got 2097152");
  }

  @Test
  void ratesRoundUpToPowersOfTwoAndCoalesceWhenFlowsEnd() {
    LinkBroker b = new LinkBroker(1024, Placement.LOWEST, false);
    Admission a = b.admit(1, 3);
    assertThat(a.admitted()).isTrue();
    assertThat(a.granted()).isEqualTo(4);
    assertThat(b.admit(2, 100).granted()).isEqualTo(128);
    assertThat(b.granted()).isEqualTo(132);
    assertThat(b.requested()).isEqualTo(103);
    b.release(1);
    b.release(2);
    long[] info = b.buddyInfo();
    assertThat(info[10]).isEqualTo(1); // the whole link is one free block again
    assertThat(b.granted()).isZero();
  }

  @Test
  void blockingIsSplitIntoCapacityAndFragmentation() {
    LinkBroker b = new LinkBroker(16, Placement.LOWEST, false);
    for (int i = 0; i < 4; i++) {
      assertThat(b.admit(i, 4).start()).isEqualTo(4L * i);
    }
    assertThat(b.admit(9, 1).outcome()).isEqualTo(Admission.Outcome.BLOCKED_CAPACITY);
    b.release(0);
    b.release(2); // 8 units free, as two 4-unit blocks that are not buddies
    assertThat(b.admit(9, 8).outcome()).isEqualTo(Admission.Outcome.BLOCKED_FRAGMENTATION);
    assertThat(b.admit(10, 5).outcome()).isEqualTo(Admission.Outcome.BLOCKED_FRAGMENTATION);
    b.verify();
  }

  @Test
  void reassignmentMovesALiveFlowToMakeRoom() {
    LinkBroker b = new LinkBroker(16, Placement.LOWEST, true);
    for (int i = 0; i < 4; i++) {
      b.admit(i, 4);
    }
    b.release(0);
    b.release(2);
    Admission a = b.admit(9, 8);
    assertThat(a.admitted()).isTrue();
    assertThat(a.moved()).isEqualTo(1);
    assertThat(b.liveFlows()).isEqualTo(3);
    assertThat(b.flow(1)).isNotNull();
    assertThat(b.flow(3)).isNotNull();
    assertThat(b.reassignments()).isEqualTo(1);
    b.verify();
  }

  @Test
  void crowdedPlacementKeepsLargeBlocksWhole() {
    // The first flow takes [0, 4); the second goes into [4, 8), next to its crowded buddy, so
    // that [16, 32) stays whole for a flow of 16.
    LinkBroker b = new LinkBroker(32, Placement.CROWDED, false);
    b.admit(1, 4);
    long second = b.admit(2, 4).start();
    assertThat(second).isEqualTo(4); // next to the first, not splitting another block
    assertThat(b.admit(3, 16).start()).isEqualTo(16);
    b.verify();
  }

  @Test
  void neverOverCommittedAndReassignmentNeverDropsAFlow() {
    for (long seed = 1; seed <= 60; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Placement placement = r.nextBoolean() ? Placement.LOWEST : Placement.CROWDED;
      LinkBroker b = new LinkBroker(1L << r.nextInt(4, 9), placement, r.nextBoolean());
      Set<Long> live = new HashSet<>();
      long next = 0;
      for (int step = 0; step < 2000; step++) {
        if (live.isEmpty() || r.nextInt(100) < 55) {
          long rate = r.nextLong(1, b.capacity() / 2 + 1);
          Admission a = b.admit(next, rate);
          if (a.admitted()) {
            live.add(next);
          }
          next++;
        } else {
          List<Long> ids = new ArrayList<>(live);
          long id = ids.get(r.nextInt(ids.size()));
          b.release(id);
          live.remove(id);
        }
        b.verify(); // grants within capacity, every live flow still holds its block
        assertThat(b.liveFlows()).as("seed %d", seed).isEqualTo(live.size());
        for (long id : live) {
          assertThat(b.flow(id)).as("seed %d flow %d", seed, id).isNotNull();
        }
        assertThat(b.granted()).isLessThanOrEqualTo(b.capacity());
      }
    }
  }

  @Test
  void badCallsAreRefused() {
    LinkBroker b = new LinkBroker(64, Placement.LOWEST, false);
    b.admit(1, 8);
    assertThatThrownBy(() -> b.admit(1, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.admit(2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.admit(2, 65)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.release(7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkBroker(100, Placement.LOWEST, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.liveFlows()).isEqualTo(1);
    b.verify();
  }
}
