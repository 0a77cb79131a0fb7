package io.buddykit.sim.boot;

/**
 * The memblock phase of boot: lays out each node's RAM as x86-64 firmware reports it and reserves
 * what the kernel holds before the buddy allocator exists ({@link BootLayout}). Public for the
 * machine, in the package above, and for the reservation names the boot experiment looks up.
 */
public final class Boot {
  // Reservation names.
  /** The reserved first megabyte ({@code reserve_real_mode}). */
  public static final String REAL_MODE = "first 1 MiB";
  public static final String KERNEL = "kernel";
  public static final String BOOT_PAGE_TABLES = "boot page tables";
  public static final String INITRD = "initrd";
  public static final String SWIOTLB = "swiotlb";
  public static final String MEMMAP = "memmap";

  private Boot() {}

  /**
   * RAM ranges and reservations of a machine with {@code bytes} of RAM per node and pages of
   * {@code 2^shift} bytes, laid out as {@code b} says.
   */
  public static Memblock layout(BootLayout b, long[] bytes, int shift) {
    Memblock mb = new Memblock();
    long gib = pfn(1L << 30, shift);
    long nodeStart = 0;
    long[] nodeEnd = new long[bytes.length];
    for (int nid = 0; nid < bytes.length; nid++) {
      long pages = pfn(bytes[nid], shift);
      if (nid == 0 && b.firmwareHoles()) {
        long low = Math.min(pages, 3 * gib);
        mb.addMemory(0, 1, pfn(640L << 10, shift)); // pfn 0 is never RAM to Linux
        mb.addMemory(0, pfn(1L << 20, shift), low);
        nodeEnd[0] = low;
        if (pages > low) {
          mb.addMemory(0, 4 * gib, 4 * gib + pages - low); // RAM behind the PCI hole, remapped
          nodeEnd[0] = 4 * gib + pages - low;
        }
      } else {
        mb.addMemory(nid, nodeStart, nodeStart + pages);
        nodeEnd[nid] = nodeStart + pages;
      }
      nodeStart = (nodeEnd[nid] + gib - 1) / gib * gib; // nodes start on a 1 GiB boundary
    }
    if (b.firmwareHoles()) {
      // reserve_real_mode (arch/x86/realmode/init.c, Linux 6.12 and 7.3): memblock_reserve(0,
      // SZ_1M), "because BIOSes are known to corrupt low memory"; of that megabyte only the RAM
      // below 640 KiB is memory to reserve.
      mb.reserve(REAL_MODE, 1, pfn(640L << 10, shift));
    }
    long kernelStart = pfn(16L << 20, shift);
    if (b.kernelBytes() > 0) {
      mb.reserve(KERNEL, kernelStart, kernelStart + pages(b.kernelBytes(), shift));
    }
    long totalPages = 0;
    for (long n : bytes) {
      totalPages += pfn(n, shift);
    }
    long ptBytes = b.bootPageTableBytes() < 0 ? totalPages * 8 : b.bootPageTableBytes();
    if (ptBytes > 0) { // early page tables are allocated bottom-up, just above the kernel
      mb.allocBottomUp(BOOT_PAGE_TABLES, pages(ptBytes, shift), kernelStart + pages(b.kernelBytes(), shift), 0);
    }
    long below3g = Math.min(nodeEnd[0], 3 * gib);
    if (b.initrdBytes() > 0) { // the boot loader puts it as high as it can in low memory
      mb.allocTopDown(INITRD, pages(b.initrdBytes(), shift), 1, below3g, 0);
    }
    if (b.swiotlbBytes() > 0) {
      mb.allocTopDown(SWIOTLB, pages(b.swiotlbBytes(), shift), pfn(2L << 20, shift), 4 * gib, 0);
    }
    if (b.memmapBytesPerPage() > 0) {
      for (int nid = 0; nid < bytes.length; nid++) {
        long pages = pages(pfn(bytes[nid], shift) * b.memmapBytesPerPage(), shift);
        mb.allocTopDown(MEMMAP + " " + nid, pages, 1, nodeEnd[nid], nid);
      }
    }
    for (Memblock.Region r : b.reserved()) {
      mb.reserve(r.name(), r.start(), r.end());
    }
    return mb;
  }

  private static long pfn(long bytes, int shift) {
    return bytes >>> shift;
  }

  /** Pages to hold {@code bytes}, rounded up. */
  private static long pages(long bytes, int shift) {
    return (bytes + (1L << shift) - 1) >>> shift;
  }
}
