package io.buddykit.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Power lost before a random program or erase, mid-GC included: the mapping rebuilt from the
 * out-of-band metadata must read every acknowledged write, and the device must go on working.
 */
class PowerLossTest {
  @Test
  void nothingAcknowledgedIsLost() {
    SplittableRandom r = new SplittableRandom(42);
    int losses = 0;
    int midGc = 0;
    for (int round = 0; round < 30; round++) {
      FlashConfig c = FlashConfig.defaults().withShape(64, 8, 0.2)
          .withGc(GcPolicy.values()[round % 3]).withSeed(round);
      FlashRun run = new FlashRun(new Ftl(c), 1_000_000);
      run.precondition();
      HostWrites w = HostWrites.hotCold(run.ftl().logicalPages(), 0.2, 0.8, round);
      for (int cut = 0; cut < 5; cut++) {
        run.ftl().failAfter(1 + r.nextInt(3000));
        try {
          run.run(w, 100_000);
        } catch (PowerLoss e) {
          losses++;
          for (StackTraceElement f : e.getStackTrace()) {
            if (f.getMethodName().equals("clean")) {
              midGc++;
              break;
            }
          }
          run.ftl().recover();
          assertThat(run.lostPages()).as("round %d cut %d: %s", round, cut, e.getMessage()).isZero();
        }
      }
      run.run(w, 2000); // and it keeps working
      assertThat(run.lostPages()).isZero();
    }
    assertThat(losses).isGreaterThan(100);
    assertThat(midGc).as("power losses inside garbage collection").isPositive();
  }

  @Test
  void trimsSurvivePowerLossToo() {
    SplittableRandom r = new SplittableRandom(7);
    for (int round = 0; round < 20; round++) {
      FlashRun run = new FlashRun(new Ftl(FlashConfig.defaults().withShape(64, 8, 0.2).withSeed(round)), 1_000_000);
      run.precondition();
      long pages = run.ftl().logicalPages();
      for (int cut = 0; cut < 5; cut++) {
        run.ftl().failAfter(1 + r.nextInt(3000));
        try {
          for (int i = 0; i < 100_000; i++) {
            long lpn = r.nextLong(pages);
            if (r.nextInt(5) == 0) {
              run.trim(lpn);
            } else {
              run.write(lpn);
            }
          }
        } catch (PowerLoss e) {
          run.ftl().recover();
          assertThat(run.lostPages()).as("round %d cut %d", round, cut).isZero();
        }
      }
    }
  }

  @Test
  void anOverwrittenCopyNeverComesBackAfterATrim() {
    // The reviewer's sequence: X = 111, fill the block, X = 222, trim X, write until the block
    // with 222 is erased while the one with 111 survives, lose power: X must still read 0.
    FlashConfig c = FlashConfig.defaults().withShape(64, 8, 0.2).withGc(GcPolicy.GREEDY);
    for (int seed = 0; seed < 10; seed++) {
      Ftl f = new Ftl(c.withSeed(seed));
      FlashRun run = new FlashRun(f, 1_000_000);
      run.precondition();
      long x = 5;
      run.write(x);
      run.write(x);
      run.trim(x);
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < 20_000; i++) {
        long lpn = r.nextLong(f.logicalPages());
        if (lpn != x) {
          run.write(lpn);
        }
      }
      f.recover();
      assertThat(f.read(x)).isZero();
      assertThat(run.lostPages()).isZero();
    }
  }
}
