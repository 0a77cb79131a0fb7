package io.buddykit.bench.flash;

import io.buddykit.flash.FlashConfig;
import io.buddykit.flash.Ftl;
import io.buddykit.flash.HostWrites;
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
 * Simulated host page writes per second of the flash translation layer on the default device
 * (1024 blocks of 256 pages, 7% over-provisioning, greedy GC, wear rule on), after filling the
 * device once: each operation is one host write with all the garbage collection, wear levelling
 * and buddy coalescing it causes, so the figure falls as write amplification rises.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FtlWrites {
  @Param({"uniform", "hotcold", "seq"})
  public String workload;

  Ftl ftl;
  HostWrites w;
  long version;

  @Setup(Level.Trial)
  public void setup() {
    ftl = new Ftl(FlashConfig.defaults());
    for (long lpn = 0; lpn < ftl.logicalPages(); lpn++) {
      ftl.write(lpn, lpn + 1);
    }
    w = HostWrites.named(workload, ftl.logicalPages(), 7);
  }

  /** One host page write. */
  @Benchmark
  public long hostWrite() {
    long lpn = w.next();
    ftl.write(lpn, ++version);
    return lpn;
  }
}
