package io.buddykit.experiments.dma;

import io.buddykit.offheap.KmallocSizes;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal kmalloc over order-0 pages: kmalloc's size classes ({@link KmallocSizes}) up to one
 * page, each a cache whose slabs are single pages carved into equal objects. Why it exists here:
 * an object lives inside one page, so a request larger than a page is refused outright, which is
 * the seed's reason DMA buffers come from the buddy allocator instead.
 */
public final class SlabAllocator {
  private final Machine machine;
  private final Gfp gfp;
  private final int cpu;
  private final int tag;
  private final int pageShift;
  private final long[] classes;
  /** Per size class: slab pages with a free object. */
  private final Map<Integer, ArrayDeque<Long>> partial = new HashMap<>();
  private final Map<Long, Slab> slabs = new HashMap<>();
  private long refusals;
  private long pageFailures;

  /** One slab page: its size class and which objects are in use. */
  private record Slab(int sizeClass, BitSet used) {}

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
    this.classes = KmallocSizes.upTo(1L << pageShift);
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
    int c = KmallocSizes.indexOf(classes, bytes);
    ArrayDeque<Long> list = partial.computeIfAbsent(c, k -> new ArrayDeque<>());
    if (list.isEmpty()) {
      long pfn = machine.allocPages(PageRequest.of(gfp, 0).onCpu(cpu).tagged(tag));
      if (pfn < 0) {
        pageFailures++;
        return -1;
      }
      slabs.put(pfn, new Slab(c, new BitSet()));
      list.push(pfn);
    }
    long pfn = list.peek();
    Slab s = slabs.get(pfn);
    int index = s.used().nextClearBit(0);
    s.used().set(index);
    if (s.used().cardinality() == objectsPerSlab(c)) {
      list.pop();
    }
    return (pfn << pageShift) + index * classes[c];
  }

  /** Frees the object at {@code address}; an emptied slab page goes back to the machine. */
  public void free(long address) {
    long pfn = address >>> pageShift;
    Slab s = slabs.get(pfn);
    if (s == null) {
      throw new IllegalArgumentException("address " + address + " is in no slab page");
    }
    long offset = address & ((1L << pageShift) - 1);
    long size = classes[s.sizeClass()];
    int index = (int) (offset / size);
    if (offset % size != 0 || !s.used().get(index)) {
      throw new IllegalArgumentException("address " + address + " is not a live object");
    }
    boolean wasFull = s.used().cardinality() == objectsPerSlab(s.sizeClass());
    s.used().clear(index);
    ArrayDeque<Long> list = partial.get(s.sizeClass());
    if (s.used().isEmpty()) {
      list.remove(pfn);
      slabs.remove(pfn);
      machine.freePages(pfn, cpu);
    } else if (wasFull) {
      list.push(pfn);
    }
  }

  private int objectsPerSlab(int c) {
    return (int) ((1L << pageShift) / classes[c]);
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
