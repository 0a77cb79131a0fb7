package io.buddykit.share.cpu;

/**
 * Places requests for CPU time in the current frame and gives the whole frame back at its end.
 * Within a frame slots are only taken, never given back early.
 */
public interface Placer {

  /** The frame it places in. */
  TimeFrame frame();

  /** A short name for results: {@code buddy} or {@code exact}. */
  String name();

  /**
   * Places a request of {@code units} in the current frame: the first unit of its slot, or -1 when
   * it does not fit now. A request outside 1 to {@code frame().units()} is refused with an
   * {@link IllegalArgumentException}.
   */
  long place(long units);

  /** Time units a request of {@code units} occupies once placed. */
  long granted(long units);

  /** Units of the current frame not yet given to a slot. */
  long freeUnits();

  /** Ends the frame: every slot is given back and the next frame starts empty. */
  void endFrame();
}
