package io.buddykit.experiments.dma;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import io.buddykit.trace.memory.GfpBits;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks an aged machine for DMA buffers the ways a driver could: as one buddy block under the
 * device's limit, without and then with direct compaction, and as separate one-page slab objects,
 * holding everything it got until the round ends and then giving it all back, so that each
 * checkpoint measures how many buffers could be had at once and leaves the machine as it found it
 * (up to the pages compaction moved and reclaim took).
 */
public final class DmaProbe {
  /** The buffer mask that may neither reclaim nor compact (nor wake kswapd). */
  public static final Gfp NO_COMPACTION = Gfp.GFP_DMA32;
  /** The buffer mask of a driver that may sleep: direct reclaim and direct compaction. */
  public static final Gfp COMPACTION = Gfp.GFP_KERNEL.with(GfpBits.__GFP_DMA32);
  /** Owner tags far above any workload's, for pages nobody migrates or reclaims. */
  static final int BUFFER_TAG = Integer.MAX_VALUE - 1;
  static final int SLAB_TAG = Integer.MAX_VALUE - 2;

  private final Machine machine;
  private final int order;
  private final long limitPfn;
  private final SlabAllocator slab;
  private long misplaced;
  private long obtained;

  /** @param order the buffer's order: 4 for 64 KiB of 4 KiB pages */
  public DmaProbe(Machine machine, int order) {
    if (order < 1 || order > machine.config().maxOrder()) {
      throw new IllegalArgumentException("buffer order " + order + " outside 1.." + machine.config().maxOrder());
    }
    this.machine = machine;
    this.order = order;
    this.limitPfn = ZoneType.DMA32.limitPfn(machine.config().pageShift());
    this.slab = new SlabAllocator(machine, COMPACTION, 0, SLAB_TAG);
  }

  public SlabAllocator slab() {
    return slab;
  }

  /** The first pfn a DMA32 device cannot address (4 GiB). */
  public long limitPfn() {
    return limitPfn;
  }

  /** Buffers obtained so far that were not contiguous, naturally aligned and below the limit: 0. */
  public long misplaced() {
    return misplaced;
  }

  /** Buffers obtained so far. */
  public long obtained() {
    return obtained;
  }

  /** One buffer for {@code gfp}, checked, or null when the machine refused. */
  public DmaBuffer allocate(Gfp gfp) {
    long pfn = machine.allocPages(PageRequest.of(gfp, order).tagged(BUFFER_TAG));
    if (pfn < 0) {
      return null;
    }
    DmaBuffer b = new DmaBuffer(pfn, order);
    obtained++;
    if (!b.naturallyAligned() || !b.below(limitPfn) || !machine.owners().isHead(pfn)
        || machine.owners().order(pfn) != order) {
      misplaced++;
    }
    return b;
  }

  /** Runs the three probes of one checkpoint. */
  public DmaCheckpoint checkpoint(long step, int tries, int groups) {
    long free = 0;
    long blocks = 0;
    for (Zone z : machine.zones()) {
      if (z.type().ordinal() <= ZoneType.DMA32.ordinal()) {
        free += z.freePages();
        blocks += BuddyInfo.suitableBlocks(z.buddyInfo(), order);
      }
    }
    int contiguous = slabGroups(groups);
    int without = buffers(NO_COMPACTION, tries);
    int with = buffers(COMPACTION, tries);
    return new DmaCheckpoint(step, free, blocks, contiguous, groups, without, with, tries);
  }

  /** Groups of 2^order one-page slab objects that came out physically contiguous. */
  int slabGroups(int groups) {
    int pages = 1 << order;
    long pageBytes = slab.maxObjectBytes();
    int shift = machine.config().pageShift();
    List<Long> held = new ArrayList<>();
    int contiguous = 0;
    for (int g = 0; g < groups; g++) {
      long[] pfns = new long[pages];
      boolean complete = true;
      for (int i = 0; i < pages; i++) {
        long address = slab.allocate(pageBytes);
        if (address < 0) {
          complete = false;
          break;
        }
        held.add(address);
        pfns[i] = address >>> shift;
      }
      if (complete && Contiguity.consecutive(pfns)) {
        contiguous++;
      }
    }
    for (long address : held) {
      slab.free(address);
    }
    return contiguous;
  }

  /** How many of {@code tries} buffers {@code gfp} gets, all held at once, then freed. */
  int buffers(Gfp gfp, int tries) {
    List<DmaBuffer> held = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      DmaBuffer b = allocate(gfp);
      if (b != null) {
        held.add(b);
      }
    }
    for (DmaBuffer b : held) {
      machine.freePages(b.pfn(), 0);
    }
    return held.size();
  }
}
