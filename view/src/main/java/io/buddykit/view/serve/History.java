package io.buddykit.view.serve;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's numbers over time for the page's line chart, at most {@value #MAX_POINTS} points: when
 * full, every other point is dropped and from then on only every 2nd (4th, ...) point offered is
 * kept, so a long run costs the same to send as a short one and still spans the whole run.
 */
final class History {
  static final int MAX_POINTS = 512;
  private static final String[] NAMES = {"step", "freePages", "freeFragBlocks", "extfrag", "unusable"};

  private final long[][] columns = new long[NAMES.length][MAX_POINTS];
  private int size;
  private long offered;
  private long stride = 1;

  /** Offers the state after {@code step}; {@code last} (the run's final state) is always kept. */
  void add(long step, Snapshot s, boolean last) {
    if (offered++ % stride != 0 && !last) {
      return;
    }
    if (size == MAX_POINTS) {
      for (long[] c : columns) {
        for (int i = 0; i < MAX_POINTS / 2; i++) {
          c[i] = c[2 * i];
        }
      }
      size = MAX_POINTS / 2;
      stride *= 2;
    }
    long[] row = {step, s.freePages(), s.freeFragBlocks(), s.extfrag(), s.unusable()};
    for (int c = 0; c < row.length; c++) {
      columns[c][size] = row[c];
    }
    size++;
  }

  /** The columns by name, for the state JSON. */
  Map<String, long[]> toJson() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (int c = 0; c < NAMES.length; c++) {
      out.put(NAMES[c], Arrays.copyOf(columns[c], size));
    }
    return out;
  }
}
