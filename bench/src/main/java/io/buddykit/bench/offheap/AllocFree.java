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

/**
 * The fast path: one allocation of a fixed size, byte 0 written, freed at once; the score is ns per
 * allocate+free pair, BuddyArena next to Netty's pooled and adaptive allocators and a confined JDK
 * arena per buffer. Nothing else is live, so every pooled peer serves this from its thread cache
 * after the first round; {@code jdkConfined} pays malloc, zeroing and free each time.
 *
 * <p>The allocator is shared by all benchmark threads ({@code Scope.Benchmark}, as in production):
 * run with {@code -t 2} for two threads hitting it at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocFree {

  @Param({Peer.BUDDY, Peer.NETTY_POOLED, Peer.NETTY_ADAPTIVE, Peer.JDK_CONFINED})
  public String allocator;

  @Param({"64", "1024", "8192", "65536", "1048576"})
  public int size;

  Peer peer;

  @Setup(Level.Trial)
  public void setup() {
    peer = Peer.of(allocator);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    peer.close();
  }

  /** One allocate+free pair of {@code size} bytes. */
  @Benchmark
  public void allocFree() {
    peer.free(peer.allocate(size));
  }
}
