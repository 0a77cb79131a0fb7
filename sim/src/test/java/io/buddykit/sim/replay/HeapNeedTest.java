package io.buddykit.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.trace.memory.MtraceReader;
import org.junit.jupiter.api.Test;

/** Issue 19 item 5: a replayed heap is sized from what the trace needs, not a fixed 16 GiB. */
class HeapNeedTest {

  @Test
  void thePeakCountsEachRequestAsItsPowerOfTwoBlockAndAMoveAsBothBlocks() {
    HeapNeed n = new HeapNeed(16);
    n.malloc(0xa, 100); // 7 units: an order-3 block, 8 units
    n.malloc(0xb, 16); // 1 unit
    assertThat(n.peakUnits()).isEqualTo(9);
    n.free(0xa); // 1 live
    n.malloc(0xc, 1000); // 63 units: order 6, 64; 65 live
    n.realloc(0xc, 0xd, 2000); // 125 units: order 7, 128; while it copies 1 + 64 + 128 = 193, then 129
    assertThat(n.peakUnits()).isEqualTo(193);
    n.malloc(0xb, 32); // a live address again: its 1-unit block goes, a 2-unit one comes; 130 live
    n.free(0x99); // unknown: nothing
    n.malloc(0xe, 4000); // 250 units: order 8, 256; 386 live
    assertThat(n.peakUnits()).isEqualTo(386);
    assertThat(n.peakBytes()).isEqualTo(386 * 16);
    assertThat(n.unsatisfiable()).isZero();
    assertThat(n.events()).isEqualTo(8);
  }

  @Test
  void aRequestNoHeapCanGrantIsCountedApartAndLeftOutOfThePeak() {
    HeapNeed n = new HeapNeed(16);
    n.malloc(0xa, -1); // beyond a signed long
    n.malloc(0xb, 1L << 40); // 2^36 units: above an order-30 heap
    n.malloc(0xc, 1L << 34); // 2^30 units: the largest block there is
    n.realloc(0xc, 0xc, (1L << 34) + 1); // one unit more: fails, the old block stays
    assertThat(n.unsatisfiable()).isEqualTo(3);
    assertThat(n.peakUnits()).isEqualTo(1L << 30);
  }

  @Test
  void theHeapIsTwiceThePeakRoundedUpToAPowerOfTwoFromOneMibToTwoToTheThirtyUnits() {
    HeapNeed n = new HeapNeed(16);
    assertThat(n.heapUnits()).isEqualTo(65536); // no events: 1 MiB of 16-byte units
    n.malloc(0xa, 3L << 20); // 3 MiB: 196,608 units, order 18 (262,144 units)
    assertThat(n.heapUnits()).isEqualTo(1 << 19); // 2 x 2^18, a power of two already
    n.malloc(0xb, 16); // 262,145 units: twice is 524,290, up to 2^20
    assertThat(n.heapUnits()).isEqualTo(1 << 20);
    HeapNeed pages = new HeapNeed(4096);
    pages.malloc(0xa, 1L << 44); // 2^32 pages: above order 30
    pages.malloc(0xb, 1L << 42); // 2^30 pages: twice is 2^31, capped at 2^30
    assertThat(pages.heapUnits()).isEqualTo(1L << 30);
  }

  @Test
  void fittedDoublesTheHeapWhileTheReplayFailsWhatALargerHeapWouldGrant() {
    HeapNeed need = new HeapNeed(16);
    need.malloc(0xa, 16); // a 1 MiB heap
    need.malloc(0xb, -1); // a request no heap grants
    int[] tries = {0};
    HeapReplay h = HeapReplay.fitted(need, heap -> {
      tries[0]++;
      heap.malloc(0xb, -1); // fails on every heap: no reason to double
      for (int i = 1; i <= 3; i++) {
        heap.malloc(i, 512 << 10); // three 512 KiB blocks: the third fails on 1 MiB, fits on 2 MiB
      }
    });
    assertThat(tries[0]).isEqualTo(2);
    assertThat(h.spaceBytes()).isEqualTo(2L << 20);
    assertThat(h.stats().failures()).isEqualTo(1);
    assertThat(h.stats().mallocs()).isEqualTo(3);
  }

  @Test
  void theTarMtraceReplaysOnItsFittedHeapAsOnSixtyFourMib() {
    HeapNeed need = new HeapNeed(16);
    MtraceReader.read(ReplayTest.MTRACE, need, false);
    // 252,656 bytes granted at the peak (the replay's own figure); the move-aware count is larger.
    assertThat(need.peakBytes()).isGreaterThanOrEqualTo(252_656).isLessThan(512 << 10);
    HeapReplay fitted = HeapReplay.fitted(need, h -> MtraceReader.read(ReplayTest.MTRACE, h, false));
    HeapReplay big = new HeapReplay(64L << 20, 16, 22);
    MtraceReader.read(ReplayTest.MTRACE, big, false);
    assertThat(fitted.spaceBytes()).isEqualTo(1L << 20);
    assertThat(fitted.stats()).isEqualTo(big.stats());
    fitted.space().verify();
  }
}
