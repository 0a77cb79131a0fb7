package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 item 11: the mtrace replay's text summary counts each event once and shows traced failures. */
class HeapReplaySummaryTest {

  @Test
  void aReusedLiveAddressIsOneImpliedFreeAndTracedFailuresAreShown(@TempDir Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("t.mtrace"),
        "= Start\n+ 0x1000 0x10\n+ 0x1000 0x20\n+ (nil) 0x100\n- 0x1000\n");
    Run r = Run.of("replay", trace.toString(), "--format", "mtrace", "--memory", "1M");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("\\bmallocs\\s+2\\b").containsPattern("\\bfrees\\s+1\\b")
        .containsPattern("traced failures\\s+1\\b").containsPattern("frees of unknown blocks\\s+0\\b")
        .containsPattern("frees implied by a reused address\\s+1\\b");
  }
}
