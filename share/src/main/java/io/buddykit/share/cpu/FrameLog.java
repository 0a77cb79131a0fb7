package io.buddykit.share.cpu;

import java.util.List;

/**
 * What happened in one frame: the slots placed (in placement order), the clients whose request
 * was deferred, and the periodic tasks whose job missed its deadline at this frame's end.
 */
public record FrameLog(long frame, List<Slot> slots, List<Integer> deferred, List<Integer> missed) {

  public FrameLog {
    slots = List.copyOf(slots);
    deferred = List.copyOf(deferred);
    missed = List.copyOf(missed);
  }

  /** Time units granted in this frame. */
  public long grantedUnits() {
    long sum = 0;
    for (Slot s : slots) {
      sum += s.grantedUnits();
    }
    return sum;
  }
}
