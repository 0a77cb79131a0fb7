package io.buddykit.cli;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.proc.MetricsSeries;
import io.buddykit.sim.proc.VmStatCounters;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit sim}: boots a simulated machine, runs a workload on it and shows its memory. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {"Boots a simulated machine (nodes, zones, pageblocks, migratetypes, watermarks,",
        "per-CPU lists, kswapd, compaction), runs a seeded workload and prints buddyinfo,",
        "pagetypeinfo, the fragmentation indices and a summary."})
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

  @Option(names = "--json", description = "Print one JSON object (with the time series).")
  boolean json;

  @Override
  public Integer call() {
    MachineConfig config = MachineConfig.of(memory, nodes).withPerCpuLists(!noPcp);
    Machine m = Machine.booted(config);
    Workload w = Workloads.of(workload, m, seed);
    long n = steps < 0 ? w.steps() : steps;
    MetricsSeries series = run(m, w, n, json ? null : spec.commandLine().getErr());
    Map<String, Object> summary = summary(m, w, n, seed, series);
    if (json) {
      Map<String, Object> extra = new LinkedHashMap<>(summary);
      extra.put("series", series.toSeries());
      MachineReport.print(spec.commandLine().getOut(), m, extra, true);
    } else {
      MachineReport.print(spec.commandLine().getOut(), m, summary, false);
    }
    return 0;
  }

  /** Runs {@code steps} steps, sampling about 100 times; progress goes to {@code progress} if given. */
  static MetricsSeries run(Machine m, Workload w, long steps, PrintWriter progress) {
    MetricsSeries series = new MetricsSeries();
    series.sample(0, m);
    long every = Math.max(1, steps / 100);
    for (long s = 0; s < steps; s++) {
      w.step(s);
      m.tick();
      if ((s + 1) % every == 0 || s + 1 == steps) {
        series.sample(s + 1, m);
        if (progress != null && steps >= 1000 && (s + 1) % (every * 10) == 0) {
          progress.printf("\r%s: step %,d of %,d", w.name(), s + 1, steps);
          progress.flush();
        }
      }
    }
    if (progress != null && steps >= 1000) {
      progress.println();
    }
    return series;
  }

  static Map<String, Object> summary(Machine m, Workload w, long steps, long seed, MetricsSeries series) {
    long[] pageblocks = series.column(MetricsSeries.FREE_PAGEBLOCKS);
    long[] extfrag = series.column(MetricsSeries.EXTFRAG_PAGEBLOCK);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("workload", w.name());
    s.put("steps", steps);
    s.put("seed", seed);
    s.put("managedPages", m.managedPages());
    s.put("freePages", m.freePages());
    s.put("freePageblocksAtBoot", pageblocks[0]);
    s.put("freePageblocksNow", pageblocks[pageblocks.length - 1]);
    s.put("hugePagesPossibleIfContiguous", m.freePages() >> m.config().pageblockOrder());
    s.put("extfragIndexPageblockOrder", extfrag[extfrag.length - 1]);
    s.put("heldBlocks", w.holdings().count());
    s.put("failedRequests", w.failures());
    s.putAll(VmStatCounters.linux(m.stat()));
    s.putAll(VmStatCounters.model(m.stat()));
    return s;
  }
}
