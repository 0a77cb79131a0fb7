package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.boot.BootLayout;
import org.junit.jupiter.api.Test;

/** The memblock hand-over and the release of init memory, checked against hand-made buddyinfo. */
class BootTest {
  /** 64 MiB, x86 holes, a 4 MiB kernel, a 4 MiB initrd, memmap and boot page tables, no swiotlb. */
  static MachineConfig small() {
    return MachineConfig.of(64L << 20, 1).withBoot(new BootLayout(true, 4L << 20, 4L << 20, 64, -1, 0));
  }

  @Test
  void withoutReservationsEveryZoneIsWholeMaxOrderBlocks() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()));
    // 16384 pages: DMA [0, 4096) and DMA32 [4096, 16384), 4 and 12 blocks of 1024 pages.
    assertThat(m.node(0).zone(ZoneType.DMA).buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4);
    assertThat(m.node(0).zone(ZoneType.DMA32).buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12);
    assertThat(m.node(0).zone(ZoneType.NORMAL)).isNull();
    m.verify();
  }

  @Test
  void handOverIsMaximalAlignedBlocksAroundTheReservations() {
    Machine m = Machine.boot(small());
    // DMA: RAM [1, 160) and [256, 4096); reserve_real_mode holds the first 1 MiB, so [1, 160)
    // stays reserved and [256, 4096) is 256@256 (o8), 512@512 (o9), then three order-10 blocks:
    // 3840 managed pages, as the DMA zone of a Linux 6.18 x86-64 guest's /proc/zoneinfo shows.
    assertThat(m.node(0).zone(ZoneType.DMA).buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3);
    assertThat(m.node(0).zone(ZoneType.DMA).managedPages()).isEqualTo(3840);
    assertThat(m.node(0).zone(ZoneType.DMA).presentPages()).isEqualTo(159 + 3840);
    // DMA32 [4096, 16384): kernel [4096, 5120), page tables 16384 pages * 8 B = 32 pages at
    // [5120, 5152), initrd 1024 pages top-down [15360, 16384), memmap 16384 * 64 B = 256 pages
    // below it [15104, 15360). Free [5152, 15104): o5@5152, o6@5184, o7@5248, o8@5376, o9@5632,
    // eight o10 from 6144 to 14336, o9@14336, o8@14848.
    assertThat(m.node(0).zone(ZoneType.DMA32).buddyInfo()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 8);
    m.verify();
  }

  @Test
  void releasingInitrdAndPageTablesCoalescesBackToMaxOrder() {
    Machine m = Machine.boot(small());
    long before = m.freePages();
    assertThat(m.releaseInitMemory()).isEqualTo(1024 + 32);
    assertThat(m.freePages()).isEqualTo(before + 1024 + 32);
    // The initrd is one o10 block; the page tables [5120, 5152) merge with o5..o9 up to
    // [5120, 6144), whose buddy [4096, 5120) is the kernel: two more order-10 blocks, and the
    // o5..o7 and one each of o8 and o9 are gone.
    assertThat(m.node(0).zone(ZoneType.DMA32).buddyInfo()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 10);
    assertThat(m.releaseInitMemory()).isZero();
    m.verify();
  }

  @Test
  void defaultLayoutOfASixteenGibTwoNodeMachine() {
    Machine m = Machine.booted(MachineConfig.of(16L << 30, 2));
    // Node 0: RAM to 3 GiB, then 5 GiB from 4 GiB (the PCI hole), so DMA, DMA32 and Normal;
    // node 1 starts at 9 GiB with Normal only.
    assertThat(m.node(0).zones()).extracting(Zone::type)
        .containsExactly(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL);
    assertThat(m.node(1).zones()).extracting(Zone::type).containsExactly(ZoneType.NORMAL);
    assertThat(m.node(1).zone(ZoneType.NORMAL).startPfn()).isEqualTo(9L << 18);
    // memmap is 1/64 of RAM: 128 MiB per node stays reserved, so does the kernel and swiotlb.
    long ram = 16L << 18;
    assertThat(m.managedPages()).isLessThan(ram - 2 * (128L << 8)).isGreaterThan(ram - 3 * (128L << 8));
    m.verify();
  }
}
