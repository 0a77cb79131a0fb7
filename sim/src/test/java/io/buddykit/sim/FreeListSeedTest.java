package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.proc.PagetypeInfoView;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeListSeedTest {
  private static long[] orders(long... counts) {
    long[] row = new long[11];
    System.arraycopy(counts, 0, row, 0, counts.length);
    return row;
  }

  @Test
  void theSeededListsHoldExactlyTheRecordedBlocks() {
    Machine m = Machine.booted(MachineConfig.of(1L << 30, 1));
    long[][] free = new long[Migratetype.count()][];
    free[Migratetype.UNMOVABLE.ordinal()] = orders(7, 0, 0, 0, 2);
    free[Migratetype.MOVABLE.ordinal()] = orders(300, 40, 0, 5, 0, 0, 0, 0, 1, 2, 3);
    free[Migratetype.RECLAIMABLE.ordinal()] = orders(0, 9);
    for (int mt = 3; mt < free.length; mt++) {
      free[mt] = orders();
    }
    long[] pageblocks = new long[Migratetype.count()];
    pageblocks[Migratetype.UNMOVABLE.ordinal()] = 10;
    pageblocks[Migratetype.MOVABLE.ordinal()] = 200;
    pageblocks[Migratetype.RECLAIMABLE.ordinal()] = 5;
    ZoneFreeLists want = new ZoneFreeLists(0, ZoneType.DMA32, free, pageblocks);

    FreeListSeed.Outcome out = FreeListSeed.apply(m, want, 42);

    Zone z = m.node(0).zone(ZoneType.DMA32);
    for (Migratetype mt : List.of(Migratetype.UNMOVABLE, Migratetype.MOVABLE, Migratetype.RECLAIMABLE)) {
      assertThat(z.buddyInfo(mt)).as(mt.procName()).containsExactly(free[mt.ordinal()]);
    }
    // 7 + 2*16 + 300 + 80 + 40 + 256 + 1024 + 3072 + 18
    assertThat(out.wantedPages()).isEqualTo(4829);
    assertThat(out.seededPages()).isEqualTo(4829).isEqualTo(z.freePages());
    assertThat(out.missedBlocks()).isZero();
    m.verify();
    long[] counts = z.pageblockCounts();
    // the zone's wholly free pageblocks in the recorded proportions 10 : 200 : 5
    long usable = out.pageblocks();
    assertThat(counts[Migratetype.UNMOVABLE.ordinal()]).isBetween(usable * 10 / 215 - 1, usable * 10 / 215 + 1);
    assertThat(counts[Migratetype.RECLAIMABLE.ordinal()]).isBetween(usable * 5 / 215 - 1, usable * 5 / 215 + 1);
  }

  @Test
  void blocksThatFindNoRoomAreCountedNotInvented() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1));
    long[][] free = new long[Migratetype.count()][];
    for (int mt = 0; mt < free.length; mt++) {
      free[mt] = orders();
    }
    free[Migratetype.MOVABLE.ordinal()] = orders(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000); // 4 GiB
    long[] pageblocks = new long[Migratetype.count()];
    pageblocks[Migratetype.MOVABLE.ordinal()] = 1;
    FreeListSeed.Outcome out = FreeListSeed.apply(m, new ZoneFreeLists(0, ZoneType.DMA32, free, pageblocks), 1);
    assertThat(out.missedBlocks()).isPositive();
    assertThat(out.seededPages() + (out.missedBlocks() << 10)).isEqualTo(out.wantedPages());
    m.verify();
  }

  @Test
  void readsTheKernelsPagetypeinfo() {
    String text = """
        Page block order: 9
        Pages per block:  512

        Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \s
        Node    0, zone      DMA, type    Unmovable      0      0      0      0      0      0      0      0      1      0      0 \s
        Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      1      3 \s
        Node    0, zone   Normal, type      Movable  12819 >100000  12509   7239   3188   2835   1438    926    433    250    968 \s
        Node    0, zone   Normal, type  Reclaimable   1271    258     41     65     24     30      2      2      3      0      0 \s

        Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \s
        Node 0, zone      DMA            1            7            0            0            0 \s
        Node 0, zone   Normal          144         3976          104            0            0 \s
        """;
    List<ZoneFreeLists> zones = PagetypeInfoView.parse(text);
    assertThat(zones).extracting(ZoneFreeLists::zone).containsExactly(ZoneType.DMA, ZoneType.NORMAL);
    ZoneFreeLists normal = zones.get(1);
    assertThat(normal.freeBlocks()[Migratetype.MOVABLE.ordinal()][1]).isEqualTo(100_000);
    assertThat(normal.freeBlocks()[Migratetype.RECLAIMABLE.ordinal()]).startsWith(1271, 258, 41);
    assertThat(normal.freeBlocks()[Migratetype.UNMOVABLE.ordinal()]).containsOnly(0);
    assertThat(normal.pageblocks()[Migratetype.MOVABLE.ordinal()]).isEqualTo(3976);
    assertThat(normal.pageblocks()[Migratetype.UNMOVABLE.ordinal()]).isEqualTo(144);
  }
}
