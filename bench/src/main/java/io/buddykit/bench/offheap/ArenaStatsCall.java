package io.buddykit.bench.offheap;

import io.buddykit.offheap.ArenaStats;
import io.buddykit.offheap.BuddyArena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One {@code BuddyArena.stats()} call, what JFR's periodic {@code ArenaStatsEvent} costs each open
 * arena every second: arenas of 1 GiB to 1 TiB, each with 64 MiB of 1 MiB buffers handed out and
 * written. The resident figure comes from mincore(2) over the chunks handed out since the mapping
 * (widened to whole huge pages), so the call should cost about the same at every capacity; over
 * the whole mapping it grew with the capacity (a vector byte per 4 KiB page).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArenaStatsCall {
  private static final int BUFFERS = 64;

  /** The arena's capacity in GiB (its heap metadata: 11 bytes per 4 KiB page, 2.9 GB per TiB). */
  @Param({"1", "64", "1024"})
  public int capacityGiB;

  private BuddyArena arena;

  @Setup
  public void setup() {
    arena = BuddyArena.create((long) capacityGiB << 30);
    for (int i = 0; i < BUFFERS; i++) {
      MemorySegment s = arena.allocate(1 << 20);
      s.fill((byte) 1);
    }
  }

  @TearDown
  public void close() {
    arena.close();
  }

  @Benchmark
  public ArenaStats stats() {
    return arena.stats();
  }
}
