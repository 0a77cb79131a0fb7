package io.buddykit.experiments.balloon;

import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Zone;
import java.util.SplittableRandom;

/**
 * Ballooning without a target: the balloon driver takes guest pages at random (a random page of
 * a releasable allocation; its whole folio goes with it) until some pageblock happens to become
 * wholly free. Counts the pages taken.
 */
public final class RandomBalloon {
  private RandomBalloon() {}

  /**
   * The outcome.
   *
   * @param pfn the pageblock that became free, or -1 when none did (every releasable page was taken)
   * @param pages pages given up
   */
  public record Outcome(long pfn, long pages) {}

  public static Outcome run(Guest guest, long seed) {
    OwnerTable owners = guest.machine().owners();
    long n = 0;
    for (long p = 0; p < owners.size(); p++) {
      if (guest.releasable(p)) {
        n += 1L << owners.order(p);
      }
    }
    long[] pages = new long[Math.toIntExact(n)];
    int i = 0;
    for (long p = 0; p < owners.size(); p++) {
      if (guest.releasable(p)) {
        for (long q = p; q < p + (1L << owners.order(p)); q++) {
          pages[i++] = q;
        }
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    long taken = 0;
    for (int k = pages.length - 1; k >= 0; k--) { // Fisher-Yates, drawn as we go
      int j = r.nextInt(k + 1);
      long page = pages[j];
      pages[j] = pages[k];
      long head = headOf(guest, page);
      if (head < 0) {
        continue; // already given up with its folio
      }
      taken += guest.release(head);
      if (guest.pageblockFree(head)) {
        return new Outcome(head & -guest.pageblockPages(), taken);
      }
    }
    return new Outcome(-1, taken);
  }

  /** The head of the live releasable allocation holding {@code page}, or -1 when it is free now. */
  private static long headOf(Guest guest, long page) {
    Zone z = guest.machine().zoneOf(page);
    if (z.isFree(page)) {
      return -1;
    }
    OwnerTable owners = guest.machine().owners();
    for (int k = 0; k <= guest.machine().config().maxOrder(); k++) {
      long h = page & -(1L << k);
      if (owners.isHead(h) && owners.order(h) >= k) {
        return guest.releasable(h) ? h : -1;
      }
    }
    return -1;
  }
}
