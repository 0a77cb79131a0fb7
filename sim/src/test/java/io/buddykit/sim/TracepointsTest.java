package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.boot.BootLayout;
import io.buddykit.trace.memory.PageEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kmem tracepoints the model emits, where and with what the kernel emits them (mm/page_alloc.c,
 * 6.12 and 7.3), on a 1 GiB machine without boot reservations: DMA32's batch is 63.
 */
class TracepointsTest {
  /** Every event as text, in order. */
  static final class Recorder implements PageEvents {
    final List<String> events = new ArrayList<>();

    @Override
    public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {}

    @Override
    public void free(int cpu, long pfn, int order) {}

    @Override
    public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
      events.add("locked cpu=" + cpu + " order=" + order + " mt=" + migratetype + " refill=" + percpuRefill);
    }

    @Override
    public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
      events.add("drain cpu=" + cpu + " order=" + order + " mt=" + migratetype);
    }

    @Override
    public void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMt, int fallbackMt,
        boolean changeOwnership) {
      events.add("extfrag cpu=" + cpu + " " + allocOrder + "/" + fallbackOrder + " " + allocMt + "<-" + fallbackMt
          + " own=" + changeOwnership);
    }

    long count(String prefix) {
      return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
  }

  static Machine gig(Recorder r) {
    Machine m = Machine.booted(MachineConfig.of(1L << 30, 1).withBoot(BootLayout.none()));
    m.setTracepoints(r);
    return m;
  }

  @Test
  void orderZeroRefillsAreBatchThenTwiceThenFourTimesUnderOneZoneLock() {
    Recorder r = new Recorder();
    Machine m = gig(r);
    PerCpuPages pcp = m.node(0).zone(ZoneType.DMA32).pcp(0);
    assertThat(pcp.batch()).isEqualTo(63);
    int tag = 0;
    List<Integer> runs = new ArrayList<>();
    for (int refill = 0; refill < 3; refill++) {
      int before = r.events.size();
      m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).onCpu(0).tagged(++tag));
      runs.add(r.events.size() - before);
      assertThat(r.events.subList(before, r.events.size())).containsOnly("locked cpu=0 order=0 mt=1 refill=true");
      int left = pcp.count();
      for (int i = 0; i < left; i++) { // the list serves the rest without the zone lock
        m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).onCpu(0).tagged(++tag));
      }
      assertThat(r.events.size()).isEqualTo(before + runs.get(refill));
    }
    assertThat(runs).containsExactly(63, 126, 252); // nr_pcp_alloc: batch << alloc_factor, 0..2
    m.verify();
  }

  @Test
  void theFirstUnmovablePageClaimsAMovableMaxOrderBlockThenRefillsFromIt() {
    Recorder r = new Recorder();
    Machine m = gig(r);
    m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(1).tagged(1));
    // Boot left only movable pageblocks: __rmqueue_claim takes an order-10 block, claims its
    // pageblocks (change_ownership) and expands it without __rmqueue_smallest; the other 62 pages
    // of the refill come from the unmovable lists it filled.
    assertThat(r.events.get(0)).isEqualTo("extfrag cpu=1 0/10 0<-1 own=true");
    assertThat(r.events.subList(1, r.events.size())).hasSize(62).containsOnly("locked cpu=1 order=0 mt=0 refill=true");
    assertThat(m.stat().fallbacks()).isEqualTo(1);
  }

  @Test
  void drainsEmitOneEventPerBlockAndMatchTheCounter() {
    Recorder r = new Recorder();
    Machine m = gig(r);
    long[] pfns = new long[200];
    for (int i = 0; i < pfns.length; i++) {
      pfns[i] = m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).onCpu(0).tagged(i + 1));
    }
    for (long pfn : pfns) {
      m.freePages(pfn, 0);
    }
    long beforeDrain = r.count("drain");
    assertThat(beforeDrain).as("drained pages under high").isEqualTo(m.stat().pcpDrained());
    m.drainAllPages();
    assertThat(r.count("drain")).isEqualTo(m.stat().pcpDrained());
    assertThat(m.node(0).zone(ZoneType.DMA32).pcp(0).count()).isZero();
    assertThat(r.events.get(r.events.size() - 1)).isEqualTo("drain cpu=0 order=0 mt=1");
    m.verify();
  }

  @Test
  void theTickDecaysARaisedHighAndGivesBackWhatIsAboveIt() {
    Recorder r = new Recorder();
    Machine m = gig(r);
    PerCpuPages pcp = m.node(0).zone(ZoneType.DMA32).pcp(0);
    long[] pfns = new long[1000];
    for (int i = 0; i < pfns.length; i++) {
      pfns[i] = m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, 0).onCpu(0).tagged(i + 1));
    }
    for (long pfn : pfns) {
      m.freePages(pfn, 0);
    }
    int high = pcp.high();
    assertThat(high).as("refills raised high").isGreaterThan(pcp.highMin());
    int count = pcp.count();
    m.tick();
    int decayed = Math.max(Math.max(count - (63 << 5), high - (high >> 3)), pcp.highMin());
    assertThat(pcp.high()).isEqualTo(decayed);
    assertThat(pcp.count()).isEqualTo(Math.min(count, decayed));
    m.verify();
  }
}
