package io.buddykit.experiments.watermarks;

import io.buddykit.sim.FallbackGate;
import io.buddykit.sim.MachineConfig;

/** The policies compared for low-priority requests: how each configures the machine. */
public enum Gating {
  /** min_free_kbytes 0 (min watermark 0) and no ALLOC_NOFRAGMENT for anyone. */
  UNGATED("ungated"),
  /** Linux as it boots: default watermarks; ALLOC_NOFRAGMENT only where Linux sets it. */
  WATERMARKS("watermarks"),
  /**
   * Default watermarks, and low-priority requests keep ALLOC_NOFRAGMENT on every pass: they never
   * mix a pageblock (on an aged machine, where no pageblock is wholly free, they never fall back).
   */
  GATED("gated");

  private final String label;

  Gating(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public MachineConfig apply(MachineConfig c) {
    return switch (this) {
      case UNGATED -> c.withMinFreeKbytes(0).withFallbackGate(FallbackGate.OFF);
      case WATERMARKS -> c.withFallbackGate(FallbackGate.LINUX);
      case GATED -> c.withFallbackGate(FallbackGate.NOFRAGMENT);
    };
  }
}
