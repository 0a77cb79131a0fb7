package io.buddykit.bench;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeListOrder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worst case of the buddy system's bookkeeping: an empty space of one order-{@code maxOrder}
 * block, where allocating one page splits through every order and freeing it coalesces back
 * through every order. Measures the cost per order of split and merge, with everything in cache
 * and every branch predictable: divide the score by 2 * maxOrder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FullDepthSplitMerge {

  @Param({"10"})
  public int maxOrder;

  /** Which free block of an order an allocation takes: the lowest, or the head of Linux's list. */
  @Param({"LOWEST_ADDRESS", "LINUX"})
  public FreeListOrder freeListOrder;

  BuddyAllocator buddy;

  @Setup(Level.Trial)
  public void setup() {
    buddy = BuddyAllocator.builder(1L << maxOrder, maxOrder).freeListOrder(freeListOrder).build();
  }

  /** Allocates one page out of the whole block (maxOrder splits) and frees it (maxOrder merges). */
  @Benchmark
  public long splitAndMerge() {
    long start = buddy.allocate(0);
    buddy.free(start);
    return start;
  }
}
