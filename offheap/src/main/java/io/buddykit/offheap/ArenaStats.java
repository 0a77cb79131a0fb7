package io.buddykit.offheap;

import io.buddykit.core.BuddyInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

  /** Equal when every component is, the free pages per order compared element by element. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ArenaStats a
        && capacityBytes == a.capacityBytes
        && pageSize == a.pageSize
        && maxOrder == a.maxOrder
        && usedBytes == a.usedBytes
        && requestedBytes == a.requestedBytes
        && freeBytes == a.freeBytes
        && cachedBytes == a.cachedBytes
        && Arrays.equals(buddyInfo, a.buddyInfo)
        && slabClasses.equals(a.slabClasses)
        && threadCaches.equals(a.threadCaches);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(capacityBytes, pageSize, maxOrder, usedBytes, requestedBytes, freeBytes,
        cachedBytes, slabClasses, threadCaches) + Arrays.hashCode(buddyInfo);
  }

  /**
   * The components as a record prints them, but the free pages per order as their counts
   * ({@code buddyInfo=[3, 0, 1]}) rather than the array's identity ({@code [J@1f}).
   */
  @Override
  public String toString() {
    return "ArenaStats[capacityBytes=" + capacityBytes + ", pageSize=" + pageSize + ", maxOrder=" + maxOrder
        + ", usedBytes=" + usedBytes + ", requestedBytes=" + requestedBytes + ", freeBytes=" + freeBytes
        + ", cachedBytes=" + cachedBytes + ", buddyInfo=" + Arrays.toString(buddyInfo)
        + ", slabClasses=" + slabClasses + ", threadCaches=" + threadCaches + "]";
  }
}
