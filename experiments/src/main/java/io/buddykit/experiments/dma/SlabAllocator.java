package io.buddykit.experiments.dma;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal kmalloc over order-0 pages: power-of-two size classes from 8 bytes to one page, each
 * a cache whose slabs are single pages carved into equal objects. Why it exists here: an object
 * lives inside one page, so a request larger than a page is refused outright, which is the
 * seed's reason DMA buffers come from the buddy allocator instead.
 */
public final class SlabAllocator {
  /** The smallest size class (kmalloc-8). */
  public static final int MIN_OBJECT = 8;

  private final Machine machine;
  private final Gfp gfp;
  private final int cpu;
  private final int tag;
  private final int pageShift;
  /** Per size class (log2 of the object size): slab pages with a free object. */
  private final Map<Integer, ArrayDeque<Long>> partial = new HashMap<>();
  private final Map<Long, Slab> slabs = new HashMap<>();
  private long refusals;
  private long pageFailures;

  /** One slab page: its size class and which objects are in use. */
  private record Slab(int sizeShift, BitSet used) {}

  /**
   * @param gfp the mask slab pages are allocated with (a driver's GFP_KERNEL | __GFP_DMA32)
   * @param tag the owner tag the machine records for every slab page
   */
  public SlabAllocator(Machine machine, Gfp gfp, int cpu, int tag) {
    this.machine = machine;
    this.gfp = gfp;
    this.cpu = cpu;
    this.tag = tag;
    this.pageShift = machine.config().pageShift();
  }

  /** The largest object: one page. */
  public long maxObjectBytes() {
    return 1L << pageShift;
  }

  /**
   * An object of at least {@code bytes} bytes; returns its physical address, or -1 when no page
   * could be had. Throws {@link ObjectTooLargeException} (and counts a refusal) above one page.
   */
  public long allocate(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("object size must be >= 1 byte, got " + bytes);
    }
    if (bytes > maxObjectBytes()) {
      refusals++;
      throw new ObjectTooLargeException(bytes, maxObjectBytes());
    }
    int shift = Math.max(Long.numberOfTrailingZeros(MIN_OBJECT), 64 - Long.numberOfLeadingZeros(bytes - 1));
    ArrayDeque<Long> list = partial.computeIfAbsent(shift, k -> new ArrayDeque<>());
    if (list.isEmpty()) {
      long pfn = machine.allocPages(PageRequest.of(gfp, 0).onCpu(cpu).tagged(tag));
      if (pfn < 0) {
        pageFailures++;
        return -1;
      }
      slabs.put(pfn, new Slab(shift, new BitSet()));
      list.push(pfn);
    }
    long pfn = list.peek();
    Slab s = slabs.get(pfn);
    int index = s.used().nextClearBit(0);
    s.used().set(index);
    if (s.used().cardinality() == objectsPerSlab(shift)) {
      list.pop();
    }
    return (pfn << pageShift) + ((long) index << shift);
  }

  /** Frees the object at {@code address}; an emptied slab page goes back to the machine. */
  public void free(long address) {
    long pfn = address >>> pageShift;
    Slab s = slabs.get(pfn);
    if (s == null) {
      throw new IllegalArgumentException("address " + address + " is in no slab page");
    }
    long offset = address & ((1L << pageShift) - 1);
    int index = (int) (offset >>> s.sizeShift());
    if ((offset & ((1L << s.sizeShift()) - 1)) != 0 || !s.used().get(index)) {
      throw new IllegalArgumentException("address " + address + " is not a live object");
    }
    boolean wasFull = s.used().cardinality() == objectsPerSlab(s.sizeShift());
    s.used().clear(index);
    ArrayDeque<Long> list = partial.get(s.sizeShift());
    if (s.used().isEmpty()) {
      list.remove(pfn);
      slabs.remove(pfn);
      machine.freePages(pfn, cpu);
    } else if (wasFull) {
      list.push(pfn);
    }
  }

  private int objectsPerSlab(int shift) {
    return 1 << (pageShift - shift);
  }

  /** Slab pages held now. */
  public int pages() {
    return slabs.size();
  }

  /** Requests refused because they were larger than a page. */
  public long refusals() {
    return refusals;
  }

  /** Requests that failed because the machine had no page for a new slab. */
  public long pageFailures() {
    return pageFailures;
  }
}
