package io.buddykit.app;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.proc.MachineSnapshot;
import io.buddykit.sim.proc.MetricsSeries;
import io.buddykit.sim.proc.VmStatCounters;
import io.buddykit.sim.proc.ZoneSnapshot;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named, seeded workload on a freshly booted machine, as {@code buddykit sim} runs it to the end
 * and the live view runs it step by step: one step is the workload's step and then the machine's
 * tick (kswapd's work), defined here once.
 */
public final class WorkloadRun {
  private final Machine machine;
  private final Workload workload;
  private final long steps;
  private final long seed;

  private WorkloadRun(Machine machine, Workload workload, long steps, long seed) {
    this.machine = machine;
    this.workload = workload;
    this.steps = steps;
    this.seed = seed;
  }

  /** The longest run taken, as the aging scenario's {@code steps}: a million steps take minutes. */
  public static final long MAX_STEPS = 1_000_000;

  /**
   * Boots the machine and makes the workload; {@code steps} below 0 takes the workload's own length.
   *
   * @throws IllegalArgumentException if {@code steps} is above {@link #MAX_STEPS}
   */
  public static WorkloadRun boot(String workload, MachineConfig config, long seed, long steps) {
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps " + steps + " is above the most a run takes, " + MAX_STEPS);
    }
    Machine m = Machine.booted(config);
    Workload w = Workloads.of(workload, m, seed);
    return new WorkloadRun(m, w, steps < 0 ? w.steps() : steps, seed);
  }

  public Machine machine() {
    return machine;
  }

  /** Steps the run takes in all. */
  public long steps() {
    return steps;
  }

  /** Step {@code index}: the workload's requests and frees, then kswapd. */
  public void step(long index) {
    workload.step(index);
    machine.tick();
  }

  /**
   * Runs every step, sampling the machine about 100 times; progress goes to {@code progress} when
   * it is given and the run is long enough to need it.
   */
  public MetricsSeries runAll(PrintWriter progress) {
    MetricsSeries series = new MetricsSeries();
    series.sample(0, machine);
    long every = Math.max(1, steps / 100);
    boolean report = progress != null && steps >= 1000;
    for (long s = 0; s < steps; s++) {
      step(s);
      if ((s + 1) % every == 0 || s + 1 == steps) {
        series.sample(s + 1, machine);
        if (report && (s + 1) % (every * 10) == 0) {
          progress.printf("\r%s: step %,d of %,d", workload.name(), s + 1, steps);
          progress.flush();
        }
      }
    }
    if (report) {
      progress.println();
    }
    return series;
  }

  /** What the workload holds and could not get: the live view's running summary. */
  public Map<String, Object> holdings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("heldBlocks", workload.holdings().count());
    s.put("failedRequests", workload.failures());
    return s;
  }

  /** The end of a whole run as {@code buddykit sim} reports it, from the series it sampled. */
  public Map<String, Object> summary(MetricsSeries series) {
    long[] pageblocks = series.column(MetricsSeries.FREE_PAGEBLOCKS);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("workload", workload.name());
    s.put("steps", steps);
    s.put("seed", seed);
    s.put("thp", machine.config().thp().sysfsName());
    s.put("minFreeKbytes", machine.minFreeKbytes());
    s.put("managedPages", machine.managedPages());
    s.put("freePages", machine.freePages());
    s.put("freePageblocksAtBoot", pageblocks[0]);
    s.put("freePageblocksNow", pageblocks[pageblocks.length - 1]);
    s.put("hugePagesPossibleIfContiguous", machine.freePages() >> machine.config().pageblockOrder());
    // Per zone, as debugfs prints it: a fragmentation index of the machine's summed free lists
    // means nothing, since no allocation takes pages from two zones.
    int pbOrder = machine.config().pageblockOrder();
    for (ZoneSnapshot z : MachineSnapshot.of(machine).zones()) {
      String zone = z.node() + "." + z.name();
      s.put("freePages." + zone, z.freePages());
      // In extfrag_index's own scale (the kernel keeps thousandths and prints "%d.%03d",
      // mm/vmstat.c extfrag_show_print, Linux 7.3): -1 means an order-9 block is free.
      s.put("extfragIndexPageblockOrder." + zone, z.extfragIndex()[pbOrder] / 1000.0);
      s.put("watermarkBoost." + zone, z.watermarkBoost());
    }
    s.putAll(holdings());
    s.putAll(VmStatCounters.linux(machine.stat()));
    s.putAll(VmStatCounters.model(machine.stat()));
    return s;
  }
}
