package io.buddykit.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MixedOrders} on a big space: the same churn of orders 0..3 at about 50% occupancy, but
 * over 2^26 units (maxOrder 10), about 8.9 million live blocks.
 *
 * <p>The allocator's metadata is now about 150 MiB (a 2-byte header per unit plus the free
 * bitmaps), far past any cache, and the live blocks picked at random lie all over it, so most
 * frees and allocations touch cold header and bitmap lines and take cache and TLB misses.
 * Compared with {@link MixedOrders} this shows what the memory system adds to the same work.
 * Reports ns per free+allocate pair.
 *
 * <p>Setup takes a few seconds and about 450 MiB of heap (the 2^26-step random sequence is 256
 * MiB). At a few hundred ns per pair, the default 8 one-second iterations free each live block
 * once or twice on average, so this is the allocator some way from its sequential fill rather than
 * a long-run steady state; longer iterations (-r) go further.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LargeSpace {

  static final int UNITS = 1 << 26;
  static final int MAX_ORDER = 10;

  MixedOrderChurn churn;

  @Setup(Level.Trial)
  public void setup() {
    churn = new MixedOrderChurn(UNITS, MAX_ORDER, 0x5eed_0003L);
  }

  @TearDown(Level.Trial)
  public void check() {
    churn.check("LargeSpace");
  }

  /** One free of a random live block plus one allocation of a random order 0..3. */
  @Benchmark
  public long freeAllocate() {
    return churn.step();
  }
}
