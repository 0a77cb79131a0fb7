package io.buddykit.sim.replay;

import io.buddykit.sim.FreeListSeed;
import io.buddykit.trace.TraceStats;
import java.util.List;

/**
 * What {@link Fidelity#run} found: the kernel against the model on one recorded trace.
 *
 * @param trace the trace file's name
 * @param kernel the recorded kernel release, or "unknown" without a shape file
 * @param shaped whether a shape file gave the machine, its starting free lists and its end state
 * @param read what the trace reader read
 * @param replay what the replay applied and skipped
 * @param seeded per seeded zone, what putting the recorded free lists in place did
 * @param metrics kernel against model, one row per metric
 */
public record FidelityReport(String trace, String kernel, boolean shaped, TraceStats read, ReplayStats replay,
    List<FreeListSeed.Outcome> seeded, List<FidelityMetric> metrics) {
  public FidelityReport {
    seeded = List.copyOf(seeded);
    metrics = List.copyOf(metrics);
  }

  /** The row named {@code name}; throws if there is none. */
  public FidelityMetric metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metric " + name));
  }
}
