package io.buddykit.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.FtraceReader;
import io.buddykit.trace.memory.GfpBits;
import io.buddykit.trace.memory.MtraceReader;
import io.buddykit.trace.memory.PageEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Replays of real and hand-made traces on the machine model and on a heap. */
class ReplayTest {
  private static final Path FTRACE = Path.of("../trace/src/test/resources/ftrace/sample.trace");
  static final Path MTRACE = Path.of("../trace/src/test/resources/mtrace/tar.mtrace");

  @Test
  void aRealFtraceReplaysAtItsRecordedPfnsAndEveryEventIsAccountedFor() {
    Machine m = Machine.booted(MachineConfig.of(8L << 30, 1).withPerCpuLists(false));
    PageReplay replay = new PageReplay(m, PageReplay.Mode.RECORDED);
    TraceStats read = FtraceReader.read(FTRACE, replay, false);
    ReplayStats s = replay.stats();
    assertThat(read.events()).isPositive();
    assertThat(s.allocs() + s.frees() + s.skipped() + s.tracedFailures()).isEqualTo(read.events());
    assertThat(s.allocs()).isPositive();
    // The trace starts mid-life, so some frees are of pages allocated before it; but nothing it
    // allocates is already held in a freshly booted model, and every pfn is inside 8 GiB.
    assertThat(s.busy()).isZero();
    assertThat(s.outOfRange()).isZero();
    m.verify();
  }

  @Test
  void aRealFtraceReplaysThroughTheModelsOwnPolicy() {
    Machine m = Machine.booted(MachineConfig.of(1L << 30, 1));
    PageReplay replay = new PageReplay(m, PageReplay.Mode.POLICY);
    TraceStats read = FtraceReader.read(FTRACE, replay, false);
    ReplayStats s = replay.stats();
    assertThat(s.modelFailures()).isZero();
    assertThat(s.allocs() + s.frees() + s.skipped() + s.tracedFailures()).isEqualTo(read.events());
    assertThat(replay.live()).isEqualTo((int) (s.allocs() - s.frees()));
    m.verify();
  }

  @Test
  void recordedModeCountsWhatItCannotApplyAndChangesNothingForIt() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withPerCpuLists(false));
    PageReplay r = new PageReplay(m, PageReplay.Mode.RECORDED);
    long pfn = 0x3000;
    r.alloc(0, pfn, 2, 1, Gfp.GFP_HIGHUSER_MOVABLE.flags());
    long free = m.freePages();
    r.alloc(0, pfn + 1, 0, 1, 0); // inside the live block
    r.alloc(0, 1L << 40, 0, 1, 0); // beyond memory
    r.free(0, pfn, 1); // wrong order
    r.free(0, pfn + 64, 0); // never allocated
    assertThat(m.freePages()).isEqualTo(free);
    r.free(0, pfn, 2);
    assertThat(r.stats()).isEqualTo(new ReplayStats(1, 1, 0, 1, 1, 1, 1, 0));
    m.verify();
    assertThatThrownBy(() -> new PageReplay(Machine.booted(MachineConfig.of(64L << 20, 1)), PageReplay.Mode.RECORDED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-CPU");
  }

  @Test
  void policyModeRunsEachEventOnItsCpuModuloTheModelsCpus() {
    Machine m = Machine.booted(MachineConfig.of(1L << 30, 1).withCpusPerNode(2));
    PageReplay r = new PageReplay(m, PageReplay.Mode.POLICY);
    int gfp = Gfp.GFP_KERNEL.flags();
    long free0 = m.freePages();
    r.alloc(0, 0x100, 0, 0, gfp); // CPU 0's list is empty: a refill from the buddy lists
    long free1 = m.freePages();
    assertThat(free1).isLessThan(free0 - 1);
    r.alloc(2, 0x101, 0, 0, gfp); // CPU 2 of the trace is the model's CPU 0: from its list
    r.alloc(PageEvents.NO_CPU, 0x102, 0, 0, gfp); // no CPU: CPU 0 as well
    assertThat(m.freePages()).isEqualTo(free1);
    r.alloc(3, 0x103, 0, 0, gfp); // CPU 3 is the model's CPU 1, whose list is empty: a refill
    assertThat(m.freePages()).isLessThan(free1 - 1);
    r.free(5, 0x100, 0);
    assertThat(r.stats().frees()).isEqualTo(1);
    m.verify();
  }

  @Test
  void theFlagsTheModelDoesNotInterpretAreListedByName() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1).withPerCpuLists(false));
    PageReplay r = new PageReplay(m, PageReplay.Mode.RECORDED);
    r.alloc(0, 0x3000, 0, 0, GfpBits.GFP_KERNEL | GfpBits.__GFP_ZERO | GfpBits.__GFP_ACCOUNT);
    assertThat(r.gfpFlagsNotModelled()).isEmpty();
    r.alloc(0, 0x3001, 0, 1, GfpBits.GFP_HIGHUSER_MOVABLE | GfpBits.__GFP_WRITE);
    r.alloc(1, 0x3002, 0, 0, GfpBits.GFP_KERNEL | GfpBits.__GFP_NO_OBJ_EXT | 0x10000000);
    assertThat(r.gfpFlagsNotModelled())
        .containsExactly("__GFP_WRITE", "__GFP_NO_OBJ_EXT|__GFP_SKIP_ZERO", "0x10000000");
  }

  @Test
  void heapReplayGrowsInPlaceWhenTheBuddyIsFreeAndMovesWhenItIsNot() {
    HeapReplay h = new HeapReplay(1L << 20, 16, 16);
    h.malloc(0x10, 100); // 7 units -> an order-3 block of 8 units (128 bytes) at unit 0
    assertThat(h.stats().liveBytesGranted()).isEqualTo(128);
    h.realloc(0x10, 0x10, 200); // 13 units: merges its free buddy [8, 16): order 4 in place
    h.malloc(0x20, 16); // 1 unit at unit 16, right behind it
    h.realloc(0x10, 0x30, 1000); // 63 units: buddy [16, 32) is taken, so it moves (200 bytes copied)
    HeapReplay.Stats s = h.stats();
    assertThat(s.reallocs()).isEqualTo(2);
    assertThat(s.reallocsInPlace()).isEqualTo(1);
    assertThat(s.bytesCopied()).isEqualTo(200);
    assertThat(s.liveBytesRequested()).isEqualTo(1016);
    assertThat(s.liveBytesGranted()).isEqualTo(1024 + 16);
    h.free(0x10); // gone with the move
    h.free(0x30);
    h.free(0x20);
    assertThat(h.stats().unknownFrees()).isEqualTo(1);
    assertThat(h.space().freeUnits()).isEqualTo(h.space().units());
    h.space().verify();
  }

  @Test
  void aRealMtraceReplaysOnAByteGranularHeap() {
    HeapReplay h = new HeapReplay(64L << 20, 16, 22);
    TraceStats read = MtraceReader.read(MTRACE, h, false);
    HeapReplay.Stats s = h.stats();
    assertThat(s.mallocs()).isPositive();
    assertThat(s.failures()).isZero();
    assertThat(s.mallocs() + s.frees() + s.reallocs() + s.unknownFrees() + s.tracedFailures())
        .isGreaterThanOrEqualTo(read.events());
    assertThat(s.peakBytesGranted()).isGreaterThanOrEqualTo(s.peakBytesRequested());
    assertThat(s.liveBytesGranted()).isGreaterThanOrEqualTo(s.liveBytesRequested());
    assertThat(s.peakWaste()).isBetween(0.0, 0.5);
    h.space().verify();
  }

  @Test
  void eventsTheModelCannotTakeAreCountedNotThrown() {
    Machine m = Machine.booted(MachineConfig.of(64L << 20, 1));
    PageReplay policy = new PageReplay(m, PageReplay.Mode.POLICY);
    policy.alloc(0, 0x1000, -1, 1, 0); // negative order
    policy.alloc(0, 0x1000, 0, -1, 0); // negative migratetype
    policy.alloc(0, 0x1000, 0, 1, GfpBits.__GFP_MOVABLE | GfpBits.__GFP_RECLAIMABLE); // Linux rejects the mix
    assertThat(policy.stats().outOfRange()).isEqualTo(3);
    assertThat(policy.live()).isZero();
    m.verify();
  }

  @Test
  void aReallocThatCanNeitherGrowNorMoveLeavesItsBlockAsItWas() {
    HeapReplay h = new HeapReplay(1024, 16, 6); // 64 units
    h.malloc(0x10, 16 * 16); // order 4 at 0
    h.malloc(0x20, 16); // unit 16: the buddy of [0, 16) is no longer free
    long granted = h.stats().liveBytesGranted();
    h.realloc(0x10, 0x10, 48 * 16); // needs order 6 = the whole heap: cannot grow, cannot move
    assertThat(h.stats().failures()).isEqualTo(1);
    assertThat(h.stats().liveBytesGranted()).isEqualTo(granted);
    h.free(0x10);
    h.free(0x20);
    assertThat(h.space().freeUnits()).isEqualTo(64);
    h.space().verify();
  }
}
