package io.buddykit.bench.sim;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.sim.Gfp;
import io.buddykit.trace.memory.JsonlWriter;
import io.buddykit.trace.memory.PageEvents;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A page-event trace for the replay benchmarks, made by a stand-in kernel: a buddy allocator over
 * 1 GiB of pfns starting at 1 GiB, churning order 0-3 blocks at about half occupancy, ending with
 * everything freed so that one machine can replay it again and again. Held as primitive arrays
 * (for the apply-only benchmarks), as ftrace text in the tracefs layout and as JSON lines (for
 * parse + apply).
 */
final class TraceStream {
  static final long BASE_PFN = 1L << 18;

  final boolean[] isAlloc;
  final long[] pfn;
  final int[] order;
  final int size;
  final byte[] ftrace;
  final byte[] jsonl;

  TraceStream(int events, long seed) {
    isAlloc = new boolean[events];
    pfn = new long[events];
    order = new int[events];
    BuddyAllocator kernel = BuddyAllocator.create(1L << 18, 10);
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] live = new long[events];
    int liveCount = 0;
    int n = 0;
    while (n < events - liveCount) {
      boolean alloc = liveCount == 0
          || (kernel.freeUnits() > kernel.units() / 2 ? rnd.nextInt(100) < 55 : rnd.nextInt(100) < 45);
      if (alloc) {
        int o = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(3) : 0;
        long p = kernel.tryAllocate(o);
        if (p < 0) {
          continue;
        }
        live[liveCount++] = p;
        record(n++, true, p, o);
      } else {
        int i = rnd.nextInt(liveCount);
        long p = live[i];
        live[i] = live[--liveCount];
        record(n++, false, p, kernel.orderOf(p));
        kernel.free(p);
      }
    }
    while (liveCount > 0) {
      long p = live[--liveCount];
      record(n++, false, p, kernel.orderOf(p));
      kernel.free(p);
    }
    size = n;
    ftrace = render();
    jsonl = renderJsonl();
  }

  private byte[] renderJsonl() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(size * 48);
    try (JsonlWriter w = new JsonlWriter(bytes)) {
      replay(w, Gfp.GFP_HIGHUSER_MOVABLE.flags());
    }
    return bytes.toByteArray();
  }

  private void record(int i, boolean alloc, long p, int o) {
    isAlloc[i] = alloc;
    pfn[i] = BASE_PFN + p;
    order[i] = o;
  }

  /** Replays the arrays into {@code sink}. */
  void replay(PageEvents sink, int gfp) {
    for (int i = 0; i < size; i++) {
      if (isAlloc[i]) {
        sink.alloc(0, pfn[i], order[i], 1, gfp);
      } else {
        sink.free(0, pfn[i], order[i]);
      }
    }
  }

  private byte[] render() {
    StringBuilder b = new StringBuilder(size * 120);
    b.append("# tracer: nop\n#\n");
    for (int i = 0; i < size; i++) {
      b.append("           bench-1234    [001] d..1. ").append(1000 + i / 1000).append('.')
          .append(String.format("%06d", (i % 1000) * 1000)).append(": ");
      if (isAlloc[i]) {
        b.append("mm_page_alloc: page=0000000012345678 pfn=0x").append(Long.toHexString(pfn[i]))
            .append(" order=").append(order[i]).append(" migratetype=1 gfp_flags=")
            .append(Gfp.GFP_HIGHUSER_MOVABLE).append('\n');
      } else {
        b.append("mm_page_free: page=0000000012345678 pfn=0x").append(Long.toHexString(pfn[i]))
            .append(" order=").append(order[i]).append('\n');
      }
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
