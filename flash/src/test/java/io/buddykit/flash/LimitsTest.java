package io.buddykit.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.HeapBudget;
import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.block.BlockTraceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 items 4, 7 and 9: shapes and lengths the heap or the clock cannot hold are refused. */
class LimitsTest {
  private static final FlashConfig SMALL = FlashConfig.defaults().withShape(64, 16, 0.25); // enough spare blocks for GC (FlashConfig refuses fewer)

  @Test
  void aDeviceNeedsSixtyFourBytesOfHeapPerPageAndTooLargeOneIsRefused() {
    // The defaults: 1024 blocks of 256 pages, 2^18 pages at 64 bytes: 16 MiB.
    assertThat(Ftl.heapBytes(FlashConfig.defaults())).isEqualTo(16L << 20);
    // 2^20 blocks of 256 pages: 2^28 pages, 16 GiB.
    assertThatThrownBy(() -> new Ftl(FlashConfig.defaults().withShape(1 << 20, 256, 0.07)))
        .isInstanceOf(HeapBudget.TooSmall.class)
        .hasMessageStartingWith("a device of 1048576 blocks of 256 pages needs about 16 GiB of Java heap");
  }

  @Test
  void notANumberAndNegativeThresholdsAreRefused() {
    assertThatThrownBy(() -> FlashConfig.defaults().withShape(64, 16, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("over-provisioning must be in [0.02, 0.5], got NaN");
    assertThatThrownBy(() -> SMALL.withWear(-5, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a wear threshold is -1 (off) or at least 0, got -5 and 100");
    assertThat(SMALL.withWear(-1, -1).wearThreshold()).isEqualTo(-1); // off stays allowed
  }

  @Test
  void writesAreBoundedAsTheScenarioBoundsThem() {
    FlashRun run = new FlashRun(new Ftl(SMALL), 64);
    assertThatThrownBy(() -> run.run(HostWrites.named("uniform", run.ftl().logicalPages(), 1), Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writes 9223372036854775807 outside 0..100000000");
  }

  @Test
  void aRequestLargerThanTheDeviceIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
    // 64 blocks of 16 pages at 75%: 768 logical pages of 8 KiB = 6,291,456 bytes.
    Path msr = Files.writeString(dir.resolve("huge.csv"),
        "1,h,0,Write,0,4096,1\n2,h,0,Write,0,4611686018427387904,1\n");
    FlashRun run = new FlashRun(new Ftl(SMALL), 64);
    run.precondition();
    assertThatThrownBy(() -> run.replay(msr, BlockTraceFormat.MSR, SMALL.pageBytes()))
        .isInstanceOf(TraceParseException.class)
        .hasMessage(msr + ":2: a request of 4611686018427387904 bytes is larger than the device's 6291456 logical"
            + " bytes");
    // A request of the whole device is still folded and replayed.
    Path whole = Files.writeString(dir.resolve("whole.csv"), "1,h,0,Write,8192,6291456,1\n");
    assertThat(run.replay(whole, BlockTraceFormat.MSR, SMALL.pageBytes())).isEqualTo(1);
    assertThat(run.lostPages()).isZero();
  }
}
