package io.buddykit.sim.replay;

/**
 * One row of a fidelity table: what the kernel did and what the model did on the same trace.
 *
 * @param name the metric's name (e.g. {@code pcpRefills})
 * @param kernel the kernel's figure, from its own tracepoints or /proc files
 * @param model the model's figure on the same trace
 */
public record FidelityMetric(String name, double kernel, double model) {
  /**
   * Model over kernel: 1 when both are 0 (both did nothing, which agrees), NaN when only the
   * kernel's is 0 (no ratio exists; the table prints a dash and JSON null).
   */
  public double ratio() {
    if (kernel == 0) {
      return model == 0 ? 1.0 : Double.NaN;
    }
    return model / kernel;
  }

  /** True when the ratio exists and lies within [low, high]. */
  public boolean within(double low, double high) {
    double r = ratio();
    return !Double.isNaN(r) && r >= low && r <= high;
  }
}
