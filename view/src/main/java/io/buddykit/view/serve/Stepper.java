package io.buddykit.view.serve;

import java.util.Map;

/** One kind of run (workload, trace replay, scenario) advanced a step at a time on its run's thread. */
interface Stepper {
  /** Steps in the whole run. */
  long total();

  /** Runs step {@code index}; steps come in order from 0. */
  void step(long index);

  /** The memory now, or null when the run has none to show (a scenario). */
  Snapshot snapshot();

  /** Run-specific numbers for the state's {@code summary} (failures, replay counts, a scenario's result). */
  Map<String, Object> summary();
}
