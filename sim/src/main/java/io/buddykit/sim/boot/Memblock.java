package io.buddykit.sim.boot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The boot-time allocator (Linux's memblock): the RAM ranges firmware reported, per node, and the
 * named ranges reserved in them before the buddy allocator exists. Allocations are made top-down
 * below a limit, as memblock does by default. When the buddy allocator takes over, everything
 * not reserved is handed to it ({@link #free()}); later a reservation can be released.
 *
 * <p>Public to read (the boot experiment reports the layout); only {@link Boot} fills one.
 */
public final class Memblock {
  /** A pfn range [start, end), with the node it belongs to and a name for reservations. */
  public record Region(String name, int nid, long start, long end) {
    public long pages() {
      return end - start;
    }
  }

  private final List<Region> memory = new ArrayList<>();
  private final List<Region> reserved = new ArrayList<>();

  /** An empty memblock; {@link Boot#layout} fills it. */
  Memblock() {}

  /** Adds RAM [start, end) of node {@code nid} (memblock_add_node). */
  void addMemory(int nid, long start, long end) {
    if (start >= end || start < 0) {
      throw new IllegalArgumentException("empty or negative memory range [" + start + ", " + end + ")");
    }
    for (Region r : memory) {
      if (start < r.end() && r.start() < end) {
        throw new IllegalArgumentException("memory [" + start + ", " + end + ") overlaps " + r);
      }
    }
    memory.add(new Region("memory", nid, start, end));
    memory.sort(Comparator.comparingLong(Region::start));
  }

  /** Reserves [start, end) under {@code name} (memblock_reserve); it must lie in RAM and be free. */
  Region reserve(String name, long start, long end) {
    if (start >= end) {
      throw new IllegalArgumentException(name + ": empty range [" + start + ", " + end + ")");
    }
    Region in = memory.stream().filter(r -> r.start() <= start && end <= r.end()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            name + ": [" + start + ", " + end + ") is not within one RAM range"));
    for (Region r : reserved) {
      if (start < r.end() && r.start() < end) {
        throw new IllegalArgumentException(name + ": [" + start + ", " + end + ") overlaps reservation " + r);
      }
    }
    Region r = new Region(name, in.nid(), start, end);
    reserved.add(r);
    reserved.sort(Comparator.comparingLong(Region::start));
    return r;
  }

  /**
   * Reserves {@code pages} pages aligned to {@code align} pages, as high as possible below
   * {@code limit} on node {@code nid} (memblock_alloc_range_nid, top-down).
   */
  Region allocTopDown(String name, long pages, long align, long limit, int nid) {
    List<Region> free = free();
    for (int i = free.size() - 1; i >= 0; i--) {
      Region f = free.get(i);
      if (f.nid() != nid) {
        continue;
      }
      long end = Math.min(f.end(), limit);
      long start = (end - pages) & -align;
      if (start >= f.start() && start + pages <= end) {
        return reserve(name, start, start + pages);
      }
    }
    throw new IllegalStateException(name + ": no " + pages + " free pages below pfn " + limit + " on node " + nid);
  }

  /** Reserves {@code pages} pages as low as possible at or above {@code from} (bottom-up). */
  Region allocBottomUp(String name, long pages, long from, int nid) {
    for (Region f : free()) {
      long start = Math.max(f.start(), from);
      if (f.nid() == nid && start + pages <= f.end()) {
        return reserve(name, start, start + pages);
      }
    }
    throw new IllegalStateException(name + ": no " + pages + " free pages above pfn " + from + " on node " + nid);
  }

  /**
   * Removes the reservation named {@code name} and returns it (memblock_free / free_reserved_area).
   * Public for {@link io.buddykit.sim.Machine#releaseInitMemory()}, which hands the range to the
   * buddy allocator in the same step; anyone else would leave the two disagreeing.
   */
  public Region release(String name) {
    for (Region r : reserved) {
      if (r.name().equals(name)) {
        reserved.remove(r);
        return r;
      }
    }
    throw new IllegalArgumentException("no reservation named " + name);
  }

  /** RAM not reserved, in address order: what memblock_free_all hands to the buddy allocator. */
  public List<Region> free() {
    List<Region> out = new ArrayList<>();
    for (Region m : memory) {
      long p = m.start();
      for (Region r : reserved) {
        if (r.end() <= p || r.start() >= m.end()) {
          continue;
        }
        if (r.start() > p) {
          out.add(new Region("free", m.nid(), p, r.start()));
        }
        p = Math.max(p, r.end());
      }
      if (p < m.end()) {
        out.add(new Region("free", m.nid(), p, m.end()));
      }
    }
    return out;
  }

  public List<Region> memory() {
    return List.copyOf(memory);
  }

  public List<Region> reserved() {
    return List.copyOf(reserved);
  }
}
