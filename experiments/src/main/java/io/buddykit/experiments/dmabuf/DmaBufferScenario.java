package io.buddykit.experiments.dmabuf;

import io.buddykit.offheap.BuddyArena;
import io.buddykit.offheap.PageFrames;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The seed's DMA-style request on real memory: a 64 KiB buffer from a {@link BuddyArena} is one
 * order-4 block of 16 pages, virtually contiguous and 64 KiB-aligned; its physical frames (from
 * /proc/self/pagemap, when the process may read them) show whether it is physically contiguous
 * too, which huge-page backing makes likely. The addresses and frames are the kernel's, so this
 * is the one scenario whose figures vary between runs.
 */
public final class DmaBufferScenario implements Scenario {
  static final Param<Long> BYTES = Param.longInteger("bytes", 65536, 4096, 16L << 20, "buffer size, a power of two")
      .withUnit("bytes");

  @Override
  public String name() {
    return "dmabuf";
  }

  @Override
  public String description() {
    return "A 64 KiB DMA-style buffer from real off-heap memory: alignment and physical frames";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(BYTES);
  }

  @Override
  public Result run(Params p) {
    long bytes = p.get(BYTES);
    p.require(Long.bitCount(bytes) == 1, BYTES, "must be a power of two");
    try (BuddyArena arena = BuddyArena.builder(64L << 20).hugePages(true).build()) {
      MemorySegment buffer = arena.allocate(bytes);
      buffer.fill((byte) 0x42); // touch every page so the kernel backs it
      long[] frames = PageFrames.of(buffer);
      int known = 0;
      for (long f : frames) {
        known += f > 0 ? 1 : 0;
      }
      long address = buffer.address();
      Result r = Result.builder(name(), p)
          .number("pages", frames.length)
          .number("address alignment", Long.lowestOneBit(address))
          .number("naturally aligned (1 = yes)", address % bytes == 0 ? 1 : 0)
          .number("frames visible", known)
          .number("physically contiguous (1 = yes)",
              known == frames.length && PageFrames.physicallyContiguous(frames) ? 1 : 0)
          .number("huge pages advised (1 = yes)", arena.hugePagesAdvised() ? 1 : 0)
          .number("huge page bytes backing the arena", arena.hugePageBytes())
          .table("buffer", ResultTable.builder("address", "first frame")
              .row("0x" + Long.toHexString(address), known > 0 ? frames[0] : -1).build())
          .build();
      arena.free(buffer);
      return r;
    }
  }
}
