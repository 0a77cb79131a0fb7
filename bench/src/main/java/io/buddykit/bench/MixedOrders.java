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
 * Mixed-order churn at half occupancy: orders 0..3 (1 to 8 units) freed and allocated at random
 * over a space of 2^20 units, maxOrder 10, held at about 50% full (see {@link MixedOrderChurn}).
 *
 * <p>Unlike {@link Order0SteadyState} the freed block and the new one usually differ in order, so
 * frees merge buddies and allocations split larger blocks (Linux's {@code __free_one_page} and
 * {@code expand()}), and small free blocks of several orders pile up between the live ones. The
 * metadata (about 2.5 MiB) still fits in a typical L2/L3. Reports ns per free+allocate pair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MixedOrders {

  static final int UNITS = 1 << 20;
  static final int MAX_ORDER = 10;

  MixedOrderChurn churn;

  @Setup(Level.Trial)
  public void setup() {
    churn = new MixedOrderChurn(UNITS, MAX_ORDER, 0x5eed_0002L);
  }

  @TearDown(Level.Trial)
  public void check() {
    churn.check("MixedOrders");
  }

  /** One free of a random live block plus one allocation of a random order 0..3. */
  @Benchmark
  public long freeAllocate() {
    return churn.step();
  }
}
