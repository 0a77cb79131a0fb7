package io.buddykit.view.serve;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.workload.Workload;
import io.buddykit.sim.workload.Workloads;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named workload on a freshly booted machine, a step being the workload's step and then kswapd's
 * work, as {@code buddykit sim} runs it.
 */
final class WorkloadStepper implements Stepper {
  private final Machine machine;
  private final Workload workload;
  private final long total;

  /** Boots the machine; {@code steps} below 0 takes the workload's own length. */
  WorkloadStepper(String name, MachineConfig config, long seed, long steps) {
    this.machine = Machine.booted(config);
    this.workload = Workloads.of(name, machine, seed);
    this.total = steps < 0 ? workload.steps() : steps;
  }

  @Override
  public long total() {
    return total;
  }

  @Override
  public void step(long index) {
    workload.step(index);
    machine.tick();
  }

  @Override
  public Snapshot snapshot() {
    return Snapshot.of(machine);
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("heldBlocks", workload.holdings().count());
    s.put("failedRequests", workload.failures());
    return s;
  }
}
