package io.buddykit.bench.sim;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.PageReplay;
import io.buddykit.trace.memory.FtraceReader;
import io.buddykit.trace.memory.JsonlTrace;
import io.buddykit.trace.memory.PageEvents;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Trace replay speed, single-threaded, in events per second: a 1M-event page trace (order 0-3
 * churn, see {@link TraceStream}) replayed on a booted 4 GiB machine. {@code recorded} and
 * {@code policy} apply pre-parsed events in the two replay modes; {@code ftraceParse} only parses
 * the ftrace text; {@code ftraceRecorded} and {@code jsonlRecorded} parse and apply, as {@code
 * buddykit replay} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Replay {
  static final int EVENTS = 1 << 20;

  TraceStream stream;
  PageReplay recorded;
  PageReplay policy;
  int gfp;

  @Setup(Level.Trial)
  public void setup() {
    stream = new TraceStream(EVENTS, 42);
    recorded = new PageReplay(Machine.booted(MachineConfig.of(4L << 30, 1).withPerCpuLists(false)),
        PageReplay.Mode.RECORDED);
    policy = new PageReplay(Machine.booted(MachineConfig.of(4L << 30, 1)), PageReplay.Mode.POLICY);
    gfp = Gfp.GFP_HIGHUSER_MOVABLE.flags();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long recorded() {
    stream.replay(recorded, gfp);
    return recorded.stats().allocs();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long policy() {
    stream.replay(policy, gfp);
    return policy.stats().allocs();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long ftraceParse(Blackhole bh) {
    return FtraceReader.read(new ByteArrayInputStream(stream.ftrace), "bench", new PageEvents() {
      @Override
      public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
        bh.consume(pfn);
      }

      @Override
      public void free(int cpu, long pfn, int order) {
        bh.consume(pfn);
      }
    }, false).events();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long ftraceRecorded() {
    return FtraceReader.read(new ByteArrayInputStream(stream.ftrace), "bench", recorded, false).events();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long jsonlRecorded() {
    return JsonlTrace.read(new ByteArrayInputStream(stream.jsonl), "bench", recorded, null, false).events();
  }
}
