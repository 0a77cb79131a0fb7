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
    return List.of(
        Param.text("cycles", "1000000", "random operations per scheme"),
        Param.text("memoryKiB", "256", "encrypted memory size (64-byte lines)"),
        Param.text("maxLive", "32", "live blocks at most"),
        Param.text("scheme", "all", "all, or one of address, address+order, epoch"),
        Param.text("seed", "1", "random seed"));
  }

  @Override
  public Result run(Params p) {
    long cycles = p.getLong("cycles");
    p.require(cycles >= 1 && cycles <= 100_000_000, "cycles", "must be in [1, 10^8]");
    long kib = p.getLong("memoryKiB");
    p.require(kib >= 4 && kib <= 65536, "memoryKiB", "must be in [4, 65536]");
    int maxLive = p.getInt("maxLive");
    p.require(maxLive >= 1 && maxLive <= 4096, "maxLive", "must be in [1, 4096]");
    String which = p.string("scheme");
    List<IvScheme> schemes = which.equals("all") ? List.of(IvScheme.values()) : List.of(IvScheme.parse(which));
    long seed = p.getLong("seed");

    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("scheme", "cycles", "encryptions", "IV reuses",
        "reuse share", "distinct IVs", "re-keys", "MB/s encrypted");
    ResultTable.Builder firsts = ResultTable.builder("scheme", "first reuse");
    List<String> names = schemes.stream().map(IvScheme::label).toList();
    Series.Builder series = Series.builder("cycle", names.toArray(String[]::new));
    long step = Math.max(1, cycles / 20);
    long[][] samples = new long[schemes.size()][];
    for (int s = 0; s < schemes.size(); s++) {
      IvScheme scheme = schemes.get(s);
      EncryptedMemory m = EncryptedMemory.builder(kib * 1024).scheme(scheme).seed(seed).build();
      long started = System.nanoTime();
      try {
        samples[s] = churn(m, cycles, maxLive, seed, step);
      } finally {
        m.close();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      IvAuditor audit = m.auditor();
      double mb = m.encryptions() * (double) m.lineSize() / 1e6;
      String k = scheme.label() + ".";
      out.number(k + "encryptions", m.encryptions())
          .number(k + "ivReuses", audit.reuses())
          .number(k + "distinctIvs", audit.distinct())
          .number(k + "rekeys", m.rekeys())
          .number(k + "mbPerSecond", mb / seconds);
      table.row(scheme.label(), cycles, m.encryptions(), audit.reuses(),
          m.encryptions() == 0 ? 0.0 : audit.reuses() / (double) m.encryptions(), audit.distinct(),
          m.rekeys(), mb / seconds);
      firsts.row(scheme.label(), audit.examples().isEmpty() ? "none" : audit.examples().getFirst().toString());
    }
    for (int i = 0; i < samples[0].length; i++) {
      double[] y = new double[schemes.size()];
      for (int s = 0; s < schemes.size(); s++) {
        y[s] = samples[s][i];
      }
      series.point(Math.min(cycles, (i + 1) * step), y);
    }
    out.table("schemes", table.build());
    out.table("firstReuses", firsts.build());
    out.series("reusesByCycle", series.build());
    return out.build();
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
