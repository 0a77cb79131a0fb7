package io.buddykit.offheap;

import io.buddykit.core.BuddyInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A picture of a {@link BuddyArena}: bytes held by callers against bytes they asked for (internal
 * fragmentation), free pages per order, each slab class's slabs and objects, what each thread's
 * cache holds, and what the kernel holds for the arena: the mapping, the part of it resident in RAM
 * and the part given back ({@link BuddyArena#purge}).
 *
 * @param capacityBytes the arena's size, whole pages
 * @param pageSize the buddy unit in bytes
 * @param maxOrder the largest block is {@code pageSize << maxOrder}
 * @param mappedBytes the arena's mapping, the capacity (virtual memory)
 * @param residentBytes bytes of the mapping resident in RAM now, from the kernel (mincore(2))
 * @param usedBytes bytes held by callers, the live bytes (granted: rounded to the size class or
 *     the block)
 * @param requestedBytes bytes callers asked for, of what they hold
 * @param freeBytes bytes free in the buddy allocator (not counting thread caches; chunks a purge
 *     has in hand for the madvise call are missing for that moment)
 * @param cachedBytes bytes free in thread caches
 * @param purgedBytes bytes given back to the kernel and not handed out since (whole purge-size
 *     chunks); with MADV_FREE they stay resident until the kernel reclaims them
 * @param buddyInfo free blocks per order, as a line of /proc/buddyinfo
 * @param slabClasses each slab size class
 * @param threadCaches each thread's cache, ended threads' included until a trim retires them
 */
public record ArenaStats(
    long capacityBytes,
    int pageSize,
    int maxOrder,
    long mappedBytes,
    long residentBytes,
    long usedBytes,
    long requestedBytes,
    long freeBytes,
    long cachedBytes,
    long purgedBytes,
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

  /** Bytes held by callers: {@link #usedBytes}, under the name the kernel-facing figures use. */
  public long liveBytes() {
    return usedBytes;
  }

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
        && mappedBytes == a.mappedBytes
        && residentBytes == a.residentBytes
        && purgedBytes == a.purgedBytes
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
    return 31 * Objects.hash(capacityBytes, pageSize, maxOrder, mappedBytes, residentBytes, usedBytes,
        requestedBytes, freeBytes, cachedBytes, purgedBytes, slabClasses, threadCaches) + Arrays.hashCode(buddyInfo);
  }

  /**
   * The components as a record prints them, but the free pages per order as their counts
   * ({@code buddyInfo=[3, 0, 1]}) rather than the array's identity ({@code [J@1f}), and the slab
   * classes without slabs left out.
   */
  @Override
  public String toString() {
    return "ArenaStats[capacityBytes=" + capacityBytes + ", pageSize=" + pageSize + ", maxOrder=" + maxOrder
        + ", mappedBytes=" + mappedBytes + ", residentBytes=" + residentBytes
        + ", usedBytes=" + usedBytes + ", requestedBytes=" + requestedBytes + ", freeBytes=" + freeBytes
        + ", cachedBytes=" + cachedBytes + ", purgedBytes=" + purgedBytes
        + ", buddyInfo=" + Arrays.toString(buddyInfo)
        + ", slabClasses=" + slabClasses.stream().filter(c -> c.slabs() > 0).toList()
        + ", threadCaches=" + threadCaches + "]";
  }
}
