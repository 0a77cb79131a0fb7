package io.buddykit.experiments.thp;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Zone;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the transparent huge pages a machine can give right now: order-9 allocations for
 * GFP_TRANSHUGE_LIGHT (no reclaim, no compaction: only what is already free and whole), taken
 * until the first refusal, checked to be naturally aligned, then all freed again (and the per-CPU
 * lists drained, so they are whole free blocks once more).
 */
public final class HugePages {
  /** Owner tag of probe pages, far above any workload's. */
  static final int TAG = Integer.MAX_VALUE - 3;

  private HugePages() {}

  /** What one count found. */
  public record Count(int hugePages, int misaligned, long firstPfn) {}

  /** Allocates huge pages until refused, checks them, frees them. */
  public static Count count(Machine machine) {
    int order = machine.config().pageblockOrder();
    long limit = machine.freePages() >> order;
    List<Long> held = new ArrayList<>();
    int misaligned = 0;
    while (held.size() <= limit) {
      long pfn = machine.allocPages(PageRequest.of(Gfp.GFP_TRANSHUGE_LIGHT, order).tagged(TAG));
      if (pfn < 0) {
        break;
      }
      if ((pfn & ((1L << order) - 1)) != 0 || machine.owners().order(pfn) != order) {
        misaligned++;
      }
      held.add(pfn);
    }
    for (long pfn : held) {
      machine.freePages(pfn, 0);
    }
    machine.drainAllPages(); // freed huge pages may sit on a per-CPU list: back to the buddy lists
    return new Count(held.size(), misaligned, held.isEmpty() ? -1 : held.getFirst());
  }

  /** Free memory in whole free pageblocks (free buddy blocks of pageblock order or more). */
  public static long freePageblocks(Machine machine) {
    int order = machine.config().pageblockOrder();
    long n = 0;
    for (Zone z : machine.zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), order);
    }
    return n;
  }
}
