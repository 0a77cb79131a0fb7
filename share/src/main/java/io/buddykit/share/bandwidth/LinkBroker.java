package io.buddykit.share.bandwidth;

import io.buddykit.core.BuddyAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A link's capacity managed as one buddy block: a flow asking for a rate gets the next power of
 * two of units (1 unit = 1 Mbit/s by default) as a block of the capacity, and gives it back when
 * it ends, where free blocks coalesce. Admission control refuses a flow that cannot be placed, and
 * tells capacity blocking (less free bandwidth in all than the rounded grant the flow needs — so a
 * flow whose own rate would fit can still be capacity-blocked by rounding) from fragmentation
 * blocking (enough free in all, but no free block of the size). With reassignment on, a
 * fragmentation-blocked flow may be admitted by moving live flows out of one aligned block (as
 * OVSF code reassignment does), only when every moved flow finds a new place: no live flow is ever
 * dropped.
 */
public final class LinkBroker {
  private final long capacity;
  private final Placement placement;
  private final boolean reassign;
  private BuddyAllocator link;
  private final Map<Long, Flow> flows = new HashMap<>();
  private final TreeMap<Long, Long> flowAt = new TreeMap<>();
  private long requested;
  private long reassignments;

  /** A live flow: its block and the rate it asked for. */
  public record Flow(long id, long start, int order, long rate) {
    long granted() {
      return 1L << order;
    }
  }

  /**
   * The largest link, 2^20 units (a terabit per second in the default Mbit/s units, above any link
   * built): the allocator's metadata and the copy a reassignment plans on cost heap and time in
   * proportion to the capacity, and at 2^30 units one run took two minutes and 5.5 GB.
   */
  public static final long MAX_CAPACITY = 1L << 20;

  public LinkBroker(long capacity, Placement placement, boolean reassign) {
    if (capacity < 1 || Long.bitCount(capacity) != 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity must be a power of two in [1, 2^20] units, got " + capacity);
    }
    this.capacity = capacity;
    this.placement = placement;
    this.reassign = reassign;
    this.link = BuddyAllocator.create(capacity, Long.numberOfTrailingZeros(capacity));
  }

  /** Admits flow {@code id} asking for {@code rate} units, or says why not. */
  public Admission admit(long id, long rate) {
    if (rate < 1 || rate > capacity) {
      throw new IllegalArgumentException("rate must be in [1, " + capacity + "], got " + rate);
    }
    if (flows.containsKey(id)) {
      throw new IllegalArgumentException("flow " + id + " is already live");
    }
    int order = BuddyAllocator.orderFor(rate);
    long start = place(link, order);
    int moved = 0;
    if (start < 0) {
      if (link.freeUnits() < 1L << order) {
        return new Admission(Admission.Outcome.BLOCKED_CAPACITY, -1, 0, 0);
      }
      if (!reassign || (moved = makeRoom(order)) < 0) {
        return new Admission(Admission.Outcome.BLOCKED_FRAGMENTATION, -1, 0, 0);
      }
      start = place(link, order);
      reassignments += moved;
    }
    Flow f = new Flow(id, start, order, rate);
    flows.put(id, f);
    flowAt.put(start, id);
    requested += rate;
    return new Admission(Admission.Outcome.ADMITTED, start, 1L << order, moved);
  }

  /** Ends flow {@code id}: its block goes back and coalesces with free buddies. */
  public void release(long id) {
    Flow f = flows.remove(id);
    if (f == null) {
      throw new IllegalArgumentException("flow " + id + " is not live");
    }
    flowAt.remove(f.start());
    link.free(f.start());
    requested -= f.rate();
  }

  /**
   * Places a block of {@code order} by the placement policy; its start, or -1. Crowded placement
   * takes, of the smallest free blocks that fit, the first whose buddy is the most used; what is
   * free within each buddy is read from one sorted copy of the free blocks (prefix sums), so a
   * placement costs O(F log F) in the F free blocks, not the F full scans it once took.
   */
  private long place(BuddyAllocator a, int order) {
    if (placement == Placement.LOWEST) {
      return a.tryAllocate(order);
    }
    FreeBlocks free = FreeBlocks.of(a);
    long start = -1;
    int bestOrder = Integer.MAX_VALUE;
    long bestCrowding = -1;
    for (int i = 0; i < free.count; i++) { // in the allocator's order: the first of equals wins
      int k = free.orders[i];
      if (k < order) {
        continue;
      }
      long at = free.starts[i];
      long size = 1L << k;
      long buddy = at ^ size;
      long crowding = buddy + size <= capacity ? size - free.within(buddy, size) : -1;
      if (k < bestOrder || (k == bestOrder && crowding > bestCrowding)) {
        // Next to the crowded buddy: the low end of a right half, the high end of a left half.
        start = buddy < at || crowding < 0 ? at : at + size - (1L << order);
        bestOrder = k;
        bestCrowding = crowding;
      }
    }
    if (start < 0) {
      return -1;
    }
    if (!a.tryAllocateAt(start, order)) {
      throw new IllegalStateException("free block at " + start + " could not be taken");
    }
    return start;
  }

  /** The free blocks of an allocator in its visiting order, and by address with prefix sums of their sizes. */
  private static final class FreeBlocks {
    private long[] starts = new long[64];
    private int[] orders = new int[64];
    private int count;
    private long[] sortedStarts;
    private long[] sortedEnds;
    private long[] prefix; // prefix[i]: units in the first i blocks by address

    static FreeBlocks of(BuddyAllocator a) {
      FreeBlocks f = new FreeBlocks();
      a.forEachFreeBlock((start, size, k, cls) -> f.add(start, k));
      int n = f.count;
      long[] packed = new long[n]; // start << 6 | order: starts are below MAX_CAPACITY, orders below 64
      for (int i = 0; i < n; i++) {
        packed[i] = f.starts[i] << 6 | f.orders[i];
      }
      Arrays.sort(packed); // by start: free blocks are disjoint
      f.sortedStarts = new long[n];
      f.sortedEnds = new long[n];
      f.prefix = new long[n + 1];
      for (int i = 0; i < n; i++) {
        f.sortedStarts[i] = packed[i] >>> 6;
        f.sortedEnds[i] = f.sortedStarts[i] + (1L << (packed[i] & 63));
        f.prefix[i + 1] = f.prefix[i] + (1L << (packed[i] & 63));
      }
      return f;
    }

    private void add(long start, int k) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        orders = Arrays.copyOf(orders, count * 2);
      }
      starts[count] = start;
      orders[count++] = k;
    }

    /** Free units within {@code [from, from + size)}. */
    long within(long from, long size) {
      long to = from + size;
      int i = firstEndAfter(from);
      int j = Arrays.binarySearch(sortedStarts, to);
      j = j >= 0 ? j : -j - 1; // first block starting at or after to
      if (i >= j) {
        return 0;
      }
      long units = prefix[j] - prefix[i];
      units -= Math.max(0, from - sortedStarts[i]);
      units -= Math.max(0, sortedEnds[j - 1] - to);
      return units;
    }

    private int firstEndAfter(long from) {
      int lo = 0;
      int hi = sortedEnds.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sortedEnds[mid] <= from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * Frees an aligned block of {@code order} by moving the live flows in it elsewhere, planned on a
   * copy of the link and adopted only if every moved flow finds a place. Tries the blocks with
   * the fewest flows to move first. Returns the number of flows moved, or -1.
   */
  private int makeRoom(int order) {
    long size = 1L << order;
    List<long[]> candidates = new ArrayList<>(); // start, flows inside
    for (long c = 0; c < capacity; c += size) {
      Map.Entry<Long, Long> before = flowAt.lowerEntry(c);
      if (before != null && flows.get(before.getValue()).start() + flows.get(before.getValue()).granted() > c) {
        continue; // a larger flow covers this block
      }
      int inside = flowAt.subMap(c, c + size).size();
      candidates.add(new long[] {c, inside});
    }
    candidates.sort(Comparator.<long[]>comparingLong(x -> x[1]).thenComparingLong(x -> x[0]));
    for (long[] cand : candidates.subList(0, Math.min(candidates.size(), 16))) {
      long c = cand[0];
      List<Flow> movers = new ArrayList<>();
      for (long fid : flowAt.subMap(c, c + size).values()) {
        movers.add(flows.get(fid));
      }
      BuddyAllocator plan = link.copy();
      for (Flow f : movers) {
        plan.free(f.start());
      }
      if (!plan.tryAllocateAt(c, order)) {
        continue;
      }
      movers.sort(Comparator.comparingInt(Flow::order).reversed());
      List<Flow> placed = new ArrayList<>();
      for (Flow f : movers) {
        long s = place(plan, f.order());
        if (s < 0) {
          break;
        }
        placed.add(new Flow(f.id(), s, f.order(), f.rate()));
      }
      if (placed.size() < movers.size()) {
        continue;
      }
      plan.free(c); // the room goes to the new flow, placed by admit
      link = plan;
      for (Flow f : movers) {
        flowAt.remove(f.start());
      }
      for (Flow f : placed) {
        flows.put(f.id(), f);
        flowAt.put(f.start(), f.id());
      }
      return movers.size();
    }
    return -1;
  }

  public long capacity() {
    return capacity;
  }

  /** Units held by live flows (rounded grants). */
  public long granted() {
    return capacity - link.freeUnits();
  }

  /** Units live flows asked for. */
  public long requested() {
    return requested;
  }

  public int liveFlows() {
    return flows.size();
  }

  public long reassignments() {
    return reassignments;
  }

  /** The live flow {@code id}, or null. */
  public Flow flow(long id) {
    return flows.get(id);
  }

  /** Free blocks per order of the link. */
  public long[] buddyInfo() {
    return link.buddyInfo();
  }

  /**
   * Checks that the grants never exceed the capacity, every live flow holds a live block of its
   * order at its start, and nothing else is live; throws IllegalStateException otherwise.
   */
  public void verify() {
    link.verify();
    long sum = 0;
    for (Flow f : flows.values()) {
      if (!link.isLive(f.start()) || link.orderOf(f.start()) != f.order()) {
        throw new IllegalStateException("flow " + f.id() + " lost its block at " + f.start());
      }
      if (!Long.valueOf(f.id()).equals(flowAt.get(f.start()))) {
        throw new IllegalStateException("flow " + f.id() + " is not indexed at " + f.start());
      }
      sum += f.granted();
    }
    if (sum > capacity || sum != granted() || link.liveAllocations() != flows.size()) {
      throw new IllegalStateException("grants " + sum + " of capacity " + capacity + ", link holds "
          + granted() + " in " + link.liveAllocations() + " blocks for " + flows.size() + " flows");
    }
  }
}
