package io.buddykit.experiments.numa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.Zone;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Protect-high-orders never splits a local order>=9 block while a remote node has a smaller fitting one. */
class ProtectHighOrdersTest {
  static final Gfp USER = Gfp.GFP_HIGHUSER_MOVABLE;

  /** Free memory in blocks of order >= 9 on node {@code nid}, in order-9 blocks. */
  static long highUnits(Machine m, int nid) {
    long n = 0;
    for (Zone z : m.node(nid).zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), 9);
    }
    return n;
  }

  /**
   * Node 1 (one DMA32 zone of 8192 pages from pfn 262144) taken page by page except a free
   * order-2 block at 269312 and a free order-9 block at 269824: 516 free pages, above its low
   * watermark (160). Node 0 is untouched: nothing but blocks of order 9 and 10.
   */
  static Machine handBuilt() {
    Machine m = PlacementTest.idle(2);
    Zone z1 = m.node(1).zones().getFirst();
    assertThat(z1.startPfn()).isEqualTo(262144);
    assertThat(z1.endPfn()).isEqualTo(270336);
    int tag = 1000;
    for (long pfn = z1.startPfn(); pfn < z1.endPfn(); pfn++) {
      boolean keepFree = (pfn >= 269312 && pfn < 269316) || pfn >= 269824;
      if (!keepFree) {
        assertThat(m.allocAt(pfn, 0, Migratetype.MOVABLE, tag++)).isTrue();
      }
    }
    assertThat(z1.buddyInfo(Migratetype.MOVABLE)).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0);
    assertThat(z1.freePages()).isEqualTo(516).isGreaterThan(z1.watermarks().low() + 4);
    for (Zone z : m.node(0).zones()) {
      long[] b = z.buddyInfo();
      for (int k = 0; k < 9; k++) {
        assertThat(b[k]).as("node 0 %s order %d", z, k).isZero();
      }
    }
    return m;
  }

  @Test
  void aSinglePageGoesToTheRemoteFragmentRatherThanSplitALocalHugeBlock() {
    Machine m = handBuilt();
    ProtectHighOrders p = new ProtectHighOrders(9);
    long local = highUnits(m, 0);
    assertThat(p.remoteChoice(m, USER, 0, 0)).isEqualTo(1);
    long pfn = p.allocate(m, USER, 0, 0, 1);
    assertThat(pfn).isBetween(269312L, 269315L); // inside the remote order-2 block
    assertThat(highUnits(m, 0)).isEqualTo(local);
    assertThat(p.sentRemote()).isEqualTo(1);
    long pfn2 = p.allocate(m, USER, 1, 1, 2); // an order-1 request fits what is left of it
    assertThat(pfn2 & ~1L).isEqualTo(pfn2);
    assertThat(pfn2).isBetween(269312L, 269315L);
    assertThat(highUnits(m, 0)).isEqualTo(local);
    m.verify();
  }

  @Test
  void anOrderTwoRequestTakesTheWholeRemoteBlockThenSplitsLocally() {
    Machine m = handBuilt();
    ProtectHighOrders p = new ProtectHighOrders(9);
    long local = highUnits(m, 0);
    assertThat(p.allocate(m, USER, 2, 0, 1)).isEqualTo(269312L);
    // now the remote node has only its order-9 block: nothing smaller fits, so local it is
    assertThat(p.remoteChoice(m, USER, 0, 0)).isEqualTo(-1);
    long pfn = p.allocate(m, USER, 0, 0, 2);
    assertThat(m.zoneOf(pfn).node().id()).isZero();
    assertThat(highUnits(m, 0)).isEqualTo(local - 1);
    assertThat(p.sentRemote()).isEqualTo(1);
  }

  @Test
  void anOrderThreeRequestHasNoSmallerRemoteFitAndStaysLocal() {
    Machine m = handBuilt();
    ProtectHighOrders p = new ProtectHighOrders(9);
    assertThat(p.remoteChoice(m, USER, 3, 0)).isEqualTo(-1);
    assertThat(m.zoneOf(p.allocate(m, USER, 3, 0, 1)).node().id()).isZero();
  }

  @Test
  void aHigherProtectOrderProtectsOnlyTheLargerBlocks() {
    Machine m = handBuilt();
    // with N = 10 the remote order-9 block counts as smaller, so an order-3 request goes there
    ProtectHighOrders p = new ProtectHighOrders(10);
    assertThat(p.remoteChoice(m, USER, 3, 0)).isEqualTo(1);
    assertThat(p.allocate(m, USER, 3, 0, 1)).isBetween(269824L, 270335L);
  }

  @Test
  void hugeRequestsAndLocalFragmentsAreNotDiverted() {
    Machine m = handBuilt();
    ProtectHighOrders p = new ProtectHighOrders(9);
    assertThat(p.remoteChoice(m, USER, 9, 0)).isEqualTo(-1);
    // node 1's own threads have a local fragment: local
    assertThat(p.remoteChoice(m, USER, 0, 1)).isEqualTo(-1);
    assertThat(m.zoneOf(p.allocate(m, USER, 0, 2, 1)).node().id()).isEqualTo(1);
  }

  @Test
  void protectWhenScarceLeavesPlentifulNodesAlone() {
    Machine m = handBuilt();
    long local = highUnits(m, 0); // 8 MiB of node 0 in DMA and DMA32
    assertThat(new ProtectHighOrders(9, local - 1).remoteChoice(m, USER, 0, 0)).isEqualTo(-1);
    ProtectHighOrders scarce = new ProtectHighOrders(9, local);
    assertThat(scarce.name()).isEqualTo("protect-when-scarce");
    assertThat(scarce.remoteChoice(m, USER, 0, 0)).isEqualTo(1);
  }

  /**
   * Random hand-built states: every page of both nodes taken one by one, then on each node one to
   * three whole 2 MiB regions given back (free order-9 blocks) and zero to eight single pages
   * (fragments); then requests of order 0-3 from CPUs on both nodes, each checked: a local
   * huge block split only when no remote smaller block fitted.
   */
  @Test
  void neverSplitsALocalHugeBlockWhileARemoteSmallerBlockFits() {
    long splits = 0;
    long sent = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Machine m = PlacementTest.idle(2);
      SplittableRandom r = new SplittableRandom(seed);
      int tag = 1;
      for (Zone z : m.zones()) {
        for (long pfn = z.startPfn(); pfn < z.endPfn(); pfn++) {
          assertThat(m.allocAt(pfn, 0, Migratetype.MOVABLE, tag++)).isTrue();
        }
      }
      for (int nid = 0; nid < 2; nid++) {
        Zone z = m.node(nid).zones().getLast();
        long regions = (z.endPfn() - z.startPfn()) / 512;
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
          long start = z.startPfn() + 512 * r.nextLong(regions);
          for (long pfn = start; pfn < start + 512; pfn++) {
            if (!z.isFree(pfn)) {
              m.freePages(pfn);
            }
          }
        }
        for (int i = r.nextBoolean() ? 0 : r.nextInt(1, 9); i > 0; i--) {
          long pfn = z.startPfn() + r.nextLong(z.endPfn() - z.startPfn());
          if (!z.isFree(pfn)) {
            m.freePages(pfn);
          }
        }
      }
      ProtectHighOrders p = new ProtectHighOrders(9);
      for (int i = 0; i < 24; i++) {
        int cpu = r.nextInt(4);
        int order = r.nextInt(4);
        int local = m.nodeOfCpu(cpu);
        boolean remoteFits = remoteHasSmallerFit(m, 1 - local, order);
        long before = highUnits(m, local);
        long pfn = p.allocate(m, USER, order, cpu, tag++);
        assertThat(pfn).isNotNegative();
        if (highUnits(m, local) < before) {
          splits++;
          assertThat(remoteFits).as("seed %d request %d: split a local huge block of node %d though node %d "
              + "had a smaller block of order >= %d", seed, i, local, 1 - local, order).isFalse();
        }
      }
      sent += p.sentRemote();
      m.verify();
    }
    System.out.println("protect: " + splits + " local huge splits, " + sent + " requests sent away");
    assertThat(splits).as("the check ran on real splits").isGreaterThanOrEqualTo(10);
    assertThat(sent).as("and on requests sent away").isGreaterThan(20);
  }

  /**
   * The test's own reading of "a smaller fitting block": in the zone of node {@code nid} that
   * would serve the request (the first whose low watermark and lowmem reserve let it through and
   * that has any block big enough), a movable free block of order in [order, 9).
   */
  static boolean remoteHasSmallerFit(Machine m, int nid, int order) {
    for (Zone z : m.zonelists().zonelist(nid, true)) {
      long[] all = z.buddyInfo();
      boolean any = false;
      for (int k = order; k < all.length; k++) {
        any |= all[k] > 0;
      }
      if (!any || z.freePages() - (1L << order) < z.watermarks().low() + z.lowmemReserve(USER.highestZone())) {
        continue;
      }
      long[] b = z.buddyInfo(Migratetype.MOVABLE);
      for (int k = order; k < 9; k++) {
        if (b[k] > 0) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> new ProtectHighOrders(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProtectHighOrders(9, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
