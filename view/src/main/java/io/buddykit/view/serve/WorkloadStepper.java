package io.buddykit.view.serve;

import io.buddykit.app.WorkloadRun;
import io.buddykit.sim.MachineConfig;
import java.util.Map;

/** A workload run stepped by the live view: each step is {@link WorkloadRun#step}, as {@code buddykit sim} runs it. */
final class WorkloadStepper implements Stepper {
  private final WorkloadRun run;

  /** Boots the machine; {@code steps} below 0 takes the workload's own length. */
  WorkloadStepper(String name, MachineConfig config, long seed, long steps) {
    this.run = WorkloadRun.boot(name, config, seed, steps);
  }

  @Override
  public long total() {
    return run.steps();
  }

  @Override
  public void step(long index) {
    run.step(index);
  }

  @Override
  public Snapshot snapshot() {
    return Snapshot.of(run.machine());
  }

  @Override
  public Map<String, Object> summary() {
    return run.holdings();
  }
}
