package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import io.buddykit.scenario.HeapBudget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 19 items 4, 5, 7 and 9: accepted values that exhausted the heap or never ended are refused at
 * once, in one line naming the option, exit 2; an {@link OutOfMemoryError} all the same is one
 * line, exit 1. The sizes are far above any heap the tests run with (the default is a quarter of
 * the RAM).
 */
class LimitsTest {
  private static void refused(Run r, String start) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith(start).hasLineCount(1).doesNotContain("java.");
  }

  @Test
  void aMachineTheHeapCannotHoldIsRefusedNamingMemoryTheNeedAndTheHeap() {
    // 4 TiB of 4 KiB pages is 2^30 page frames at 40 bytes each: 40 GiB of heap.
    refused(Run.of("sim", "--memory", "4T", "--steps", "1"),
        "buddykit: --memory 4 TiB needs about 40 GiB of Java heap");
    refused(Run.of("sim", "--memory", "7T", "--steps", "1"),
        "buddykit: --memory 7 TiB needs about 70 GiB of Java heap");
    Run r = Run.of("sim", "--memory", "2T", "--steps", "1");
    assertThat(r.err()).contains("more than the").contains("JAVA_TOOL_OPTIONS=-Xmx");
  }

  @Test
  void replayChecksTheMachineAndTheHeapReplayBeforeReading(@TempDir Path dir) throws Exception {
    Path trace = Files.writeString(dir.resolve("t.mtrace"), "= Start\n@ ./a:[0x1] + 0x55 0x10\n= End\n");
    // 2^42 bytes in 16-byte units is 2^38 units at 3 bytes each: 768 GiB.
    refused(Run.of("replay", trace.toString(), "--memory", "4T"),
        "buddykit: --memory 4 TiB in --unit 16 B units needs about 768 GiB of Java heap");
  }

  @Test
  void anMtraceWithoutMemoryReplaysOnAHeapSizedFromItsPeak() throws Exception {
    Path tar = Path.of("../trace/src/test/resources/mtrace/tar.mtrace");
    Run fitted = Run.of("replay", tar.toString(), "--json");
    Run big = Run.of("replay", tar.toString(), "--memory", "64M", "--json");
    assertThat(fitted.exit()).as(fitted.err()).isZero();
    JsonNode f = Json.mapper().readTree(fitted.out()).get("summary");
    JsonNode b = Json.mapper().readTree(big.out()).get("summary");
    // Its peak is 252,656 bytes granted: twice that is under 1 MiB, the smallest fitted heap.
    assertThat(f.get("heapBytes").asLong()).isEqualTo(1L << 20);
    assertThat(b.get("heapBytes").asLong()).isEqualTo(64L << 20);
    assertThat(f.get("heap")).isEqualTo(b.get("heap"));
  }

  @Test
  void aTraceWhoseHeapTheJavaHeapCannotHoldIsRefusedBeforeTheReplay(@TempDir Path dir) throws Exception {
    // 1 GiB live is 2^26 units of 16 bytes; twice that is a 2 GiB heap of 2^27 units at 3 bytes
    // each: 384 MiB of Java heap, more than the 256 MiB the child JVM is given.
    Path trace = Files.writeString(dir.resolve("big.mtrace"), "= Start\n+ 0x1000 0x40000000\n= End\n");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "replay", trace.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isEqualTo(2);
    assertThat(err).startsWith("buddykit: " + trace + " (a peak of 1 GiB live in 16 B units, on a heap of 2 GiB)"
        + " needs about 384 MiB of Java heap, more than the ").hasLineCount(1).contains(HeapBudget.HOW_TO_RAISE);
  }

  @Test
  void aFlashDeviceTheHeapCannotHoldIsRefused() {
    // 2^20 blocks of 256 pages is 2^28 pages at 64 bytes each: 16 GiB.
    refused(Run.of("flash", "--blocks", "1048576", "--writes", "1"),
        "buddykit: --blocks 1048576 --pages-per-block 256 needs about 16 GiB of Java heap");
  }

  @Test
  void unboundedLengthsAndNonNumbersAreRefused() {
    refused(Run.of("sim", "--steps", "9223372036854775807"), "buddykit: --steps must be in 1..1000000");
    refused(Run.of("flash", "--writes", "9223372036854775807"), "buddykit: --writes must be in 0..100000000");
    refused(Run.of("flash", "--op", "NaN"), "buddykit: --op: must be in [0.02, 0.5], got NaN");
    refused(Run.of("flash", "--wear-threshold", "-5"), "buddykit: --wear-threshold: must be -1 (off)");
    refused(Run.of("share", "bandwidth", "--load", "NaN"), "buddykit: load must be a finite number above 0");
    refused(Run.of("share", "bandwidth", "--load", "Infinity"), "buddykit: load must be a finite number above 0");
    refused(Run.of("share", "bandwidth", "--flows", "9223372036854775807"), "buddykit: flows must be in 1..10000000");
    refused(Run.of("share", "bandwidth", "--capacity", "1073741824"),
        "buddykit: --capacity must be a power of two up to 2^20");
    refused(Run.of("scenario", "run", "bandwidth", "-p", "capacity=1073741824", "-p", "flows=100", "-p", "loads=1"),
        "buddykit: ");
  }

  @Test
  void aTraceRequestLargerThanTheDeviceIsALineNotALoopForEver(@TempDir Path dir) throws Exception {
    Path msr = Files.writeString(dir.resolve("huge.csv"),
        "128166372003061629,wdev,0,Write,0,4096,2767\n128166372003061630,wdev,0,Write,0,4611686018427387904,1\n");
    refused(Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--trace", msr.toString()),
        "buddykit: " + msr + ":2: a request of 4611686018427387904 bytes is larger than the device's");
  }

  /** A command whose run exhausts the heap, as a model whose sizing missed something would. */
  @CommandLine.Command(name = "exhaust")
  static final class Exhaust implements Runnable {
    @Override
    public void run() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void anOutOfMemoryErrorIsOneLineAndExit1() {
    CommandLine cl = Main.commandLine();
    cl.addSubcommand("exhaust", new CommandLine(new Exhaust()));
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertThat(Main.execute(cl, "exhaust")).isEqualTo(1);
    assertThat(err.toString()).startsWith("buddykit: out of memory (Java heap space) with ").hasLineCount(1)
        .contains(HeapBudget.HOW_TO_RAISE);
  }
}
