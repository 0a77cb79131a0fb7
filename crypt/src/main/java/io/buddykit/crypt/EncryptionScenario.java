package io.buddykit.crypt;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seed's encryption argument, run: the same random allocate / write / free / split /
 * reallocate cycles on encrypted memory under each IV scheme, every (key, IV) audited. Reports the
 * IV reuses each scheme suffers (address and address+order must, epoch must not), the first reuse
 * found with the allocations that caused it, and the encryption throughput.
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
  /** Cycles of untimed churn per scheme before the timed runs: enough for C2 to compile the loop. */
  static final long WARM_UP_CYCLES = 20_000;

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

  /** What one scheme's run measured; the first IV reuse found, or {@code none}. */
  private record SchemeRun(IvScheme scheme, long encryptions, long ivReuses, long distinctIvs, long rekeys,
      double mbPerSecond, String firstReuse, long[] samples) {
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
    warmUp(c);
    List<SchemeRun> runs = c.schemes().stream().map(scheme -> measure(c, scheme)).toList();
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("scheme", "cycles", "encryptions", "IV reuses",
        "reuse share", "distinct IVs", "re-keys", "MB/s encrypted");
    ResultTable.Builder firsts = ResultTable.builder("scheme", "first reuse");
    for (SchemeRun r : runs) {
      String k = r.scheme().label() + ".";
      out.number(k + "encryptions", r.encryptions())
          .number(k + "ivReuses", r.ivReuses())
          .number(k + "distinctIvs", r.distinctIvs())
          .number(k + "rekeys", r.rekeys())
          .number(k + "mbPerSecond", r.mbPerSecond());
      table.row(r.scheme().label(), c.cycles(), r.encryptions(), r.ivReuses(), r.reuseShare(), r.distinctIvs(),
          r.rekeys(), r.mbPerSecond());
      firsts.row(r.scheme().label(), r.firstReuse());
    }
    out.table("schemes", table.build());
    out.table("firstReuses", firsts.build());
    out.series("reusesByCycle", reusesByCycle(c, runs));
    return out.build();
  }

  /**
   * Untimed churn under every scheme before any is timed, so the first scheme measured does not
   * pay for the JIT compiling AES-GCM and the churn (issue 16, defect 14: address measured 0.56
   * MB/s against epoch's 7.4 on a first run). Returns the encryptions done, which nothing reports.
   */
  static long warmUp(Config c) {
    long encryptions = 0;
    for (IvScheme scheme : IvScheme.values()) {
      try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed()).build()) {
        churn(m, WARM_UP_CYCLES, c.maxLive(), c.seed(), WARM_UP_CYCLES);
        encryptions += m.encryptions();
      }
    }
    return encryptions;
  }

  /** The churn on a fresh memory under {@code scheme}, timed. */
  private static SchemeRun measure(Config c, IvScheme scheme) {
    EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed()).build();
    long started = System.nanoTime();
    long[] samples;
    try {
      samples = churn(m, c.cycles(), c.maxLive(), c.seed(), c.step());
    } finally {
      m.close();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    IvAuditor audit = m.auditor();
    double mb = m.encryptions() * (double) m.lineSize() / 1e6;
    return new SchemeRun(scheme, m.encryptions(), audit.reuses(), audit.distinct(), m.rekeys(), mb / seconds,
        audit.examples().isEmpty() ? "none" : audit.examples().getFirst().toString(), samples);
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
   * Random cycles: allocate a block of 1 to 16 lines, write a line of a live block, free one,
   * split one, or free one and allocate its size again at once. Returns the IV reuses seen after
   * each {@code step} cycles. The same seed gives every scheme the same operations.
   */
  static long[] churn(EncryptedMemory m, long cycles, int maxLive, long seed, long step) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[]> live = new ArrayList<>(); // address, bytes
    long[] samples = new long[(int) ((cycles + step - 1) / step)];
    byte[] line = new byte[m.lineSize()];
    for (long c = 0; c < cycles; c++) {
      if ((c & 0xfff) == 0) {
        Scenario.checkInterrupted();
      }
      int op = r.nextInt(100);
      if (live.isEmpty() || (op < 25 && live.size() < maxLive)) {
        long bytes = (long) m.lineSize() << r.nextInt(5);
        try {
          live.add(new long[] {m.allocate(bytes), bytes});
        } catch (RuntimeException full) {
          // no room now: the next frees make some
        }
      } else if (op < 65) {
        long[] b = live.get(r.nextInt(live.size()));
        line[0] = (byte) c;
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
      if ((c + 1) % step == 0 || c + 1 == cycles) {
        samples[(int) (c / step)] = m.auditor().reuses();
      }
    }
    return samples;
  }
}
