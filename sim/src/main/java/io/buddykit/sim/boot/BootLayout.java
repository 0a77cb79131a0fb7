package io.buddykit.sim.boot;

import java.util.List;

/**
 * What firmware and the early kernel hold when the buddy allocator takes over, for a small x86-64
 * machine: BIOS areas and the legacy and PCI holes, the kernel image at 16 MiB, the struct page
 * array (memmap) of each node, the initrd, the temporary 4 KiB page tables of early boot and the
 * SWIOTLB bounce buffer. The initrd and the temporary page tables are released after boot.
 *
 * @param firmwareHoles the first 1 MiB reserved (as x86-64 Linux does since 5.13), no RAM at 640 KiB-1 MiB nor at
 *     3-4 GiB
 * @param kernelBytes text, data and bss of the kernel image, loaded at 16 MiB
 * @param initrdBytes the initial ramdisk, loaded by the boot loader as high as it can below 3 GiB
 * @param memmapBytesPerPage sizeof(struct page): the memmap is this much per page frame
 * @param bootPageTableBytes temporary page tables, freed after boot; -1 for 8 bytes per page of RAM
 * @param swiotlbBytes the bounce buffer below 4 GiB (kept)
 * @param reserved further ranges memblock reserves after all the above (memblock_reserve), by
 *     name: what a recorded machine's kernel did not hand to the buddy allocator and the fields
 *     above do not describe (see {@code io.buddykit.sim.replay.RecordedMachine}); usually empty
 */
public record BootLayout(
    boolean firmwareHoles,
    long kernelBytes,
    long initrdBytes,
    int memmapBytesPerPage,
    long bootPageTableBytes,
    long swiotlbBytes,
    List<Memblock.Region> reserved) {

  /** A layout without further reserved ranges. */
  public BootLayout(boolean firmwareHoles, long kernelBytes, long initrdBytes, int memmapBytesPerPage,
      long bootPageTableBytes, long swiotlbBytes) {
    this(firmwareHoles, kernelBytes, initrdBytes, memmapBytesPerPage, bootPageTableBytes, swiotlbBytes,
        List.of());
  }

  /** The same layout with {@code ranges} reserved as well, after everything else. */
  public BootLayout withReserved(List<Memblock.Region> ranges) {
    return new BootLayout(firmwareHoles, kernelBytes, initrdBytes, memmapBytesPerPage, bootPageTableBytes,
        swiotlbBytes, ranges);
  }

  /**
   * Linux's reservations of a typical small distribution kernel; the initrd is the size of a
   * Debian 12 initrd.img (58,723,456 bytes), which, like most, is not a whole number of blocks.
   */
  public static BootLayout linuxDefault() {
    return new BootLayout(true, 24L << 20, 58_723_456L, 64, -1, 64L << 20);
  }

  /**
   * The layout for a machine of {@code bytes}: Linux's default from 1 GiB, a 4 MiB kernel and
   * initrd without SWIOTLB from 64 MiB, and no reservations below that (a test-sized machine).
   */
  public static BootLayout forMemory(long bytes) {
    if (bytes >= 1L << 30) {
      return linuxDefault();
    }
    return bytes >= 64L << 20 ? new BootLayout(true, 4L << 20, 4L << 20, 64, -1, 0) : none();
  }

  /** No reservations at all: the whole of RAM goes to the buddy allocator. */
  public static BootLayout none() {
    return new BootLayout(false, 0, 0, 0, 0, 0);
  }

  public BootLayout {
    if (kernelBytes < 0 || initrdBytes < 0 || memmapBytesPerPage < 0 || swiotlbBytes < 0 || bootPageTableBytes < -1) {
      throw new IllegalArgumentException("boot layout sizes must not be negative: " + this);
    }
    reserved = List.copyOf(reserved);
  }
}
