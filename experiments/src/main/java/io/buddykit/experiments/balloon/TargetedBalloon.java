package io.buddykit.experiments.balloon;

import io.buddykit.core.FreeBlock;
import io.buddykit.sim.OwnerTable;
import io.buddykit.sim.Zone;

/**
 * The seed's targeted reclamation: the hypervisor finds the pageblock closest to free (fewest
 * allocated pages, every one of them movable or reclaimable) and has the balloon driver give up
 * exactly those pages, after which the whole 2 MiB block is free.
 */
public final class TargetedBalloon {
  private TargetedBalloon() {}

  /**
   * The pageblock to empty.
   *
   * @param pfn its first pfn, or -1 when every pageblock holds a page that may not be given up
   * @param pages its allocated pages
   */
  public record Target(long pfn, long pages) {}

  /** The pageblock with the fewest allocated pages, all releasable, not already free; lowest pfn on ties. */
  public static Target pick(Guest guest) {
    OwnerTable owners = guest.machine().owners();
    long pbPages = guest.pageblockPages();
    long bestPfn = -1;
    long bestPages = Long.MAX_VALUE;
    for (Zone z : guest.machine().zones()) {
      for (long pb = (z.startPfn() + pbPages - 1) & -pbPages; pb + pbPages <= z.endPfn(); pb += pbPages) {
        if (guest.pageblockFree(pb)) {
          continue;
        }
        long allocated = 0;
        boolean ok = true;
        for (long p = pb; p < pb + pbPages && ok; ) {
          long free = z.freeBlockContaining(p);
          if (free >= 0) {
            p = FreeBlock.end(free);
          } else if (owners.isHead(p)) {
            ok = guest.releasable(p);
            allocated += 1L << owners.order(p);
            p += 1L << owners.order(p);
          } else {
            ok = false; // a hole or a boot reservation: never freed
          }
        }
        if (ok && allocated < bestPages) {
          bestPages = allocated;
          bestPfn = pb;
        }
      }
    }
    return bestPfn < 0 ? new Target(-1, 0) : new Target(bestPfn, bestPages);
  }

  /** Empties the picked pageblock; returns what was done (pages given up), or pfn -1 on failure. */
  public static Target run(Guest guest) {
    Target t = pick(guest);
    if (t.pfn() < 0) {
      return t;
    }
    OwnerTable owners = guest.machine().owners();
    long released = 0;
    for (long p = t.pfn(); p < t.pfn() + guest.pageblockPages(); p++) {
      if (owners.isHead(p)) {
        released += guest.release(p);
      }
    }
    if (released != t.pages() || !guest.pageblockFree(t.pfn())) {
      throw new IllegalStateException("pageblock " + t.pfn() + " not free after giving up " + released + " pages");
    }
    return t;
  }
}
