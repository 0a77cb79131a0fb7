package io.buddykit.share.cpu;

import java.util.BitSet;

/**
 * The exact-time baseline: a request of n units takes exactly n contiguous units, the first run
 * of n free units in the frame's timeline (first fit), with no rounding and no alignment. Since
 * nothing is freed within a frame, the free time is always one run at the end of the frame and a
 * request fits exactly when it is no longer than that run.
 */
public final class ExactPlacer implements Placer {
  private final TimeFrame frame;
  private final BitSet busy;
  private long used;

  public ExactPlacer(TimeFrame frame) {
    this.frame = frame;
    this.busy = new BitSet(frame.units());
  }

  @Override
  public TimeFrame frame() {
    return frame;
  }

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public long place(long units) {
    Quantum.check(units, frame);
    int n = (int) units;
    int start = busy.nextClearBit(0);
    while (start + n <= frame.units()) {
      int next = busy.nextSetBit(start);
      if (next < 0 || next >= start + n) {
        busy.set(start, start + n);
        used += n;
        return start;
      }
      start = busy.nextClearBit(next);
    }
    return -1;
  }

  @Override
  public long granted(long units) {
    Quantum.check(units, frame);
    return units;
  }

  @Override
  public long freeUnits() {
    return frame.units() - used;
  }

  @Override
  public void endFrame() {
    busy.clear();
    used = 0;
  }
}
