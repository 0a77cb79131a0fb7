package io.buddykit.cli;

import io.buddykit.offheap.BuddyArena;
import io.buddykit.offheap.PageFrames;
import java.lang.foreign.MemorySegment;

/**
 * The seed's DMA-style request on real memory: a 64 KiB buffer from a {@link BuddyArena} is one
 * order-4 block of 16 pages, virtually contiguous and 64 KiB-aligned in the address space; its
 * physical frames (from /proc/self/pagemap, when the process may read them) show whether it is
 * physically contiguous too, which huge-page backing makes likely.
 */
public final class DmaBufferDemo {
  /** What was measured on the buffer. */
  public record Result(
      long bytes, String address, long alignment, boolean aligned64k, int pages,
      long firstFrame, int framesKnown, boolean physicallyContiguous, boolean hugePagesAdvised,
      long hugePageBytes) {}

  private DmaBufferDemo() {}

  public static Result run() {
    try (BuddyArena arena = BuddyArena.builder(64L << 20).hugePages(true).build()) {
      MemorySegment buffer = arena.allocate(64 * 1024);
      buffer.fill((byte) 0x42); // touch every page so the kernel backs it
      long[] frames = PageFrames.of(buffer);
      int known = 0;
      for (long f : frames) {
        known += f > 0 ? 1 : 0;
      }
      long address = buffer.address();
      Result r = new Result(buffer.byteSize(), "0x" + Long.toHexString(address),
          Long.lowestOneBit(address), address % (64 * 1024) == 0, frames.length,
          frames.length > 0 ? frames[0] : -1, known, PageFrames.physicallyContiguous(frames),
          arena.hugePagesAdvised(), arena.hugePageBytes());
      arena.free(buffer);
      return r;
    }
  }
}
