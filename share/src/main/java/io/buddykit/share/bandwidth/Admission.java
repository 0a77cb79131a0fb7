package io.buddykit.share.bandwidth;

/**
 * The broker's answer to a flow: admitted at {@code start} with {@code granted} units (moving
 * {@code moved} live flows to make room), or blocked for lack of capacity (not enough free
 * bandwidth in total) or of a block (enough in total, but fragmented).
 */
public record Admission(Outcome outcome, long start, long granted, int moved) {
  /** Admitted or why not. */
  public enum Outcome { ADMITTED, BLOCKED_CAPACITY, BLOCKED_FRAGMENTATION }

  public boolean admitted() {
    return outcome == Outcome.ADMITTED;
  }
}
