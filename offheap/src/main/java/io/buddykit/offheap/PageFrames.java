package io.buddykit.offheap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;

/**
 * The physical page frames behind a segment, read from Linux's /proc/self/pagemap (one 64-bit
 * entry per virtual page: bit 63 present, bits 0-54 the frame number). The kernel shows frame
 * numbers only to a process with CAP_SYS_ADMIN; to others it shows 0, and this reports them as
 * unknown. Physical contiguity is what a device doing DMA needs; virtual contiguity is what the
 * arena guarantees, and huge pages are what make the two coincide.
 */
public final class PageFrames {
  private static final long PRESENT = 1L << 63;
  private static final long PFN_MASK = (1L << 55) - 1;
  private static final int BASE_PAGE = 4096;

  private PageFrames() {}

  /** The frame number of each 4 KiB page of {@code s}: -1 not present, 0 present but hidden. */
  public static long[] of(MemorySegment s) {
    long first = s.address() / BASE_PAGE;
    long last = (s.address() + s.byteSize() - 1) / BASE_PAGE;
    long[] frames = new long[(int) (last - first + 1)];
    try (RandomAccessFile pagemap = new RandomAccessFile("/proc/self/pagemap", "r")) {
      for (int i = 0; i < frames.length; i++) {
        pagemap.seek((first + i) * 8);
        long entry = Long.reverseBytes(pagemap.readLong()); // little-endian on the machines we run
        frames[i] = (entry & PRESENT) == 0 ? -1 : entry & PFN_MASK;
      }
    } catch (IOException e) {
      java.util.Arrays.fill(frames, -1);
    }
    return frames;
  }

  /** True when every page is present with a known frame and each follows the one before. */
  public static boolean physicallyContiguous(long[] frames) {
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] <= 0 || (i > 0 && frames[i] != frames[i - 1] + 1)) {
        return false;
      }
    }
    return frames.length > 0;
  }
}
