package io.buddykit.experiments.stacks;

/** How threads get stack room: the seed's growth in place, its fallback alone, or no growth at all. */
public enum StackPolicy {
  /** Start small; grow by merging with the free buddy, else move (the seed's scheme). */
  GROW_IN_PLACE("grow in place, else move"),
  /**
   * As {@link #GROW_IN_PLACE}, but a new stack is placed in the lower half of a larger free block
   * when there is one, so that its buddy starts out free: growth room bought with packing.
   */
  SPREAD_IN_PLACE("spread out, grow in place, else move"),
  /** Start small; every growth past the block allocates a larger one and copies. */
  ALWAYS_MOVE("always move"),
  /** Reserve the maximum stack up front: never grows, never copies. */
  RESERVE_MAX("reserve the maximum");

  private final String label;

  StackPolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
