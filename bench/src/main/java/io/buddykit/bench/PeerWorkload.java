package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeListOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The common buddy-allocator comparison workload, for putting this allocator next to others
 * measured the same way.
 *
 * <p>A 256 MiB space of 64-byte units (2^22 units); request sizes uniform in 1..4096 bytes,
 * rounded up to whole units (so 1..64 units, each equally likely) and then by the allocator to the
 * next power of two ({@code allocateUnits}); 10,000 live blocks, about 10% of the space. Each step
 * frees a random live block and allocates a new one of a new random size in its place; the score
 * is ns per free+allocate pair. The byte-to-unit rounding is done inside the measured step, as a
 * byte-oriented peer would; slot and size are precomputed ({@code slot << 13 | (bytes - 1)}).
 *
 * <p>{@code maxOrder} 22 makes the whole space one block, as the peers have it; 10 caps blocks at
 * 64 KiB (4096 order-10 blocks, like Linux's MAX_ORDER) for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeerWorkload {

  static final int UNIT_BYTES = 64;
  static final int UNITS = 1 << 22; // 256 MiB / 64 B
  static final int MAX_BYTES = 4096;
  static final int LIVE = 10_000;

  @Param({"22", "10"})
  public int maxOrder;

  /** Which free block of an order an allocation takes: the lowest, or the head of Linux's list. */
  @Param({"LOWEST_ADDRESS", "LINUX"})
  public FreeListOrder freeListOrder;

  BuddyAllocator buddy;
  int[] live;
  /** Step i: {@code slot << 13 | (bytes - 1)}. */
  int[] ops;
  int mask;
  int cursor;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(0x5eed_0004L);
    buddy = BuddyAllocator.builder(UNITS, maxOrder).freeListOrder(freeListOrder).build();
    live = new int[LIVE];
    for (int i = 0; i < LIVE; i++) {
      live[i] = (int) buddy.allocateUnits(unitsFor(1 + rnd.nextInt(MAX_BYTES)));
    }
    ops = new int[Steps.lengthFor(LIVE)];
    mask = ops.length - 1;
    for (int i = 0; i < ops.length; i++) {
      ops[i] = rnd.nextInt(LIVE) << 13 | rnd.nextInt(MAX_BYTES);
    }
  }

  static int unitsFor(int bytes) {
    return (bytes + UNIT_BYTES - 1) / UNIT_BYTES;
  }

  @TearDown(Level.Trial)
  public void check() {
    if (buddy.liveAllocations() != LIVE) {
      throw new IllegalStateException("live allocations drifted: " + buddy);
    }
    buddy.verify();
  }

  /** One free of a random live block plus one allocation of 1..4096 bytes in 64-byte units. */
  @Benchmark
  public long freeAllocate() {
    int op = ops[cursor];
    cursor = (cursor + 1) & mask;
    int slot = op >>> 13;
    buddy.free(live[slot]);
    long start = buddy.allocateUnits(unitsFor((op & 0x1fff) + 1));
    live[slot] = (int) start;
    return start;
  }
}
