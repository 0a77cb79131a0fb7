package io.buddykit.experiments.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The maximal aligned blocks a pfn range is freed as (Linux's __free_pages_memory, and the sim's
 * zone hand-over): counting them is what lets the scenario count the merges a release made.
 */
public final class HandOver {
  /** One block handed to the buddy allocator. */
  public record Piece(long pfn, int order) {}

  private HandOver() {}

  /** The pieces of [start, end), largest aligned first-fit, none above {@code maxOrder}. */
  public static List<Piece> pieces(long start, long end, int maxOrder) {
    List<Piece> out = new ArrayList<>();
    long p = start;
    while (p < end) {
      int order = Math.min(maxOrder, p == 0 ? maxOrder : Long.numberOfTrailingZeros(p));
      while (p + (1L << order) > end) {
        order--;
      }
      out.add(new Piece(p, order));
      p += 1L << order;
    }
    return out;
  }
}
