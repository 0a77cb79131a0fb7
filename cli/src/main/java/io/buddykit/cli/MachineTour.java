package io.buddykit.cli;

import io.buddykit.core.Fragmentation;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.proc.BuddyInfoView;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.util.ArrayList;
import java.util.List;

/**
 * The tour's machine section: a small x86-64 machine through its life. The memblock hand-over,
 * the release of the initrd and boot page tables, an aging workload, then compaction
 * (compact_memory), with /proc/buddyinfo and the huge-page figures at each stage.
 */
final class MachineTour {
  /** What the machine looked like at one stage. */
  record Stage(
      String stage, List<String> buddyinfo, long freePages, long freePageblocks, int unusableIndexPageblock,
      long migratedPages, long failedRequests) {}

  private MachineTour() {}

  static List<Stage> run(long memory, long steps, long seed) {
    Machine m = Machine.boot(MachineConfig.of(memory, 1));
    List<Stage> stages = new ArrayList<>();
    stages.add(stage("memblock hand-over", m, 0));
    m.releaseInitMemory();
    stages.add(stage("initrd and boot page tables freed", m, 0));
    Workload w = Workloads.of("aging", m, seed);
    Workloads.run(m, w, steps);
    stages.add(stage("aged (" + steps + " steps)", m, w.failures()));
    m.compactAll();
    stages.add(stage("compacted (compact_memory)", m, w.failures()));
    return stages;
  }

  private static Stage stage(String name, Machine m, long failed) {
    int pb = m.config().pageblockOrder();
    long[] total = new long[m.config().maxOrder() + 1];
    for (Zone z : m.zones()) {
      long[] info = z.buddyInfo();
      for (int k = 0; k < info.length; k++) {
        total[k] += info[k];
      }
    }
    long pageblocks = 0;
    for (int k = pb; k < total.length; k++) {
      pageblocks += total[k] << (k - pb);
    }
    return new Stage(name, BuddyInfoView.render(m).lines().toList(), m.freePages(), pageblocks,
        Fragmentation.unusableFreeIndex(total, pb), m.stat().pgmigrateSuccess, failed);
  }
}
