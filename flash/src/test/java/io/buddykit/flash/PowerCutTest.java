package io.buddykit.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 13: power lost before or during any program or erase (torn pages, partially erased
 * blocks), and again during {@link Ftl#recover()}, over random device shapes, GC policies and wear
 * rules, random workloads and random cut points. The oracle is the host's own record of every
 * acknowledged write and trim: after recovery every logical page reads its latest acknowledged
 * content, but the one in flight when power died, which reads old or new and nothing else, and the
 * FTL's invariants hold. Shapes {@code -Dflash.cuts.shapes}, cuts per shape {@code
 * -Dflash.cuts.perShape}, sizes {@code -Dflash.cuts.maxBlocksLog} and {@code -Dflash.cuts.maxPagesLog}
 * (the long profile runs many more and larger).
 */
class PowerCutTest {
  private static final int SHAPES = Integer.getInteger("flash.cuts.shapes", 120);
  private static final int CUTS_PER_SHAPE = Integer.getInteger("flash.cuts.perShape", 12);
  private static final long SEED = Long.getLong("flash.cuts.seed", 0x13_19L);
  /** Shapes of up to 16 * 2^n blocks of 4 * 2^m pages: 128 blocks of 32 pages by default. */
  private static final int MAX_BLOCKS_LOG = Integer.getInteger("flash.cuts.maxBlocksLog", 3);
  private static final int MAX_PAGES_LOG = Integer.getInteger("flash.cuts.maxPagesLog", 3);

  /** What the host knows: the content last acknowledged per logical page, and the operation in flight. */
  private static final class Host {
    final Ftl ftl;
    final long[] acked;
    final SplittableRandom r;
    long version;
    long inFlightLpn = -1;
    long inFlightContent;
    long lastLpn;

    Host(Ftl ftl, long seed) {
      this.ftl = ftl;
      this.acked = new long[(int) ftl.logicalPages()];
      this.r = new SplittableRandom(seed);
    }

    void write(long lpn) {
      long c = FlashRun.content(lpn, ++version);
      inFlightLpn = lpn;
      inFlightContent = c;
      ftl.write(lpn, c);
      acked[(int) lpn] = c;
      inFlightLpn = -1;
    }

    void trim(long lpn) {
      inFlightLpn = lpn;
      inFlightContent = 0;
      ftl.trim(lpn);
      acked[(int) lpn] = 0;
      inFlightLpn = -1;
    }

    /** One host operation: hot or uniform random writes, trims, or a short sequential run. */
    void step() {
      long pages = acked.length;
      int op = r.nextInt(100);
      if (op < 10) {
        trim(r.nextLong(pages));
      } else if (op < 20) {
        long start = r.nextLong(pages);
        for (int i = 0; i < 2 + r.nextInt(30); i++) {
          write((start + i) % pages);
        }
      } else if (op < 60) {
        write(r.nextLong(Math.max(1, pages / 5)));
      } else {
        write(r.nextLong(pages));
      }
    }

    /**
     * After recovery: every page reads its acknowledged content, the one in flight old or new;
     * what it reads is then the truth.
     */
    void check(String where) {
      for (int lpn = 0; lpn < acked.length; lpn++) {
        long got = ftl.read(lpn);
        if (lpn == inFlightLpn && got == inFlightContent) {
          acked[lpn] = got; // the write in flight made it
        } else {
          assertThat(got).as("%s: logical page %d (in flight: %d)", where, lpn, inFlightLpn).isEqualTo(acked[lpn]);
        }
      }
      inFlightLpn = -1;
      ftl.checkInvariants();
    }
  }

  /** Counts of what the cuts hit. */
  private static final class Tally {
    long shapes;
    long cuts;
    long torn;
    long partialErases;
    long inRecovery;
    long inRecoveryDuringErase;
    long inGc;

    void count(PowerLoss e, boolean inRecover) {
      cuts++;
      for (StackTraceElement f : e.getStackTrace()) {
        if (f.getMethodName().equals("clean")) {
          inGc++;
          break;
        }
      }
      String m = e.getMessage();
      boolean during = m.contains("during");
      if (during && m.contains("program")) {
        torn++;
      }
      if (during && m.contains("erase")) {
        partialErases++;
      }
      if (inRecover) {
        inRecovery++;
        if (during) {
          inRecoveryDuringErase++;
        }
      }
    }
  }

  /** A random shape {@link FlashConfig} accepts: sizes, over-provisioning, GC policy, wear rules. */
  static FlashConfig randomShape(SplittableRandom r, int maxBlocksLog, int maxPagesLog) {
    while (true) {
      int so = r.nextInt(3);
      try {
        return new FlashConfig(16 << r.nextInt(maxBlocksLog + 1), 4 << r.nextInt(maxPagesLog + 1), 8192, 10_000,
            0.02 + r.nextDouble() * 0.4, GcPolicy.values()[r.nextInt(3)],
            r.nextInt(3) == 0 ? -1 : r.nextInt(8), r.nextInt(3) == 0 ? -1 : r.nextInt(16),
            so, 2 + (1 << so) + r.nextInt(4), 50, 600, 3000, r.nextLong());
      } catch (IllegalArgumentException refused) {
        // not a shape the FTL accepts (too little spare for GC): draw again
      }
    }
  }

  @Test
  void randomShapesWorkloadsAndCutsLoseNothingAcknowledged() {
    long t0 = System.nanoTime();
    SplittableRandom r = new SplittableRandom(SEED);
    Tally t = new Tally();
    for (int s = 0; s < SHAPES; s++) {
      FlashConfig c = randomShape(r, MAX_BLOCKS_LOG, MAX_PAGES_LOG);
      runShape(c, r.nextLong(), t);
    }
    System.out.printf("PowerCutTest: %d shapes, %d cuts (%d torn pages, %d partial erases, %d in garbage collection,"
        + " %d during recovery, %d of them during its erase) in %.1f s%n", t.shapes, t.cuts, t.torn, t.partialErases,
        t.inGc, t.inRecovery, t.inRecoveryDuringErase, (System.nanoTime() - t0) / 1e9);
    assertThat(t.torn).as("torn pages").isPositive();
    assertThat(t.partialErases).as("partially erased blocks").isPositive();
    assertThat(t.inGc).as("cuts inside garbage collection").isPositive();
    assertThat(t.inRecoveryDuringErase).as("cuts during recovery's own erases").isPositive();
  }

  private static void runShape(FlashConfig c, long seed, Tally t) {
    Host h = new Host(new Ftl(c), seed);
    SplittableRandom r = h.r;
    String shape = c.blocks() + "x" + c.pagesPerBlock() + " op " + c.overProvisioning() + " " + c.gc()
        + " wear " + c.wearThreshold() + "/" + c.staticWearThreshold() + " so " + c.superblockOrder()
        + " gcLow " + c.gcLowBlocks() + " seed " + c.seed();
    for (long lpn = 0; lpn < h.acked.length; lpn++) {
      h.write(lpn);
    }
    long span = 3L * c.blocks() * c.pagesPerBlock();
    for (int cut = 0; cut < CUTS_PER_SHAPE; cut++) {
      h.ftl.failAfter(1 + r.nextLong(span), r.nextBoolean() ? PowerCut.DURING : PowerCut.BEFORE);
      try {
        for (long i = 0; i < 4 * span; i++) {
          h.step();
        }
        continue; // the cut fell past the workload: none this time
      } catch (PowerLoss e) {
        t.count(e, false);
      }
      recoverWithCuts(h, r, t);
      h.check(shape + " cut " + cut);
    }
    for (int i = 0; i < 2 * c.blocks() * c.pagesPerBlock() / 8; i++) {
      h.step(); // and it keeps working
    }
    h.check(shape + " after the cuts");
    t.shapes++;
  }

  /** Recovers, losing power again inside recovery now and then (up to three times in a row). */
  private static void recoverWithCuts(Host h, SplittableRandom r, Tally t) {
    for (int again = 0; again < 3 && r.nextBoolean(); again++) {
      h.ftl.failAfter(1 + r.nextInt(3), r.nextBoolean() ? PowerCut.DURING : PowerCut.BEFORE);
      try {
        h.ftl.recover();
        h.ftl.failAfter(Long.MAX_VALUE); // recovery erased less than the cut waited for: disarm
        return;
      } catch (PowerLoss e) {
        t.count(e, true);
      }
    }
    h.ftl.recover();
  }

  @Test
  void aTornHostWriteReadsTheOldContent() {
    Ftl f = new Ftl(FlashConfig.defaults().withShape(64, 8, 0.25));
    f.write(7, 111);
    f.failAfter(1, PowerCut.DURING);
    assertThatThrownBy(() -> f.write(7, 222)).isInstanceOf(PowerLoss.class).hasMessageContaining("during the program");
    f.recover();
    assertThat(f.read(7)).isEqualTo(111);
    f.checkInvariants();
    // The torn page is skipped, not programmed again: the next write goes to a fresh page.
    f.write(7, 333);
    f.recover();
    assertThat(f.read(7)).isEqualTo(333);
    f.checkInvariants();
  }

  @Test
  void aCutDuringRecoverysEraseIsFinishedByTheNextRecovery() {
    FlashConfig c = FlashConfig.defaults().withShape(64, 8, 0.25).withGc(GcPolicy.GREEDY);
    SplittableRandom r = new SplittableRandom(5);
    for (int found = 0, attempt = 0; found < 5; attempt++) {
      assertThat(attempt).as("a cut during an erase within 200 attempts").isLessThan(200);
      Host h = new Host(new Ftl(c.withSeed(attempt)), attempt);
      for (long lpn = 0; lpn < h.acked.length; lpn++) {
        h.write(lpn);
      }
      h.ftl.failAfter(1 + r.nextInt(2000), PowerCut.DURING);
      String m;
      try {
        for (int i = 0; i < 20_000; i++) {
          h.step();
        }
        continue;
      } catch (PowerLoss e) {
        m = e.getMessage();
      }
      if (!m.contains("erase of block ")) {
        continue; // a torn page this time
      }
      found++;
      int b = Integer.parseInt(m.substring(m.indexOf("erase of block ") + 15));
      int e = h.ftl.eraseCount(b); // the cut erase counted
      h.ftl.failAfter(1, PowerCut.DURING);
      assertThatThrownBy(h.ftl::recover).isInstanceOf(PowerLoss.class)
          .hasMessageContaining("during the erase of block " + b);
      assertThat(h.ftl.eraseCount(b)).isEqualTo(e + 1);
      h.ftl.failAfter(1, PowerCut.BEFORE);
      assertThatThrownBy(h.ftl::recover).isInstanceOf(PowerLoss.class)
          .hasMessageContaining("before the erase of block " + b);
      assertThat(h.ftl.eraseCount(b)).isEqualTo(e + 1);
      h.ftl.recover();
      assertThat(h.ftl.eraseCount(b)).as("erased once more, completely").isEqualTo(e + 2);
      h.check("attempt " + attempt);
      h.ftl.recover(); // idempotent: nothing left to erase
      assertThat(h.ftl.eraseCount(b)).isEqualTo(e + 2);
      h.check("attempt " + attempt + ", recovered twice");
    }
  }

  @Test
  void anOverwrittenCopyNeverComesBackAfterATrim() {
    // The reviewer's sequence: X = 111, fill the block, X = 222, trim X, write until the block
    // with 222 is erased while the one with 111 survives, lose power: X must still read 0.
    FlashConfig c = FlashConfig.defaults().withShape(64, 8, 0.2).withGc(GcPolicy.GREEDY);
    for (int seed = 0; seed < 10; seed++) {
      Host h = new Host(new Ftl(c.withSeed(seed)), seed);
      for (long lpn = 0; lpn < h.acked.length; lpn++) {
        h.write(lpn);
      }
      long x = 5;
      h.write(x);
      h.write(x);
      h.trim(x);
      for (int i = 0; i < 20_000; i++) {
        long lpn = h.r.nextLong(h.acked.length);
        if (lpn != x) {
          h.write(lpn);
        }
      }
      h.ftl.recover();
      assertThat(h.ftl.read(x)).isZero();
      h.check("seed " + seed);
    }
  }
}
