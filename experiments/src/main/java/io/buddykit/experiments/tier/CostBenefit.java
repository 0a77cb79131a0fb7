package io.buddykit.experiments.tier;

/**
 * The seed's migration test: promote a hot object into DRAM (demoting cold victims to NVM to make
 * room) only when the latency it saves over the coming epochs outweighs the one-time copying.
 *
 * <pre>
 *   benefit = horizonEpochs x (nvmNs - dramNs) x (hot rate - victims' rate)   [ns]
 *   cost    = copyNsPerPage x (hot pages + victims' pages)                     [ns]
 * </pre>
 *
 * where a rate is expected accesses per epoch. The victims' rate counts against the benefit
 * because their accesses get slower once they sit in NVM. Migrate exactly when benefit > cost.
 *
 * @param dramNs latency of an access to DRAM
 * @param nvmNs latency of an access to NVM
 * @param copyNsPerPage time to copy one 4 KiB page between the tiers
 * @param horizonEpochs how many epochs ahead the expected accesses are counted
 */
public record CostBenefit(double dramNs, double nvmNs, double copyNsPerPage, double horizonEpochs) {
  public CostBenefit {
    if (!(dramNs > 0 && nvmNs > dramNs) || !Double.isFinite(nvmNs)) {
      throw new IllegalArgumentException("need 0 < dram latency < nvm latency, got " + dramNs + " and " + nvmNs);
    }
    if (!(copyNsPerPage >= 0) || !Double.isFinite(copyNsPerPage)) {
      throw new IllegalArgumentException("copy cost must be >= 0 ns per page, got " + copyNsPerPage);
    }
    if (!(horizonEpochs > 0) || !Double.isFinite(horizonEpochs)) {
      throw new IllegalArgumentException("horizon must be > 0 epochs, got " + horizonEpochs);
    }
  }

  /** Latency saved over the horizon by the swap, in ns (negative when the victims are hotter). */
  public double benefitNs(double hotRate, double victimRate) {
    return horizonEpochs * (nvmNs - dramNs) * (hotRate - victimRate);
  }

  /** The one-time copy, in ns. */
  public double costNs(long hotPages, long victimPages) {
    return copyNsPerPage * (hotPages + victimPages);
  }

  /** True exactly when the benefit exceeds the cost. */
  public boolean worthIt(double hotRate, long hotPages, double victimRate, long victimPages) {
    return benefitNs(hotRate, victimRate) > costNs(hotPages, victimPages);
  }
}
