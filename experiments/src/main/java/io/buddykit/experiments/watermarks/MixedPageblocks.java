package io.buddykit.experiments.watermarks;

import io.buddykit.sim.Machine;
import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Zone;

/**
 * Counts pageblocks that hold a page nothing may move: each is lost to huge pages until that page
 * is freed, whatever compaction does. Why count them: a fallback that mixes a pageblock is the
 * damage gating is there to prevent.
 */
public final class MixedPageblocks {
  private MixedPageblocks() {}

  /** Pageblocks wholly in a zone with at least one unmovable or reclaimable held page. */
  public static long count(Machine m) {
    OwnerTable owners = m.owners();
    long pinned = 0;
    for (Zone z : m.zones()) {
      long pb = 1L << z.pageblockOrder();
      for (long start = (z.startPfn() + pb - 1) & -pb; start + pb <= z.endPfn(); start += pb) {
        for (long p = start; p < start + pb; p++) {
          if (owners.isHead(p) && !owners.isPcp(p) && !owners.isMovable(p)) {
            pinned++;
            break;
          }
        }
      }
    }
    return pinned;
  }
}
