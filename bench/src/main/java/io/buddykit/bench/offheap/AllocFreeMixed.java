package io.buddykit.bench.offheap;

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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * {@link AllocFree} with sizes of the {@link MixedSizes} distribution (60% 64..512 B, 30% 1..16 KiB,
 * 9% 16..256 KiB, 1% 256 KiB..1 MiB) instead of one size: each op allocates the next size of a
 * precomputed per-thread sequence (2^16 sizes, seeded per thread index, the same for every peer),
 * writes byte 0 and frees it at once. The score is ns per allocate+free pair, averaged over the mix,
 * so it is dominated by how each peer handles changing size classes and the rare large request.
 *
 * <p>The allocator is shared ({@code Scope.Benchmark}); the size sequence and its cursor are per
 * thread. Run with {@code -t 2} for two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocFreeMixed {

  static final int SIZES = 1 << 16;
  static final long SEED = 0x5eed_0ff0L;

  @Param({Peer.BUDDY, Peer.NETTY_POOLED, Peer.NETTY_ADAPTIVE, Peer.JDK_CONFINED})
  public String allocator;

  Peer peer;

  @Setup(Level.Trial)
  public void setup() {
    peer = Peer.of(allocator);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    peer.close();
  }

  /** One thread's size sequence. */
  @State(Scope.Thread)
  public static class Sizes {
    int[] sizes;
    int cursor;

    @Setup(Level.Trial)
    public void setup(ThreadParams tp) {
      sizes = MixedSizes.sizes(SEED + tp.getThreadIndex(), SIZES);
    }

    int next() {
      int s = sizes[cursor];
      cursor = (cursor + 1) & (SIZES - 1);
      return s;
    }
  }

  /** One allocate+free pair of the next size of the mix. */
  @Benchmark
  public void allocFree(Sizes s) {
    peer.free(peer.allocate(s.next()));
  }
}
