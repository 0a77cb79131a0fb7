package io.buddykit.crypt;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seed's encryption argument, run: the same random allocate / write / free / split /
 * reallocate cycles on encrypted memory under each IV scheme, every (key, IV) audited. Reports the
 * IV reuses each scheme suffers (address and address+order must, epoch must not), the first reuse
 * found with the allocations that caused it, and the encryption throughput: MB per second of the
 * measuring thread's CPU time, after a warm-up that is timed and reported beside it, with the
 * schemes timed in turns so that none pays for the JIT or a busy machine more than the others.
 */
public final class EncryptionScenario implements Scenario {
  static final Param<Long> CYCLES = Param.longInteger("cycles", 1_000_000, 1, 100_000_000,
      "random operations per scheme");
  static final Param<Long> MEMORY_KIB = Param.longInteger("memoryKiB", 256, 4, 65536,
      "encrypted memory size (64-byte lines)").withUnit("KiB");
  static final Param<Integer> MAX_LIVE = Param.integer("maxLive", 32, 1, 4096, "live blocks at most");
  static final Param<String> SCHEME = Param.choice("scheme", "all",
      List.of("all", "address", "address+order", "epoch"), "all, or one IV scheme");
  static final Param<Long> SEED = Param.seed("random seed");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** Cycles per scheme in one round of the warm-up. */
  static final long WARM_UP_CYCLES = 20_000;
  /** The warm-up stops when a round's MB/s is within this fraction of the round before's. */
  static final double WARM_UP_SETTLED = 0.15;
  /** The warm-up stops after this much CPU time even if the MB/s still moves: 3 s. */
  static final long WARM_UP_MAX_NANOS = 3_000_000_000L;

  /** One run's parameters. */
  record Config(long cycles, long memoryBytes, int maxLive, List<IvScheme> schemes, long seed) {
    static Config of(Params p) {
      String scheme = p.get(SCHEME);
      return new Config(p.get(CYCLES), p.get(MEMORY_KIB) * 1024, p.get(MAX_LIVE),
          scheme.equals("all") ? List.of(IvScheme.values()) : List.of(IvScheme.parse(scheme)), p.get(SEED));
    }

    /** Cycles between samples of the reuse count: 20 samples a run. */
    long step() {
      return Math.max(1, cycles / 20);
    }
  }

  /**
   * What one scheme's run measured; the first IV reuse found, or {@code none}; and the throughput
   * of its warm-up, reported beside the timed figure it is kept out of.
   */
  private record SchemeRun(IvScheme scheme, long encryptions, long ivReuses, long distinctIvs, long rekeys,
      double mbPerSecond, double warmUpMbPerSecond, String firstReuse, long[] samples) {
    double reuseShare() {
      return encryptions == 0 ? 0.0 : ivReuses / (double) encryptions;
    }
  }

  @Override
  public String name() {
    return "encryption";
  }

  @Override
  public String description() {
    return "AES-GCM memory: IV reuses across reallocation per IV scheme (address, address+order, epoch)";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(CYCLES, MEMORY_KIB, MAX_LIVE, SCHEME, SEED);
  }

  @Override
  public Result run(Params p) {
    Config c = Config.of(p);
    double[] warmUp = warmUp(c);
    List<SchemeRun> runs = measure(c, warmUp);
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("scheme", "cycles", "encryptions", "IV reuses",
        "reuse share", "distinct IVs", "re-keys", "MB/s encrypted (CPU time)", "MB/s in the warm-up (CPU time)");
    ResultTable.Builder firsts = ResultTable.builder("scheme", "first reuse");
    for (SchemeRun r : runs) {
      String k = r.scheme().label() + ".";
      out.number(k + "encryptions", r.encryptions())
          .number(k + "ivReuses", r.ivReuses())
          .number(k + "distinctIvs", r.distinctIvs())
          .number(k + "rekeys", r.rekeys())
          .number(k + "mbPerSecond", r.mbPerSecond())
          .number(k + "warmUpMbPerSecond", r.warmUpMbPerSecond());
      table.row(r.scheme().label(), c.cycles(), r.encryptions(), r.ivReuses(), r.reuseShare(), r.distinctIvs(),
          r.rekeys(), r.mbPerSecond(), r.warmUpMbPerSecond());
      firsts.row(r.scheme().label(), r.firstReuse());
    }
    out.table("schemes", table.build());
    out.table("firstReuses", firsts.build());
    out.series("reusesByCycle", reusesByCycle(c, runs));
    return out.build();
  }

  /**
   * A timed warm-up before the timed runs, on memories thrown away after, so that those do not pay
   * for the JIT compiling AES-GCM and the churn (issue 16, defect 14: address measured 0.56 MB/s
   * against epoch's 7.4 on a first run, the scheme timed first paying for the compilation). It
   * runs rounds of {@link #WARM_UP_CYCLES} cycles under every scheme until a round's throughput is
   * within {@link #WARM_UP_SETTLED} of the round before, or for {@link #WARM_UP_MAX_NANOS} of CPU
   * time at most (compiler threads on a loaded machine take their time). Returns each scheme's MB/s over the
   * whole warm-up, by {@link IvScheme#ordinal()}, so the report shows what the timed figures leave
   * out.
   */
  static double[] warmUp(Config c) {
    IvScheme[] schemes = IvScheme.values();
    double[] megabytes = new double[schemes.length];
    long[] nanos = new long[schemes.length];
    long began = cpuNanos();
    double previous = 0;
    for (int round = 0; ; round++) {
      double mb = 0;
      long roundNanos = 0;
      for (IvScheme scheme : schemes) {
        try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed() + round)
            .build()) {
          long started = cpuNanos();
          new Churn(m, c.maxLive(), c.seed() + round).run(WARM_UP_CYCLES);
          long took = cpuNanos() - started;
          megabytes[scheme.ordinal()] += megabytes(m);
          nanos[scheme.ordinal()] += took;
          mb += megabytes(m);
          roundNanos += took;
        }
      }
      double rate = mb / roundNanos;
      boolean settled = round > 0 && Math.abs(rate - previous) <= WARM_UP_SETTLED * previous;
      if (settled || cpuNanos() - began > WARM_UP_MAX_NANOS) {
        break;
      }
      previous = rate;
    }
    double[] mbPerSecond = new double[schemes.length];
    for (int s = 0; s < schemes.length; s++) {
      mbPerSecond[s] = megabytes[s] / (nanos[s] / 1e9);
    }
    return mbPerSecond;
  }

  /**
   * Every scheme's churn on a fresh memory, timed in slices of {@link Config#step()} cycles taken
   * in turn, the scheme going first rotating each slice: a pause of the machine or a late
   * compilation then falls on every scheme alike instead of on whichever ran first or last.
   */
  private static List<SchemeRun> measure(Config c, double[] warmUp) {
    List<IvScheme> schemes = c.schemes();
    int n = schemes.size();
    List<EncryptedMemory> memories = new ArrayList<>();
    List<Churn> churns = new ArrayList<>();
    long[] nanos = new long[n];
    long[][] samples = new long[n][(int) ((c.cycles() + c.step() - 1) / c.step())];
    try {
      for (IvScheme scheme : schemes) {
        EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed()).build();
        memories.add(m);
        churns.add(new Churn(m, c.maxLive(), c.seed()));
      }
      for (int slice = 0; slice < samples[0].length; slice++) {
        long cycles = Math.min(c.step(), c.cycles() - slice * c.step());
        for (int i = 0; i < n; i++) {
          int s = (slice + i) % n;
          long started = cpuNanos();
          churns.get(s).run(cycles);
          nanos[s] += cpuNanos() - started;
          samples[s][slice] = memories.get(s).auditor().reuses();
        }
      }
    } finally {
      memories.forEach(EncryptedMemory::close);
    }
    List<SchemeRun> runs = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      EncryptedMemory m = memories.get(s);
      IvAuditor audit = m.auditor();
      runs.add(new SchemeRun(schemes.get(s), m.encryptions(), audit.reuses(), audit.distinct(), m.rekeys(),
          megabytes(m) / (nanos[s] / 1e9), warmUp[schemes.get(s).ordinal()],
          audit.examples().isEmpty() ? "none" : audit.examples().getFirst().toString(), samples[s]));
    }
    return runs;
  }

  /**
   * The calling thread's CPU time, in ns: a loaded machine (other processes, the JIT's own
   * threads) then slows the clock the figure divides by no more than the work it measures.
   */
  private static long cpuNanos() {
    return CPU.getCurrentThreadCpuTime();
  }

  /** The plaintext encrypted so far, in MB (10^6 bytes), as the throughput's numerator. */
  private static double megabytes(EncryptedMemory m) {
    return m.encryptions() * (double) m.lineSize() / 1e6;
  }

  private static Series reusesByCycle(Config c, List<SchemeRun> runs) {
    Series.Builder series = Series.builder("cycle", runs.stream().map(r -> r.scheme().label()).toArray(String[]::new));
    for (int i = 0; i < runs.getFirst().samples().length; i++) {
      double[] y = new double[runs.size()];
      for (int s = 0; s < runs.size(); s++) {
        y[s] = runs.get(s).samples()[i];
      }
      series.point(Math.min(c.cycles(), (i + 1) * c.step()), y);
    }
    return series.build();
  }

  /**
   * Random cycles on one memory, resumable so that several schemes can be run slice by slice:
   * allocate a block of 1 to 16 lines, write a line of a live block, free one, split one, or free
   * one and allocate its size again at once. The same seed gives every scheme the same operations.
   */
  static final class Churn {
    private final EncryptedMemory m;
    private final int maxLive;
    private final SplittableRandom r;
    private final List<long[]> live = new ArrayList<>(); // address, bytes
    private final byte[] line;
    private long cycle;

    Churn(EncryptedMemory m, int maxLive, long seed) {
      this.m = m;
      this.maxLive = maxLive;
      this.r = new SplittableRandom(seed);
      this.line = new byte[m.lineSize()];
    }

    /** The next {@code cycles} cycles. */
    void run(long cycles) {
      for (long end = cycle + cycles; cycle < end; cycle++) {
        if ((cycle & 0xfff) == 0) {
          Scenario.checkInterrupted();
        }
        step(r.nextInt(100));
      }
    }

    private void step(int op) {
      if (live.isEmpty() || (op < 25 && live.size() < maxLive)) {
        long bytes = (long) m.lineSize() << r.nextInt(5);
        try {
          live.add(new long[] {m.allocate(bytes), bytes});
        } catch (RuntimeException full) {
          // no room now: the next frees make some
        }
      } else if (op < 65) {
        long[] b = live.get(r.nextInt(live.size()));
        line[0] = (byte) cycle;
        m.write(b[0], (r.nextLong(b[1] / m.lineSize())) * m.lineSize(), line);
      } else if (op < 80) {
        m.free(live.remove(r.nextInt(live.size()))[0]);
      } else if (op < 90) {
        long[] b = live.get(r.nextInt(live.size()));
        if (b[1] > m.lineSize()) {
          m.split(b[0]);
          b[1] /= 2;
          live.add(new long[] {b[0] + b[1], b[1]});
        }
      } else {
        long[] b = live.remove(r.nextInt(live.size()));
        m.free(b[0]); // reallocate: the same size straight back, very likely the same block
        live.add(new long[] {m.allocate(b[1]), b[1]});
      }
    }
  }

  /** {@code cycles} cycles of {@link Churn} on {@code m}; the IV reuses seen after each {@code step} cycles. */
  static long[] churn(EncryptedMemory m, long cycles, int maxLive, long seed, long step) {
    Churn churn = new Churn(m, maxLive, seed);
    long[] samples = new long[(int) ((cycles + step - 1) / step)];
    for (int i = 0; i < samples.length; i++) {
      churn.run(Math.min(step, cycles - i * step));
      samples[i] = m.auditor().reuses();
    }
    return samples;
  }
}
