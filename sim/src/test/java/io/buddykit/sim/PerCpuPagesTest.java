package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Linux 6.x's per-CPU list tuning (mm/page_alloc.c, 6.12 and 7.3), formula by formula, with values
 * worked by hand from the kernel's code. Small limits (batch 4, highMin 16, highMax 64) keep the
 * arithmetic readable; {@code batch << PCP_BATCH_SCALE_MAX} is 128 with them.
 */
class PerCpuPagesTest {
  private static PerCpuPages small() {
    return new PerCpuPages(4, 16, 64, 9);
  }

  private static void pushFree(PerCpuPages pcp, long pfn, int order) {
    pcp.push(pcp.index(Migratetype.MOVABLE, order), pfn, order);
  }

  @Test
  void orderZeroRefillsDoubleAndRaiseHighUntilHighMax() {
    PerCpuPages pcp = small();
    assertThat(pcp.high()).as("per_cpu_pages_init leaves high 0").isZero();
    // high = clamp(0, 16, 64) = 16; batch 4 << 0; high 16 + 4 = 20; max_nr_alloc max(20 - 0 - 4, 4) = 16.
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(4);
    assertThat(pcp.high()).isEqualTo(20);
    assertThat(pcp.allocFactor()).isEqualTo(1);
    // 4 << 1 = 8; high 28; max_nr_alloc 24
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(8);
    assertThat(pcp.high()).isEqualTo(28);
    // 16; high 44; max_nr_alloc 40
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(16);
    // 32; high min(76, 64) = 64; max_nr_alloc 60; alloc_factor 4
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(32);
    assertThat(pcp.high()).isEqualTo(64);
    assertThat(pcp.allocFactor()).isEqualTo(4);
    // 64 > max_nr_alloc 60: 60 pages, alloc_factor stays 4
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(60);
    assertThat(pcp.allocFactor()).isEqualTo(4);
  }

  @Test
  void aFreeHalvesTheAllocFactorAndHigherOrdersTakeBatchShiftedDown() {
    PerCpuPages pcp = small();
    pcp.nrPcpAlloc(0, false);
    pcp.nrPcpAlloc(0, false);
    assertThat(pcp.allocFactor()).isEqualTo(2);
    pushFree(pcp, 0, 0);
    pcp.freed(0);
    assertThat(pcp.allocFactor()).isEqualTo(1);
    // order 2: batch 4, high 28 + 4 = 32, max(4 >> 2, 2) = 2 blocks
    assertThat(pcp.nrPcpAlloc(2, false)).isEqualTo(2);
    assertThat(pcp.high()).isEqualTo(32);
  }

  @Test
  void belowTheHighWatermarkRefillsLeaveHighAlone() {
    PerCpuPages pcp = small();
    assertThat(pcp.nrPcpAlloc(0, true)).isEqualTo(4); // max_nr_alloc max(16 - 0 - 4, 4) = 12
    assertThat(pcp.high()).isEqualTo(16);
  }

  @Test
  void aRunOfFreesRaisesHighToHoldItThenFreesTheRun() {
    PerCpuPages pcp = small();
    int high = 0;
    for (int i = 0; i < 16; i++) {
      pushFree(pcp, 8L * i, 0);
      assertThat(pcp.freed(0)).isFalse();
      high = pcp.nrPcpHigh(false, false, false);
    }
    // 16th free: count 16 >= high 16, need_high = free_count 16 + batch 4 = 20
    assertThat(high).isEqualTo(16);
    assertThat(pcp.high()).isEqualTo(20);
    // nr_pcp_free: clamp(free_count 16, batch 4, high 16 - batch 4 = 12) = 12
    assertThat(pcp.nrPcpFree(high, false)).isEqualTo(12);
  }

  @Test
  void belowHighOrUnderReclaimAFreeLowersHigh() {
    PerCpuPages pcp = small();
    for (int i = 0; i < 4; i++) {
      pcp.nrPcpAlloc(0, false); // high 64 after these (see the first test)
    }
    pushFree(pcp, 0, 0);
    pcp.freed(0); // free_count 1
    // below high: high max(64 - max(1, 4), 16) = 60; the answer max(count 1, 16) = 16
    assertThat(pcp.nrPcpHigh(false, true, false)).isEqualTo(16);
    assertThat(pcp.high()).isEqualTo(60);
    // kswapd at work: high max(60 - 4, 16) = 56; the answer min(4 << 2, 56) = 16
    assertThat(pcp.nrPcpHigh(true, false, false)).isEqualTo(16);
    assertThat(pcp.high()).isEqualTo(56);
  }

  @Test
  void freeHighDrainsAfterALongEnoughRunOfHighOrderFrees() {
    PerCpuPages pcp = small();
    // 7.3's threshold: free_count >= batch + high_min / 2 = 12, checked before the free counts;
    // free_count is 2(j-1) before the j-th order-1 free, so the 7th is the first free_high.
    for (int j = 1; j <= 6; j++) {
      pushFree(pcp, 16L * j, 1);
      assertThat(pcp.freed(1)).as("free %d", j).isFalse();
    }
    assertThat(pcp.flags() & PerCpuPages.PCPF_PREV_FREE_HIGH_ORDER).isNotZero();
    pushFree(pcp, 16L * 7, 1);
    assertThat(pcp.freed(1)).isTrue();
    assertThat(pcp.nrPcpHigh(false, false, true)).isZero(); // drain now
    assertThat(pcp.high()).isEqualTo(16); // max(16 - 128, 16)
    assertThat(pcp.nrPcpFree(0, true)).isEqualTo(14); // min(count 14, 128)
    pushFree(pcp, 0, 0);
    pcp.freed(0);
    assertThat(pcp.flags() & PerCpuPages.PCPF_PREV_FREE_HIGH_ORDER).as("an order-0 free clears it").isZero();
  }

  @Test
  void anAllocationHalvesTheRunOfFrees() {
    PerCpuPages pcp = small();
    for (int i = 0; i < 6; i++) {
      pushFree(pcp, 8L * i, 0);
      pcp.freed(0);
    }
    assertThat(pcp.freeCount()).isEqualTo(6);
    pcp.allocating();
    assertThat(pcp.freeCount()).isEqualTo(3);
  }

  @Test
  void theVmstatTickDecaysHighByAnEighthAndFreesWhatIsAbove() {
    PerCpuPages pcp = small();
    for (int i = 0; i < 4; i++) {
      pcp.nrPcpAlloc(0, false);
    }
    assertThat(pcp.high()).isEqualTo(64);
    assertThat(pcp.decayHigh()).isZero();
    assertThat(pcp.high()).isEqualTo(56); // 64 - 64 / 8
    pcp.decayHigh();
    assertThat(pcp.high()).isEqualTo(49); // 56 - 7
    pcp.decayHigh();
    assertThat(pcp.high()).isEqualTo(43); // 49 - 6
    for (int i = 0; i < 50; i++) {
      pushFree(pcp, 8L * i, 0);
    }
    // max3(50 - 128, 43 - 5, 16) = 38; 50 - 38 = 12 pages to free
    assertThat(pcp.decayHigh()).isEqualTo(12);
    assertThat(pcp.high()).isEqualTo(38);
    for (int i = 0; i < 20; i++) {
      pcp.decayHigh();
    }
    assertThat(pcp.high()).as("never below highMin").isEqualTo(16);
  }

  @Test
  void aFixedHighIsNeverMoved() {
    PerCpuPages pcp = new PerCpuPages(4, 16, 16, 9);
    assertThat(pcp.nrPcpAlloc(0, false)).isEqualTo(4); // max_nr_alloc max(16 - 0 - 4, 4) = 12
    assertThat(pcp.high()).isEqualTo(16);
    pushFree(pcp, 0, 0);
    pcp.freed(0);
    assertThat(pcp.nrPcpHigh(false, false, false)).isEqualTo(16);
    assertThat(pcp.decayHigh()).isZero();
    assertThat(pcp.high()).isEqualTo(16);
  }
}
