package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Linux's per-CPU list sizing and indexing, checked against values computed by hand. */
class PcpSizingTest {

  @Test
  void listCounts() {
    // 3 pcp types * 4 orders (0..3) = 12, plus 2 THP lists = 14
    assertThat(PcpSizing.NR_LOWORDER_PCP_LISTS).isEqualTo(12);
    assertThat(PcpSizing.NR_PCP_LISTS).isEqualTo(14);
  }

  @Test
  void batchSizes() {
    // 1 MiB / 4 KiB = 256 pages cap.
    // 1000000 >> 10 = 976 -> min(976, 256) = 256; / 4 = 64; 64 + 32 = 96 -> 64 -> 63
    assertThat(PcpSizing.zoneBatchsize(1_000_000, 4096)).isEqualTo(63);
    assertThat(PcpSizing.zoneBatchsize(3_000_000, 4096)).isEqualTo(63);
    // 200000 >> 10 = 195; / 4 = 48; 48 + 24 = 72 -> 64 -> 63
    assertThat(PcpSizing.zoneBatchsize(200_000, 4096)).isEqualTo(63);
    // 100000 >> 10 = 97; / 4 = 24; 24 + 12 = 36 -> 32 -> 31
    assertThat(PcpSizing.zoneBatchsize(100_000, 4096)).isEqualTo(31);
    // 50000 >> 10 = 48; / 4 = 12; 12 + 6 = 18 -> 16 -> 15
    assertThat(PcpSizing.zoneBatchsize(50_000, 4096)).isEqualTo(15);
    // DMA 3840 >> 10 = 3; / 4 = 0 -> 1; 1 + 0 = 1 -> 1 -> 0
    assertThat(PcpSizing.zoneBatchsize(3840, 4096)).isZero();
    assertThat(PcpSizing.zoneBatchsize(0, 4096)).isZero();
    // 64 KiB pages: cap 1 MiB / 64 KiB = 16; / 4 = 4; 4 + 2 = 6 -> 4 -> 3
    assertThat(PcpSizing.zoneBatchsize(1_000_000, 65536)).isEqualTo(3);
    assertThatThrownBy(() -> PcpSizing.zoneBatchsize(-1, 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("managedPages");
    assertThatThrownBy(() -> PcpSizing.zoneBatchsize(10, 5000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page size");
  }

  @Test
  void highSizes() {
    // Normal of the 16 GiB machine (managed 3000000, low 5997), batch 63, 8 CPUs on the node:
    // 5997 / 8 = 749 > 63 * 4 = 252 -> 749
    assertThat(PcpSizing.zoneHighsize(3_000_000, 5997, 63, 8, 0)).isEqualTo(749);
    // fraction 8 (high_max): 3000000 / 8 = 375000; / 8 = 46875
    assertThat(PcpSizing.zoneHighsize(3_000_000, 5997, 63, 8, 8)).isEqualTo(46875);
    // 64 CPUs: 5997 / 64 = 93 < 252 -> 252
    assertThat(PcpSizing.zoneHighsize(3_000_000, 5997, 63, 64, 0)).isEqualTo(252);
    // DMA32 (managed 1000000, low 1999): 1999 / 8 = 249 < 252 -> 252
    assertThat(PcpSizing.zoneHighsize(1_000_000, 1999, 63, 8, 0)).isEqualTo(252);
    assertThatThrownBy(() -> PcpSizing.zoneHighsize(1000, 10, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nrSplitCpus");
    assertThatThrownBy(() -> PcpSizing.zoneHighsize(1000, 10, 1, 4, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percpu_pagelist_high_fraction");
    assertThatThrownBy(() -> PcpSizing.zoneHighsize(1000, 10, 0, 4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch");
  }

  @Test
  void zoneLimits() {
    // Normal, 16 GiB machine, 8 CPUs: batch 63, high_min 749, high_max 46875 (above)
    assertThat(PcpSizing.limits(3_000_000, 5997, 8, 0, 4096))
        .isEqualTo(new PcpSizing.Limits(63, 749, 46875));
    // fraction 16: 3000000 / 16 = 187500; / 8 = 23437 for both
    assertThat(PcpSizing.limits(3_000_000, 5997, 8, 16, 4096))
        .isEqualTo(new PcpSizing.Limits(63, 23437, 23437));
    // DMA (managed 3840, low 6): batch max(1, 0) = 1; high_min max(6 / 8 = 0, 4) = 4;
    // high_max 3840 / 8 = 480, / 8 = 60
    assertThat(PcpSizing.limits(3840, 6, 8, 0, 4096)).isEqualTo(new PcpSizing.Limits(1, 4, 60));
  }

  @Test
  void listIndexes() {
    // PCPTYPES * order + migratetype: UNMOVABLE 0, MOVABLE 1, RECLAIMABLE 2
    assertThat(PcpSizing.orderToPindex(Migratetype.UNMOVABLE, 0)).isZero();
    assertThat(PcpSizing.orderToPindex(Migratetype.MOVABLE, 0)).isEqualTo(1);
    assertThat(PcpSizing.orderToPindex(Migratetype.RECLAIMABLE, 0)).isEqualTo(2);
    // 3 * 3 + 1 = 10, 3 * 3 + 2 = 11
    assertThat(PcpSizing.orderToPindex(Migratetype.MOVABLE, 3)).isEqualTo(10);
    assertThat(PcpSizing.orderToPindex(Migratetype.RECLAIMABLE, 3)).isEqualTo(11);
    // THP: 12 for unmovable and reclaimable, 12 + 1 = 13 for movable
    assertThat(PcpSizing.orderToPindex(Migratetype.UNMOVABLE, 9)).isEqualTo(12);
    assertThat(PcpSizing.orderToPindex(Migratetype.RECLAIMABLE, 9)).isEqualTo(12);
    assertThat(PcpSizing.orderToPindex(Migratetype.MOVABLE, 9)).isEqualTo(13);
    assertThat(PcpSizing.orderToPindex(1, 13, 13)).isEqualTo(13);
    assertThat(PcpSizing.pindexToOrder(10, 9)).isEqualTo(3);
    assertThat(PcpSizing.pindexToOrder(2, 9)).isZero();
    assertThat(PcpSizing.pindexToOrder(12, 9)).isEqualTo(9);
    assertThat(PcpSizing.pindexToOrder(13, 13)).isEqualTo(13);
    assertThat(PcpSizing.pcpAllowedOrder(3, 9)).isTrue();
    assertThat(PcpSizing.pcpAllowedOrder(4, 9)).isFalse();
    assertThat(PcpSizing.pcpAllowedOrder(9, 9)).isTrue();
    assertThatThrownBy(() -> PcpSizing.orderToPindex(Migratetype.MOVABLE, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order 4");
    assertThatThrownBy(() -> PcpSizing.orderToPindex(Migratetype.HIGHATOMIC, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HIGHATOMIC");
    assertThatThrownBy(() -> PcpSizing.orderToPindex(null, 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PcpSizing.pindexToOrder(14, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pcp list 14");
  }
}
