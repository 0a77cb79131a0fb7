package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Thp;
import io.buddykit.sim.boot.BootLayout;

/** The small machines the view tests compute by hand, and a workload that fragments one. */
final class TestMachines {
  private TestMachines() {}

  /**
   * 64 MiB, one node, no reservations: DMA [0, 4096) with 4 order-10 blocks, DMA32 [4096, 16384)
   * with 12. THP is off, so min_free_kbytes = int_sqrt(65536 * 16) = 1024, 256 pages of min spread 1:3.
   */
  static Machine flat(boolean perCpuLists) {
    return Machine.booted(MachineConfig.of(64L << 20, 1).withBoot(BootLayout.none()).withPerCpuLists(perCpuLists)
        .withThp(Thp.NEVER));
  }

  /** BootTest's 64 MiB machine before the release of init memory (x86 holes, kernel, initrd), THP off. */
  static Machine bootedWithHoles() {
    return Machine.boot(MachineConfig.of(64L << 20, 1).withBoot(new BootLayout(true, 4L << 20, 4L << 20, 64, -1, 0))
        .withThp(Thp.NEVER));
  }

  /** Allocates {@code count} blocks of {@code order}, each of which must succeed. */
  static void allocate(Machine m, Gfp gfp, int order, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(m.allocPages(PageRequest.of(gfp, order).tagged(1))).as("allocation %d of order %d", i, order)
          .isGreaterThanOrEqualTo(0);
    }
  }
}
