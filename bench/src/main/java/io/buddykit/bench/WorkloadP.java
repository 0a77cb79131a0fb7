package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeListOrder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Workload P in a plain Java loop timed by thread CPU time, for putting the core next to peers
 * written in C and Rust under the same machine load: {@code bench/src/main/c/peer_p.c} runs the
 * same loop over glibc malloc, and {@code bench/scripts/peer-p.sh} runs them in interleaved rounds.
 *
 * <p>The loop: 64-byte units, request sizes uniform in 1..4096 bytes rounded up to whole units
 * ({@code allocateUnits}), {@code live} live blocks; each step draws one xorshift64 value ({@code x
 * ^= x << 13; x ^= x >>> 7; x ^= x << 17}, seeded 1), frees the block in slot {@code (uint32) x %
 * live} and allocates {@code 1 + ((x >>> 32) & 4095)} bytes into that slot. The initial sizes come
 * from the same generator. The score is CPU ns per free+allocate pair over {@code pairs} pairs after
 * {@code warmup} pairs in the same process.
 *
 * <p>Prints one line: {@code alloc=buddykit-<ORDER> ... cpu_ns_per_pair=... live_hash=...}, where
 * the hash ({@code h = h * 31 + start} over the slots) lets two allocators that claim the same
 * placement rule show they chose the same blocks. With {@code none} instead of an order, the loop
 * runs without an allocator (the harness's own cost).
 */
public final class WorkloadP {
  static final int UNIT_BYTES = 64;
  static final int MAX_BYTES = 4096;
  private static final int CHUNK = 1 << 20;

  private final BuddyAllocator buddy;
  private final int[] live;
  /** ceil(2^64 / live), for {@link #slot}. */
  private final long inverse;
  private long x = 1;
  private long sink;

  private WorkloadP(BuddyAllocator buddy, int live) {
    this.buddy = buddy;
    this.live = new int[live];
    this.inverse = Long.divideUnsigned(-1L, live) + 1;
  }

  /**
   * {@code Integer.toUnsignedLong((int) x) % live} by a multiplication (Lemire, Kaser and Kurz,
   * "Faster remainder by direct computation", 2019), as a C compiler computes a remainder by a
   * constant: the loop then pays what the C and Rust loops pay for it, not a division.
   */
  private static int slot(long x, long inverse, int live) {
    return (int) Math.unsignedMultiplyHigh(inverse * (x & 0xffff_ffffL), live);
  }

  /**
   * Arguments: {@code LOWEST_ADDRESS|LINUX|none log2Units live pairs warmup [maxOrder]}; maxOrder
   * defaults to log2Units (the whole space one block, as the peers have it).
   */
  public static void main(String[] args) {
    if (args.length < 5 || args.length > 6) {
      fail("usage: WorkloadP LOWEST_ADDRESS|LINUX|none log2Units live pairs warmup [maxOrder]");
    }
    int log2Units = intArg(args[1], "log2Units", 1, 30);
    int live = intArg(args[2], "live", 1, 1 << 24);
    long pairs = longArg(args[3], "pairs");
    long warmup = longArg(args[4], "warmup");
    int maxOrder = args.length == 6 ? intArg(args[5], "maxOrder", 0, log2Units) : log2Units;
    BuddyAllocator buddy = null;
    if (!args[0].equals("none")) {
      FreeListOrder order;
      try {
        order = FreeListOrder.valueOf(args[0]);
      } catch (IllegalArgumentException e) {
        throw fail("order: expected LOWEST_ADDRESS, LINUX or none, got " + args[0]);
      }
      buddy = BuddyAllocator.builder(1L << log2Units, maxOrder).freeListOrder(order).build();
    }
    WorkloadP p = new WorkloadP(buddy, live);
    p.fill();
    p.run(warmup);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    p.run(pairs);
    long c1 = mx.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    if (buddy != null) {
      if (buddy.liveAllocations() != live) {
        throw new IllegalStateException("live allocations drifted: " + buddy);
      }
      buddy.verify();
    }
    System.out.printf(Locale.ROOT,
        "alloc=%s log2Units=%d maxOrder=%d live=%d pairs=%d warmup=%d cpu_ns_per_pair=%.2f"
            + " wall_ns_per_pair=%.2f live_hash=%x%n",
        buddy == null ? "none-java" : "buddykit-" + args[0], log2Units, maxOrder, live, pairs, warmup,
        (c1 - c0) / (double) pairs, (t1 - t0) / (double) pairs, p.hash());
  }

  private static int unitsFor(int bytes) {
    return (bytes + UNIT_BYTES - 1) / UNIT_BYTES;
  }

  private long draw() {
    long s = x;
    s ^= s << 13;
    s ^= s >>> 7;
    s ^= s << 17;
    x = s;
    return s;
  }

  private void fill() {
    for (int i = 0; i < live.length; i++) {
      int units = unitsFor(1 + (int) ((draw() >>> 32) & (MAX_BYTES - 1)));
      live[i] = buddy == null ? units : (int) buddy.allocateUnits(units);
    }
  }

  /** Runs n pairs, in chunks so that the loop body is compiled early in the warm-up. */
  private void run(long n) {
    for (long done = 0; done < n; done += CHUNK) {
      int steps = (int) Math.min(CHUNK, n - done);
      if (buddy == null) {
        sink += loopAlone(steps);
      } else {
        loop(steps);
      }
    }
  }

  private void loop(int steps) {
    BuddyAllocator b = buddy;
    int[] l = live;
    int n = l.length;
    long inv = inverse;
    long s = x;
    for (int i = 0; i < steps; i++) {
      s ^= s << 13;
      s ^= s >>> 7;
      s ^= s << 17;
      int slot = slot(s, inv, n);
      b.free(l[slot]);
      l[slot] = (int) b.allocateUnits(unitsFor(1 + (int) ((s >>> 32) & (MAX_BYTES - 1))));
    }
    x = s;
  }

  /** The loop with the allocator's two calls replaced by a sum and a store. */
  private long loopAlone(int steps) {
    int[] l = live;
    int n = l.length;
    long inv = inverse;
    long s = x;
    long acc = 0;
    for (int i = 0; i < steps; i++) {
      s ^= s << 13;
      s ^= s >>> 7;
      s ^= s << 17;
      int slot = slot(s, inv, n);
      acc += l[slot];
      l[slot] = unitsFor(1 + (int) ((s >>> 32) & (MAX_BYTES - 1)));
    }
    x = s;
    return acc;
  }

  private long hash() {
    long h = sink;
    for (int start : live) {
      h = h * 31 + start;
    }
    return h;
  }

  private static int intArg(String s, String name, int min, int max) {
    long v = longArg(s, name);
    if (v < min || v > max) {
      throw fail(name + ": expected " + min + ".." + max + ", got " + s);
    }
    return (int) v;
  }

  private static long longArg(String s, String name) {
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw fail(name + ": expected a count >= 0, got " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw fail(name + ": expected a number, got " + s);
    }
  }

  private static IllegalArgumentException fail(String message) {
    System.err.println("WorkloadP: " + message);
    System.exit(2);
    return new IllegalArgumentException(message);
  }
}
