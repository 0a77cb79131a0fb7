package io.buddykit.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 19 items 10 and 11 on the heap replay: sizes near 2^63, and a live address handed out again. */
class HeapReplayTest {

  @Test
  void aMallocNearTheLargestLongFailsRatherThanTakingOneUnit() {
    HeapReplay h = new HeapReplay(1L << 20, 16, 16);
    // (size + 15) / 16 wrapped to a negative count, and max(1, ...) granted it one 16-byte unit.
    h.malloc(0x10, Long.MAX_VALUE - 10);
    assertThat(h.stats().failures()).isEqualTo(1);
    assertThat(h.stats().mallocs()).isZero();
    assertThat(h.stats().liveBytesRequested()).isZero();
    h.malloc(0x20, 100); // 7 units: an order-3 block, 128 bytes
    h.realloc(0x20, 0x20, Long.MAX_VALUE - 3); // "grew in place" to one unit before
    HeapReplay.Stats s = h.stats();
    assertThat(s.failures()).isEqualTo(2);
    assertThat(s.reallocsInPlace()).isZero();
    assertThat(s.liveBytesRequested()).isEqualTo(100);
    assertThat(s.liveBytesGranted()).isEqualTo(128);
    h.space().verify();
  }

  @Test
  void aSecondMallocOfALiveAddressCountsOneImpliedFree() {
    HeapReplay h = new HeapReplay(1L << 20, 16, 16);
    h.malloc(0x10, 16);
    h.malloc(0x10, 32); // the trace lost the first block's free
    HeapReplay.Stats s = h.stats();
    assertThat(s.mallocs()).isEqualTo(2);
    assertThat(s.impliedFrees()).isEqualTo(1);
    assertThat(s.frees()).isZero(); // was 1, with unknownFrees 1, for one event
    assertThat(s.unknownFrees()).isZero();
    assertThat(s.liveBytesRequested()).isEqualTo(32);
    assertThat(s.liveBytesGranted()).isEqualTo(32);
  }

  @Test
  void aReallocOntoALiveAddressFreesTheBlockThatWasThere() {
    HeapReplay h = new HeapReplay(1L << 20, 16, 16);
    h.malloc(0x10, 16);
    h.malloc(0x20, 16);
    h.realloc(0x10, 0x20, 64); // 0x20's free was lost; its block was leaked before
    assertThat(h.stats().impliedFrees()).isEqualTo(1);
    assertThat(h.stats().liveBytesRequested()).isEqualTo(64);
    assertThat(h.stats().liveBytesGranted()).isEqualTo(64);
    h.free(0x20);
    assertThat(h.space().freeUnits()).isEqualTo(h.space().units());
    h.space().verify();
  }
}
