package io.buddykit.offheap;

/**
 * How a {@link BuddyArena} gives free memory back to the kernel: the madvise(2) advice it uses
 * (values from include/uapi/asm-generic/mman-common.h, Linux 6.1 and 6.12).
 */
public enum PurgeAdvice {
  /**
   * MADV_DONTNEED: the pages are unmapped at once and the resident size falls at once; the next
   * touch faults in a zeroed page. The arena knows such memory reads as zero.
   */
  DONTNEED(4),
  /**
   * MADV_FREE (Linux 4.5 and later): the pages are freed lazily, when the kernel needs memory; until
   * then they stay resident and keep their old contents, and a write cancels the free. Cheaper
   * when the memory is soon reused, but the resident size falls only under memory pressure, and
   * the memory reads as either its old contents or zero.
   */
  FREE(8);

  /** The advice's value for madvise(2). */
  final int code;

  PurgeAdvice(int code) {
    this.code = code;
  }
}
