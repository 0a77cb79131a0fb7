package io.buddykit.experiments.numa;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/** Local-first stays local while it can; interleave spreads evenly. */
class PlacementTest {
  static final Gfp USER = Gfp.GFP_HIGHUSER_MOVABLE;

  static Machine idle(int nodes) {
    return Machine.booted(MachineConfig.of((long) nodes << 25, nodes).withBoot(BootLayout.none()).withPerCpuLists(false));
  }

  static int nodeOf(Machine m, long pfn) {
    return m.zoneOf(pfn).node().id();
  }

  @Test
  void localFirstIsLocalWhileTheLocalNodeIsAboveItsLowWatermark() {
    Machine m = idle(2);
    LocalFirst policy = new LocalFirst();
    int cpu = 2; // two CPUs per node: CPU 2 is node 1's
    assertThat(m.nodeOfCpu(cpu)).isEqualTo(1);
    Zone local = m.node(1).zones().getFirst();
    assertThat(m.node(1).zones()).hasSize(1);
    int tag = 1;
    int remote = 0;
    int locals = 0;
    while (remote == 0) {
      long before = local.freePages();
      long pfn = policy.allocate(m, USER, 0, cpu, tag++);
      assertThat(pfn).isNotNegative();
      if (nodeOf(m, pfn) == 1) {
        locals++;
      } else {
        remote++;
        // the zonelist walk leaves the node only when its free pages are at the low watermark
        assertThat(before).isLessThanOrEqualTo(local.watermarks().low() + 1);
      }
      if (before >= local.watermarks().low() + 2) {
        assertThat(nodeOf(m, pfn)).as("allocation %d with %d pages free", tag, before).isEqualTo(1);
      }
    }
    assertThat(locals).isGreaterThan(7000); // 8192 pages, about 160 kept back
    m.verify();
  }

  @Test
  void interleaveSpreadsSequentialPagesEvenly() {
    for (int nodes : new int[] {2, 3, 4}) {
      Machine m = idle(nodes);
      Interleave policy = new Interleave();
      for (int n : new int[] {1, 2, 7, 1001}) {
        long[] perNode = new long[nodes];
        for (int i = 0; i < n; i++) {
          perNode[nodeOf(m, policy.allocate(m, USER, 0, 0, i + 1))]++;
        }
        long max = 0;
        long min = Long.MAX_VALUE;
        for (long c : perNode) {
          max = Math.max(max, c);
          min = Math.min(min, c);
        }
        assertThat(max - min).as("%d pages over %d nodes: %s", n, nodes, java.util.Arrays.toString(perNode))
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void interleaveAlsoRotatesHugePageFaults() {
    Machine m = idle(2);
    Interleave policy = new Interleave();
    assertThat(policy.hugePageNode(m, 0)).isEqualTo(0);
    assertThat(policy.hugePageNode(m, 0)).isEqualTo(1);
    assertThat(policy.hugePageNode(m, 3)).isEqualTo(0);
    assertThat(new LocalFirst().hugePageNode(m, 3)).isEqualTo(1);
  }
}
