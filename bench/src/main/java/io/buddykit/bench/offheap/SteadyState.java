package io.buddykit.bench.offheap;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A pool under load: each thread keeps 4096 buffers live (sizes of the {@link MixedSizes}
 * distribution, about 90 MB requested per thread); each op frees a random live buffer and allocates
 * one of a new random size in its slot, writing byte 0. The score is ns per free+allocate pair with
 * the allocator's free lists, caches and chunks populated and fragmented, rather than the
 * empty-pool fast path of {@link AllocFree}.
 *
 * <p>Slot and size of every step are precomputed per thread ({@code slot << 20 | size - 1}, 2^20
 * steps walked cyclically, seeded by thread index, the same for every peer; 2^20 picks over 4096
 * slots reach all of them). The allocator is shared ({@code Scope.Benchmark}); the live buffers are
 * per thread, so {@code jdkConfined}'s confined arenas (one per live buffer) are closed by the
 * thread that opened them. Run with {@code -t 2} for two threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SteadyState {

  static final int LIVE = 4096;
  static final int STEPS = 1 << 20;
  static final long SEED = 0x5eed_57a7L;

  /**
   * The allocator, shared by all threads. JMH tears this down in whichever thread gets there first,
   * possibly while another still frees its live buffers: the last thread to drain closes it.
   */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({Peer.BUDDY, Peer.NETTY_POOLED, Peer.NETTY_ADAPTIVE, Peer.JDK_CONFINED})
    public String allocator;

    Peer peer;
    final AtomicInteger users = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();

    @Setup(Level.Trial)
    public void setup() {
      peer = Peer.of(allocator);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (users.get() == 0) {
        closeOnce();
      }
    }

    void release() {
      if (users.decrementAndGet() == 0) {
        closeOnce();
      }
    }

    private void closeOnce() {
      if (closed.compareAndSet(false, true)) {
        peer.close();
      }
    }
  }

  /** One thread's live buffers and step sequence. */
  @State(Scope.Thread)
  public static class Live {
    Shared shared;
    Peer peer;
    Object[] live;
    /** Step i: {@code slot << 20 | (size - 1)}. */
    int[] ops;
    int cursor;

    @Setup(Level.Trial)
    public void setup(Shared shared, ThreadParams tp) {
      this.shared = shared;
      peer = shared.peer;
      shared.users.incrementAndGet();
      SplittableRandom rnd = new SplittableRandom(SEED + tp.getThreadIndex());
      live = new Object[LIVE];
      for (int i = 0; i < LIVE; i++) {
        live[i] = peer.allocate(MixedSizes.next(rnd));
      }
      ops = new int[STEPS];
      for (int i = 0; i < STEPS; i++) {
        ops[i] = rnd.nextInt(LIVE) << 20 | (MixedSizes.next(rnd) - 1);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (int i = 0; i < LIVE; i++) {
        peer.free(live[i]);
        live[i] = null;
      }
      shared.release();
    }

    /** Frees a random live buffer and allocates one of a new random size in its slot. */
    Object step() {
      int op = ops[cursor];
      cursor = (cursor + 1) & (STEPS - 1);
      int slot = op >>> 20;
      peer.free(live[slot]);
      return live[slot] = peer.allocate((op & 0xFFFFF) + 1);
    }
  }

  /** One free of a random live buffer plus one allocation of a new random size. */
  @Benchmark
  public Object freeAllocate(Live t) {
    return t.step();
  }
}
