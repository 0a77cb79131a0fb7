package io.buddykit.share.cpu;

import java.util.Objects;

/**
 * A one-off request: {@code budgetUnits} of CPU time, as one slice, wanted from frame
 * {@code arrivalFrame} on. It has no deadline: it waits until it is placed.
 */
public record OneOffRequest(String name, long arrivalFrame, long budgetUnits) {

  public OneOffRequest {
    Objects.requireNonNull(name, "name");
    if (arrivalFrame < 0) {
      throw new IllegalArgumentException(
          "request " + name + ": the arrival frame must be 0 or later, got " + arrivalFrame);
    }
    if (budgetUnits < 1) {
      throw new IllegalArgumentException(
          "request " + name + ": the budget must be at least 1 time unit, got " + budgetUnits);
    }
  }
}
