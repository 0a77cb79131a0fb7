package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buddykit.trace.record.RecordedShape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCommandTest {
  private static final Path TRACEFS = Path.of("/sys/kernel/tracing");

  @Test
  void badOptionsAreOneLineAndExitTwo(@TempDir Path dir) {
    Run zero = Run.of("record", "--seconds", "0", "--out", dir.resolve("t.trace").toString());
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).startsWith("buddykit: --seconds must be at least 1, not 0");
    Run size = Run.of("record", "--max-bytes", "12Q");
    assertThat(size.exit()).isEqualTo(2);
    assertThat(size.err()).startsWith("buddykit: ").contains("--max-bytes");
    Run small = Run.of("record", "--max-bytes", "1K", "--out", dir.resolve("t.trace").toString());
    assertThat(small.exit()).isEqualTo(2);
    assertThat(small.err()).startsWith("buddykit: --max-bytes must be at least 4096");
    assertThat(dir.resolve("t.trace")).doesNotExist();
  }

  @Test
  void anUnwritableOutputOrAMissingCommandIsRefusedBeforeRecording(@TempDir Path dir) {
    assumeTrue(canRecord(), "needs root and a kernel with tracefs: the checks after the root check run only then");
    Run out = Run.of("record", "--out", dir.toString());
    assertThat(out.exit()).isEqualTo(2);
    assertThat(out.err()).isEqualTo("buddykit: --out " + dir + " is a directory\n");
    Run cmd = Run.of("record", "--out", dir.resolve("t.trace").toString(), "--", "no-such-command-x1", "-v");
    assertThat(cmd.exit()).isEqualTo(2);
    assertThat(cmd.err()).isEqualTo("buddykit: command not found: no-such-command-x1\n");
    assertThat(dir.resolve("t.trace")).doesNotExist();
  }

  @Test
  void recordsTheRunningKernelWhileACommandRunsAndRemovesItsInstance(@TempDir Path dir) throws Exception {
    assumeTrue(canRecord(), "needs root and a kernel with tracefs to record (run as root on Linux)");
    boolean mountedBefore = tracefsMounted();
    Path trace = dir.resolve("k.trace.gz");
    Run r = Run.of("record", "--seconds", "5", "--out", trace.toString(), "--",
        "sh", "-c", "head -c 30000000 /dev/zero | gzip -1 > /dev/null; exit 7");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("mm_page_alloc", "command exit status  7", "stopped by           the command's exit");
    assertThat(Files.size(trace)).isPositive();
    String text = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(trace)).readAllBytes(),
        StandardCharsets.ISO_8859_1);
    assertThat(text).contains(": mm_page_alloc: page=").doesNotContain("tracing_mark_write");
    RecordedShape shape = RecordedShape.read(RecordedShape.besides(trace));
    assertThat(shape.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(shape.command()).containsExactly("sh", "-c", "head -c 30000000 /dev/zero | gzip -1 > /dev/null; exit 7");
    assertThat(shape.before().zones()).anySatisfy(z -> assertThat(z.managed()).isPositive());
    assertThat(shape.after()).isNotNull();
    assertThat(shape.minFreeKbytes()).isEqualTo(Long.parseLong(
        new String(new ProcessBuilder("cat", "/proc/sys/vm/min_free_kbytes").start().getInputStream().readAllBytes(),
            StandardCharsets.US_ASCII).strip()));
    assertThat(instanceExists("buddykit-" + ProcessHandle.current().pid())).isFalse();
    assertThat(tracefsMounted()).as("tracefs mounted as before").isEqualTo(mountedBefore);
  }

  @Test
  void ctrlCRemovesTheInstanceAndKeepsWhatWasRecorded(@TempDir Path dir) throws Exception {
    assumeTrue(canRecord(), "needs root and a kernel with tracefs to record (run as root on Linux)");
    boolean mountedBefore = tracefsMounted();
    Path trace = dir.resolve("i.trace");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "record", "--seconds", "120", "--out", trace.toString()).redirectOutput(dir.resolve("out.txt").toFile())
        .start();
    String instance = "buddykit-" + p.pid();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String first = err.readLine();
      assertThat(first).startsWith("recording ");
      assertThat(instanceExists(instance)).as("the instance while recording").isTrue();
      Thread.sleep(300);
      assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGINT").isTrue();
      List<String> rest = err.lines().toList();
      assertThat(rest).anySatisfy(l -> assertThat(l).startsWith("buddykit: interrupted;").contains("removed"));
    } finally {
      p.destroyForcibly();
    }
    assertThat(instanceExists(instance)).isFalse();
    assertThat(tracefsMounted()).isEqualTo(mountedBefore);
    assertThat(RecordedShape.read(RecordedShape.besides(trace)).after()).isNotNull();
    assertThat(Files.readString(trace, StandardCharsets.ISO_8859_1)).doesNotContain("tracing_mark_write");
  }

  private static boolean canRecord() {
    try {
      return "root".equals(System.getProperty("user.name"))
          && Files.readString(Path.of("/proc/filesystems")).contains("tracefs");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean tracefsMounted() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.split(" ")[4].equals(TRACEFS.toString()) && l.contains(" - tracefs "));
  }

  /** Whether tracefs has the instance, mounting it on a scratch directory when it is not mounted. */
  private static boolean instanceExists(String name) throws Exception {
    if (tracefsMounted()) {
      return Files.exists(TRACEFS.resolve("instances").resolve(name));
    }
    Path mp = Files.createTempDirectory("tracefs");
    assertThat(new ProcessBuilder("mount", "-t", "tracefs", "nodev", mp.toString()).start().waitFor()).isZero();
    try {
      return Files.exists(mp.resolve("instances").resolve(name));
    } finally {
      new ProcessBuilder("umount", mp.toString()).start().waitFor();
      Files.delete(mp);
    }
  }
}
