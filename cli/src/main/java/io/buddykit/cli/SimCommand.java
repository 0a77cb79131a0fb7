package io.buddykit.cli;

import io.buddykit.app.WorkloadRun;
import io.buddykit.core.FreeListOrder;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.proc.MetricsSeries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit sim}: boots a simulated machine, runs a workload on it and shows its memory. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Boots a simulated machine (nodes, zones, pageblocks, migratetypes, watermarks,"
        + " per-CPU lists, kswapd, compaction), runs a seeded workload and prints buddyinfo,"
        + " pagetypeinfo, the fragmentation indices and a summary.")
final class SimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--memory", defaultValue = "4G", converter = SizeConverter.class,
      description = "RAM (default ${DEFAULT-VALUE}).")
  long memory;

  @Option(names = "--nodes", defaultValue = "1",
      description = "NUMA nodes, RAM split evenly (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--workload", defaultValue = "aging",
      description = "aging, synthetic or steady (default ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--steps", defaultValue = "-1", description = "Steps to run (default: the workload's own length).")
  long steps;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-pcp", description = "Turn the per-CPU page lists off.")
  boolean noPcp;

  @Option(names = "--free-list-order", defaultValue = "linux", converter = FreeListOrderConverter.class,
      description = "Which free block of an order the zones hand out: linux (the kernel's LIFO lists) or"
          + " lowest-address (live pages pack towards pfn 0) (default ${DEFAULT-VALUE}).")
  FreeListOrder freeListOrder;

  @picocli.CommandLine.Mixin ProgressOptions progressOptions = new ProgressOptions();

  @Option(names = "--json", description = "Print one JSON object (with the time series).")
  boolean json;

  @Mixin VmTunables tunables;

  @Override
  public Integer call() {
    checkSteps();
    MachineConfig config = tunables.apply(
        MachineConfig.of(memory, nodes).withPerCpuLists(!noPcp).withFreeListOrder(freeListOrder));
    HeapBudget.require("--memory " + Sizes.format(memory), config.heapBytes());
    WorkloadRun run = WorkloadRun.boot(workload, config, seed, steps);
    MetricsSeries series = run.runAll(json ? null : progressOptions.writer(spec.commandLine().getErr()));
    Map<String, Object> summary = run.summary(series);
    if (json) {
      Map<String, Object> extra = new LinkedHashMap<>(summary);
      extra.put("series", series.toSeries());
      MachineReport.print(spec.commandLine().getOut(), run.machine(), extra, true);
    } else {
      MachineReport.print(spec.commandLine().getOut(), run.machine(), summary, false);
    }
    return 0;
  }

  /** --steps is the workload's own length (-1, the default) or a count in 1..{@link WorkloadRun#MAX_STEPS}. */
  private void checkSteps() {
    if (steps < 1 && steps != -1 || steps > WorkloadRun.MAX_STEPS) {
      throw new IllegalArgumentException("--steps must be in 1.." + WorkloadRun.MAX_STEPS
          + " (or left out for the workload's own length), not " + steps);
    }
  }
}
