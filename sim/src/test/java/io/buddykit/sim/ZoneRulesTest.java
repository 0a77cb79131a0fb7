package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/**
 * Linux's allocation rules on one 16 MiB DMA zone (4096 pages, eight pageblocks, all movable at
 * boot), without per-CPU lists or watermarks in the way, each case worked out by hand.
 */
class ZoneRulesTest {
  static Machine bare(long bytes) {
    return Machine.booted(MachineConfig.of(bytes, 1).withBoot(BootLayout.none()).withPerCpuLists(false)
        .withMinFreeKbytes(0).withWatermarkBoostFactor(0));
  }

  private static final int UNMOVABLE = Migratetype.UNMOVABLE.ordinal();
  private int tag;

  private long kernel(Machine m, int order) {
    return m.allocPages(PageRequest.of(Gfp.GFP_KERNEL, order).tagged(++tag));
  }

  private long movable(Machine m, int order) {
    return m.allocPages(PageRequest.of(Gfp.GFP_HIGHUSER_MOVABLE, order).tagged(++tag));
  }

  /** Every page taken by unmovable order-0 requests: all eight pageblocks become unmovable. */
  private Machine fullOfUnmovable() {
    Machine m = bare(16L << 20);
    for (int i = 0; i < 4096; i++) {
      assertThat(kernel(m, 0)).isEqualTo(i);
    }
    Zone z = m.node(0).zone(ZoneType.DMA);
    assertThat(z.pageblockCounts()[UNMOVABLE]).isEqualTo(8);
    return m;
  }

  @Test
  void anUnmovableRequestClaimsTheLargestMovableBlockWhole() {
    Machine m = bare(16L << 20);
    Zone z = m.node(0).zone(ZoneType.DMA);
    // No unmovable free block: fall back to the largest movable one, order 10 = two pageblocks,
    // which the request takes over entirely.
    assertThat(kernel(m, 0)).isZero();
    assertThat(z.pageblockType(0)).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(z.pageblockType(512)).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(z.pageblockType(1024)).isEqualTo(Migratetype.MOVABLE);
    assertThat(z.buddyInfo(Migratetype.UNMOVABLE)).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0);
    // Movable requests keep to their own blocks: the lowest movable block starts at 1024.
    assertThat(movable(m, 0)).isEqualTo(1024);
    assertThat(m.stat().fallbacks()).isEqualTo(1);
    assertThat(m.stat().fallbackClaims()).isEqualTo(1);
    m.verify();
  }

  @Test
  void aSmallMovableRequestStealsWithoutClaiming() {
    Machine m = fullOfUnmovable();
    Zone z = m.node(0).zone(ZoneType.DMA);
    long claims = m.stat().fallbackClaims();
    m.freePages(5);
    // Order 0 < pageblock_order / 2 and movable: should_try_claim_block says no; __rmqueue_steal
    // takes the page and the pageblock stays unmovable.
    assertThat(movable(m, 0)).isEqualTo(5);
    assertThat(z.pageblockType(5)).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(m.stat().fallbackClaims()).isEqualTo(claims);
    m.verify();
  }

  @Test
  void aMovableRequestClaimsAPageblockThatIsMoreThanHalfFree() {
    Machine m = fullOfUnmovable();
    Zone z = m.node(0).zone(ZoneType.DMA);
    for (long p = 0; p < 300; p++) {
      m.freePages(p);
    }
    // Free: 256@0 (o8), 32@256 (o5), 8@288 (o3), 4@296 (o2), all unmovable. An order-4 movable
    // request may claim (4 >= 9/2); the pageblock has 300 free pages >= 256, so it becomes
    // movable, its free blocks move over, and the smallest fit, o5@256, is split.
    assertThat(movable(m, 4)).isEqualTo(256);
    assertThat(z.pageblockType(0)).isEqualTo(Migratetype.MOVABLE);
    assertThat(z.buddyInfo(Migratetype.MOVABLE)).containsExactly(0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0);
    m.verify();
  }

  @Test
  void aMovableRequestStealsFromAPageblockLessThanHalfFree() {
    Machine m = fullOfUnmovable();
    Zone z = m.node(0).zone(ZoneType.DMA);
    for (long p = 0; p < 200; p++) {
      m.freePages(p);
    }
    // Free: 128@0 (o7), 64@128 (o6), 8@192 (o3). 200 < 256: no claim at o7 or o6. The steal
    // takes the smallest fallback block of order >= 4, o6@128, and leaves its rest unmovable.
    assertThat(movable(m, 4)).isEqualTo(128);
    assertThat(z.pageblockType(0)).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(z.buddyInfo(Migratetype.UNMOVABLE)).containsExactly(0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0);
    m.verify();
  }

  @Test
  void anUnmovableRequestCountsAMovableBlocksOtherPagesAsAlikeOnlyWhenTheyAreNotMovable() {
    Machine m = bare(16L << 20);
    Zone z = m.node(0).zone(ZoneType.DMA);
    for (int i = 0; i < 4096; i++) {
      movable(m, 0);
    }
    for (long p = 512; p < 712; p++) {
      m.freePages(p);
    }
    // Pageblock 1: o7@512, o6@640, o3@704 free; 200 free + alike (512 - 200 free - 312 movable
    // = 0) < 256: no claim; steal the smallest fallback block, o3@704.
    assertThat(kernel(m, 0)).isEqualTo(704);
    assertThat(z.pageblockType(512)).isEqualTo(Migratetype.MOVABLE);
    for (long p = 0; p < 300; p++) {
      m.freePages(p);
    }
    // Pageblock 0: 300 free + 0 alike (512 - 300 - 212 movable) >= 256: claimed, and an order-1
    // request takes the smallest unmovable fit, o2@296. (The steal's leftovers stayed movable.)
    assertThat(kernel(m, 1)).isEqualTo(296);
    assertThat(z.pageblockType(0)).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(z.pageblockType(512)).isEqualTo(Migratetype.MOVABLE);
    m.verify();
  }

  @Test
  void freeBlocksOfAHighAtomicPageblockDoNotMergeWithTheirMovableBuddy() {
    Machine m = bare(16L << 20);
    Zone z = m.node(0).zone(ZoneType.DMA);
    assertThat(movable(m, 9)).isZero();
    assertThat(movable(m, 9)).isEqualTo(512);
    z.setPageblockType(0, Migratetype.HIGHATOMIC);
    m.freePages(0);
    m.freePages(512);
    assertThat(z.buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3);
    assertThat(z.buddyInfo(Migratetype.HIGHATOMIC)[9]).isEqualTo(1);
    m.verify();
  }

  @Test
  void unmovableAndMovablePageblocksMergeAndTheMergedBlockTakesOneType() {
    Machine m = bare(16L << 20);
    Zone z = m.node(0).zone(ZoneType.DMA);
    movable(m, 9);
    movable(m, 9);
    z.setPageblockType(0, Migratetype.UNMOVABLE);
    m.freePages(0); // an unmovable o9 block
    m.freePages(512); // merges with it: both are mergeable types
    assertThat(z.buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4);
    assertThat(z.pageblockType(0)).isEqualTo(Migratetype.MOVABLE);
    m.verify();
  }
}
