package io.buddykit.offheap;

import io.buddykit.core.BuddyInfo;
import java.util.List;

/**
 * A picture of a {@link BuddyArena}: bytes held by callers against bytes they asked for (internal
 * fragmentation), free pages per order, each slab class's slabs and objects, and what each thread's
 * cache holds.
 */
public record ArenaStats(
    long capacityBytes,
    int pageSize,
    int maxOrder,
    long usedBytes,
    long requestedBytes,
    long freeBytes,
    long cachedBytes,
    long[] buddyInfo,
    List<SlabClass> slabClasses,
    List<ThreadCacheState> threadCaches) {

  /** One slab size class: its slabs, their objects, and the objects in use or in thread caches. */
  public record SlabClass(int objectSize, int slabOrder, long slabs, long objects, long inUse) {
    /** Share of slab objects in use, 0..1 (0 with no slabs). */
    public double utilisation() {
      return objects == 0 ? 0 : inUse / (double) objects;
    }
  }

  /** One thread's cache. */
  public record ThreadCacheState(
      String thread, boolean alive, int entries, long bytes, long allocations, long frees) {}

  /** The free pages per order as a line of /proc/buddyinfo. */
  public String buddyInfoLine() {
    return BuddyInfo.line(0, "Arena", buddyInfo);
  }

  /** Granted minus requested bytes of what callers hold. */
  public long wastedBytes() {
    return usedBytes - requestedBytes;
  }
}
