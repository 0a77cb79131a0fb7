package io.buddykit.sim.workload;

import io.buddykit.sim.Gfp;
import io.buddykit.trace.memory.GfpBits;

/**
 * What a workload's allocation stands for, and so which GFP mask it asks with and whether reclaim
 * may take it back: the kinds of memory whose mix decides how a machine fragments. Public as
 * the kinds {@link Holdings} and {@link MachineClient} count by.
 */
public enum PageKind {
  /** Kernel objects that never move: slab, page tables, kernel stacks. */
  KERNEL(Gfp.GFP_KERNEL, false),
  /** Network buffers, allocated from interrupts: they may not sleep and dip into reserves. */
  ATOMIC(Gfp.GFP_ATOMIC, false),
  /** Slab caches a shrinker can empty (dentries, inodes): grouped apart from unmovable pages. */
  SLAB_RECLAIMABLE(Gfp.GFP_KERNEL.with(GfpBits.__GFP_RECLAIMABLE), false),
  /** Anonymous memory: movable, never reclaimed (the model has no swap). */
  ANON(Gfp.GFP_HIGHUSER_MOVABLE, false),
  /** Page cache: movable, and reclaim takes the oldest back. */
  PAGE_CACHE(Gfp.GFP_HIGHUSER_MOVABLE, true);

  private static final PageKind[] VALUES = values();

  private final Gfp gfp;
  private final boolean reclaimable;

  PageKind(Gfp gfp, boolean reclaimable) {
    this.gfp = gfp;
    this.reclaimable = reclaimable;
  }

  /**
   * The mask for an allocation of {@code order}: anonymous memory of pageblock order or more is a
   * transparent huge page, which Linux asks for with GFP_TRANSHUGE (no kswapd wakeup).
   */
  public Gfp gfp(int order, int pageblockOrder) {
    return this == ANON && order >= pageblockOrder ? Gfp.GFP_TRANSHUGE : gfp;
  }

  public boolean reclaimable() {
    return reclaimable;
  }

  /** True for the kinds compaction may move. */
  public boolean movable() {
    return this == ANON || this == PAGE_CACHE;
  }

  static PageKind of(int ordinal) {
    return VALUES[ordinal];
  }

  static int count() {
    return VALUES.length;
  }
}
