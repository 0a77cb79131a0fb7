package io.buddykit.share.cpu;

import java.util.function.Function;

/** The two ways to place CPU time in a frame: buddy slices or the exact-time baseline. */
public enum PlacerKind {
  BUDDY(BuddyPlacer::new),
  EXACT(ExactPlacer::new);

  private final Function<TimeFrame, Placer> factory;

  PlacerKind(Function<TimeFrame, Placer> factory) {
    this.factory = factory;
  }

  /** A fresh placer for {@code frame}. */
  public Placer create(TimeFrame frame) {
    return factory.apply(frame);
  }

  /** {@code buddy} or {@code exact}, as in result names. */
  public String label() {
    return this == BUDDY ? "buddy" : "exact";
  }
}
