package io.buddykit.share.bandwidth;

/** Where in the link's capacity a new flow's block goes. */
public enum Placement {
  /** The smallest free block that fits, lowest address first: the core allocator's own policy. */
  LOWEST,
  /**
   * The smallest free block that fits whose buddy is the most occupied, with the flow put at the
   * end next to that buddy: fills crowded subtrees first and keeps large free blocks whole, as
   * "most-crowded subtree first" code assignment does for OVSF codes.
   */
  CROWDED
}
