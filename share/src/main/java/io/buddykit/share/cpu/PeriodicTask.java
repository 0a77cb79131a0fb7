package io.buddykit.share.cpu;

import java.util.Objects;

/**
 * A periodic task: it needs {@code budgetUnits} of CPU time, as one slice, once in every period of
 * {@code periodFrames} frames. Its job of period k is released at the start of frame
 * {@code k * period} and its deadline is the end of frame {@code (k + 1) * period - 1}.
 */
public record PeriodicTask(String name, int periodFrames, long budgetUnits) {

  public PeriodicTask {
    Objects.requireNonNull(name, "name");
    if (periodFrames < 1) {
      throw new IllegalArgumentException(
          "task " + name + ": the period must be at least 1 frame, got " + periodFrames);
    }
    if (budgetUnits < 1) {
      throw new IllegalArgumentException(
          "task " + name + ": the budget must be at least 1 time unit, got " + budgetUnits);
    }
  }

  /** Its share of the CPU: budget per frame over the frame's length. */
  public double density(TimeFrame frame) {
    return (double) budgetUnits / periodFrames / frame.units();
  }
}
