package io.buddykit.share.cpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The work offered to a scheduler: periodic tasks and one-off requests (kept in arrival order).
 * Each is one client: clients {@code 0 .. periodic.size() - 1} are the periodic tasks in order, the
 * one-off requests follow in arrival order.
 */
public record FrameWorkload(List<PeriodicTask> periodic, List<OneOffRequest> oneOffs) {

  public FrameWorkload {
    periodic = List.copyOf(periodic);
    List<OneOffRequest> sorted = new ArrayList<>(oneOffs);
    sorted.sort(Comparator.comparingLong(OneOffRequest::arrivalFrame)); // stable
    oneOffs = List.copyOf(sorted);
  }

  /** Periodic tasks only. */
  public static FrameWorkload of(List<PeriodicTask> periodic) {
    return new FrameWorkload(periodic, List.of());
  }

  /** Number of clients: periodic tasks plus one-off requests. */
  public int clients() {
    return periodic.size() + oneOffs.size();
  }

  /** The name of client {@code id}. */
  public String clientName(int id) {
    return id < periodic.size() ? periodic.get(id).name() : oneOffs.get(id - periodic.size()).name();
  }

  /** Sum of the periodic tasks' densities (budget per frame over the frame's length). */
  public double periodicDensity(TimeFrame frame) {
    double d = 0;
    for (PeriodicTask t : periodic) {
      d += t.density(frame);
    }
    return d;
  }

  /** One-off time asked for per frame over {@code frames} frames, over the frame's length. */
  public double oneOffLoad(TimeFrame frame, long frames) {
    long sum = 0;
    for (OneOffRequest r : oneOffs) {
      if (r.arrivalFrame() < frames) {
        sum += r.budgetUnits();
      }
    }
    return frames == 0 ? 0 : (double) sum / frames / frame.units();
  }
}
