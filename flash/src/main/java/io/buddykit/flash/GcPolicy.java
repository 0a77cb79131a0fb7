package io.buddykit.flash;

/** How garbage collection picks the block to clean. */
public enum GcPolicy {
  /** The closed block with the fewest valid pages: least copying now. */
  GREEDY,
  /**
   * The closed block maximising (1 - u) / 2u times its age (u its valid share), as Rosenblum and
   * Ousterhout's LFS cleaner: old, mostly invalid blocks first, so cold data is not copied again
   * and again.
   */
  COST_BENEFIT,
  /** Greedy among d closed blocks drawn at random (d = 8): near-greedy at a fraction of the scan. */
  D_CHOICES;

  public static GcPolicy parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "greedy" -> GREEDY;
      case "cost-benefit", "costbenefit", "cost_benefit" -> COST_BENEFIT;
      case "d-choices", "dchoices", "d_choices" -> D_CHOICES;
      default -> throw new IllegalArgumentException("unknown GC policy '" + s + "' (greedy, cost-benefit, d-choices)");
    };
  }
}
