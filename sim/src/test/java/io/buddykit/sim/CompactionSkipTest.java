package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Linux's skip_isolation_on_order (mm/compaction.c, 6.12 and 7.3), by hand. */
class CompactionSkipTest {
  @Test
  void blocksOfTheTargetOrderOrOfPageblockOrderAreSteppedOver() {
    assertThat(Compaction.skipIsolationOnOrder(3, 4, 9)).isFalse(); // smaller than the target: migrate
    assertThat(Compaction.skipIsolationOnOrder(4, 4, 9)).isTrue(); // as large as the target
    assertThat(Compaction.skipIsolationOnOrder(8, -1, 9)).isFalse(); // compact_memory: no target
    assertThat(Compaction.skipIsolationOnOrder(9, -1, 9)).isTrue(); // a pageblock: never moved
    assertThat(Compaction.skipIsolationOnOrder(10, 10, 9)).isTrue();
  }

  @Test
  void aPageblockSizedMovableBlockNoLongerEndsCompaction() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withPerCpuLists(false).withThp(Thp.NEVER)
        .withCompactionProactiveness(0));
    Zone z = m.node(0).zone(ZoneType.DMA32);
    // A movable order-9 block at the zone's first whole pageblock, then order-0 movable pages spread
    // one per pageblock over the rest: before the fix the migrate scanner met the order-9 block
    // first, found no room for it, and ended the run having moved nothing.
    long first = (z.startPfn() + 511) & -512;
    while (!m.allocAt(first, 9, Migratetype.MOVABLE, 1)) {
      first += 512; // the lowest wholly free pageblock
    }
    int tag = 2;
    for (long pb = first + 512; pb + 512 <= z.endPfn(); pb += 512) {
      if (z.isFree(pb + 7)) {
        assertThat(m.allocAt(pb + 7, 0, Migratetype.MOVABLE, tag++)).isTrue();
      }
    }
    long before = m.stat().pgmigrateSuccess();
    m.compactAll();
    assertThat(m.stat().pgmigrateSuccess()).isGreaterThan(before);
    m.verify();
  }
}
