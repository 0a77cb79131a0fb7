package io.buddykit.share.cpu;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Who goes first in a frame. The scheduler offers the pending requests to the placer in this
 * order and defers those that no longer fit; ties go to the earlier release.
 *
 * <ul>
 *   <li>{@link #FIFO}: arrival order.
 *   <li>{@link #SMALLEST_FIRST}: the smallest request first (packs many requests, and can starve a
 *       big one for ever while small ones keep coming).
 *   <li>{@link #AGING}: the smallest <em>aged</em> size first, where a request of b units that has
 *       waited w frames counts as b / (1 + w). Its priority grows without bound while it waits:
 *       after b - 1 frames it goes before every fresh request (a fresh request counts at least 1,
 *       and ties go to the older), so a stream of small newcomers cannot hold it back for ever,
 *       as it can under {@link #SMALLEST_FIRST}.
 * </ul>
 */
public enum Policy {
  FIFO("fifo"),
  SMALLEST_FIRST("smallest"),
  AGING("aging");

  private static final Comparator<Job> BY_RELEASE =
      Comparator.<Job>comparingLong(j -> j.release).thenComparingLong(j -> j.seq);

  private final String label;

  Policy(String label) {
    this.label = label;
  }

  /** The short name used in parameters and result names: fifo, smallest or aging. */
  public String label() {
    return label;
  }

  /** The policy named {@code fifo}, {@code smallest} or {@code aging} (any case). */
  public static Policy parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Policy p : values()) {
      if (p.label.equals(n) || p.name().toLowerCase(Locale.ROOT).equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy '" + name + "' (known: fifo, smallest, aging)");
  }

  /** All policies, in declaration order. */
  public static List<Policy> all() {
    return List.of(values());
  }

  /** The order in which pending jobs are offered in {@code frame}. */
  Comparator<Job> order(long frame) {
    return switch (this) {
      case FIFO -> BY_RELEASE;
      case SMALLEST_FIRST -> Comparator.<Job>comparingLong(j -> j.budget).thenComparing(BY_RELEASE);
      case AGING -> ((Comparator<Job>) (a, b) -> {
            // a.budget / (1 + wa) vs b.budget / (1 + wb), without rounding
            long wa = 1 + a.waited(frame);
            long wb = 1 + b.waited(frame);
            return Long.compare(a.budget * wb, b.budget * wa);
          }).thenComparing(BY_RELEASE);
    };
  }
}
