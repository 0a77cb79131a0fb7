package io.buddykit.trace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preconditions, on an imitation of /proc and /sys; the real recording is tested in cli's RecordCommandTest. */
class KmemRecorderTest {
  private static Path host(Path dir, String uid, String filesystems, boolean mountPoint) throws Exception {
    Files.createDirectories(dir.resolve("proc/self"));
    Files.writeString(dir.resolve("proc/self/status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t0\t0\n");
    Files.writeString(dir.resolve("proc/filesystems"), filesystems);
    Files.writeString(dir.resolve("proc/self/mountinfo"),
        "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n");
    if (mountPoint) {
      Files.createDirectories(dir.resolve("sys/kernel/tracing"));
    }
    return dir;
  }

  private static KmemRecorder.Options options(Path out, List<String> command) {
    return new KmemRecorder.Options(out, 1, 1 << 20, 1024, command);
  }

  @Test
  void notRootNoTracefsOrNowhereToMountItIsOneSentenceBeforeAnythingChanges(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("t.trace");
    Path user = host(dir.resolve("user"), "1000", "nodev\ttracefs\n", true);
    assertThatThrownBy(() -> KmemRecorder.prepare(options(out, List.of()), new Host(user),
        user.resolve("sys/kernel/tracing"))).isInstanceOf(RecordException.class).hasMessageContaining("needs root");
    Path old = host(dir.resolve("old"), "0", "nodev\tsysfs\nnodev\tproc\n", true);
    assertThatThrownBy(() -> KmemRecorder.prepare(options(out, List.of()), new Host(old),
        old.resolve("sys/kernel/tracing"))).isInstanceOf(RecordException.class).hasMessageContaining("no tracefs");
    Path bare = host(dir.resolve("bare"), "0", "nodev\ttracefs\n", false);
    assertThatThrownBy(() -> KmemRecorder.prepare(options(out, List.of()), new Host(bare),
        bare.resolve("sys/kernel/tracing"))).isInstanceOf(RecordException.class)
        .hasMessageContaining("mount point").hasMessageContaining("does not exist");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void anOutputThatCannotBeWrittenOrACommandThatDoesNotExistIsRefused(@TempDir Path dir) throws Exception {
    Path root = host(dir.resolve("root"), "0", "nodev\ttracefs\n", true);
    Path mp = root.resolve("sys/kernel/tracing");
    assertThatThrownBy(() -> KmemRecorder.prepare(options(dir, List.of()), new Host(root), mp))
        .isInstanceOf(RecordException.class).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> KmemRecorder.prepare(options(dir.resolve("no/such/t.trace"), List.of()),
        new Host(root), mp)).isInstanceOf(RecordException.class).hasMessageContaining("cannot write in");
    assertThatThrownBy(() -> KmemRecorder.prepare(options(dir.resolve("t.trace"), List.of("no-such-command-x1")),
        new Host(root), mp)).isInstanceOf(RecordException.class)
        .hasMessage("command not found: no-such-command-x1");
    assertThat(KmemRecorder.prepare(options(dir.resolve("t.trace"), List.of("sh", "-c", "true")),
        new Host(root), mp)).isNotNull();
  }

  @Test
  void optionsOutsideTheirRangesAreRefused(@TempDir Path dir) {
    Path out = dir.resolve("t.trace");
    assertThatThrownBy(() -> new KmemRecorder.Options(out, 0, 1 << 20, 1024, List.of()))
        .hasMessageContaining("--seconds must be at least 1");
    assertThatThrownBy(() -> new KmemRecorder.Options(out, 1, 100, 1024, List.of()))
        .hasMessageContaining("--max-bytes must be at least 4096");
    assertThatThrownBy(() -> new KmemRecorder.Options(out, 1, 1 << 20, 0, List.of()))
        .hasMessageContaining("--buffer-kb");
  }

  @Test
  void theHostReadsSysctlsWhole(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("proc/sys/vm"));
    Files.writeString(dir.resolve("proc/sys/vm/min_free_kbytes"), "67584\n");
    Files.createDirectories(dir.resolve("sys/devices/system/cpu"));
    Files.writeString(dir.resolve("sys/devices/system/cpu/online"), "0-3,6\n");
    Host h = new Host(dir);
    assertThat(h.text("/proc/sys/vm/min_free_kbytes")).isEqualTo("67584\n");
    assertThat(h.onlineCpus()).isEqualTo(5);
    Path real = Path.of("/proc/sys/vm/min_free_kbytes");
    if (Files.exists(real)) { // the JDK's Files.readString read one byte of it here
      assertThat(Host.running().text(real.toString()).strip()).hasSizeGreaterThan(1)
          .isEqualTo(new String(new ProcessBuilder("cat", real.toString()).start().getInputStream().readAllBytes())
              .strip());
    }
  }
}
