package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.boot.BootLayout;
import io.buddykit.trace.memory.GfpBits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random requests of every kind (orders 0-3 and 9, unmovable, movable, page cache, atomic, DMA32),
 * frees, kswapd runs and compactions on a small machine with per-CPU lists: after every batch the
 * owner table names exactly the live blocks and every owner still finds its pages where the
 * listener last said. Seeds: {@code -Dsim.seeds}, steps {@code -Dsim.steps} (the long profile
 * raises both); a failure prints its seed.
 */
class OwnerTablePropertyTest {
  private static final Gfp[] KINDS = {
    Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_DMA32, Gfp.GFP_KERNEL.with(GfpBits.__GFP_RECLAIMABLE), Gfp.GFP_NOWAIT,
    Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER_MOVABLE,
    Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_TRANSHUGE,
  };

  @Test
  void ownersStayExactThroughMigrationAndReclaim() {
    int seeds = Integer.getInteger("sim.seeds", 12);
    int steps = Integer.getInteger("sim.steps", 3000);
    long migrated = 0;
    long reclaimed = 0;
    long pcpDrained = 0;
    for (int seed = 1; seed <= seeds; seed++) {
      try {
        VmStat s = run(seed, steps);
        migrated += s.pgmigrateSuccess();
        reclaimed += s.pgstealKswapd() + s.pgstealDirect();
        pcpDrained += s.pcpDrained();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    System.out.println("migrated " + migrated + " reclaimed " + reclaimed + " drained " + pcpDrained);
    assertThat(migrated).as("pages migrated over all seeds").isPositive();
    assertThat(reclaimed).as("pages reclaimed over all seeds").isPositive();
    assertThat(pcpDrained).as("pages drained from per-CPU lists").isPositive();
  }

  private static VmStat run(long seed, int steps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Machine m = Machine.booted(MachineConfig.of(32L << 20, 1).withBoot(BootLayout.none()));
    Map<Integer, Long> held = AllocationPathTest.track(m);
    List<Integer> tags = new ArrayList<>();
    int next = 0;
    for (int step = 0; step < steps; step++) {
      int op = rnd.nextInt(100);
      int allocPercent = (step / 400) % 2 == 0 ? 75 : 25; // fill, then thin out: fragmentation
      if (op < allocPercent) {
        Gfp gfp = KINDS[rnd.nextInt(KINDS.length)];
        int order = rnd.nextInt(20) == 0 ? 9 : rnd.nextInt(4);
        boolean cache = gfp.migratetype() == Migratetype.MOVABLE && rnd.nextBoolean();
        long pfn = m.allocPages(PageRequest.of(gfp, order).onCpu(rnd.nextInt(2)).tagged(++next).reclaimable(cache));
        if (pfn >= 0) {
          assertThat(pfn % (1L << order)).isZero();
          held.put(next, pfn);
          tags.add(next);
        }
      } else if (op < 95 && !tags.isEmpty()) {
        int i = rnd.nextInt(tags.size());
        int tag = tags.get(i);
        tags.set(i, tags.get(tags.size() - 1));
        tags.remove(tags.size() - 1);
        Long pfn = held.remove(tag);
        if (pfn != null) { // null: reclaimed meanwhile
          m.freePages(pfn, rnd.nextInt(2));
        }
      } else if (op < 98) {
        m.tick();
      } else {
        if (rnd.nextBoolean()) {
          m.compactAll();
        } else {
          m.compactAll(rnd.nextBoolean() ? 9 : 3);
        }
      }
      if (step % 250 == 0) {
        AllocationPathTest.assertExact(m, held);
      }
    }
    AllocationPathTest.assertExact(m, held);
    m.drainAllPages();
    for (long pfn : held.values()) {
      m.freePages(pfn);
    }
    m.drainAllPages();
    m.verify();
    assertThat(m.freePages()).isEqualTo(m.managedPages());
    return m.stat();
  }
}
