package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defect 6: output paths are checked before the command runs; one line names the option,
 * the path and the reason, exit 2, nothing printed on stdout and no directory created.
 */
class PathChecksTest {
  @Test
  void tourRefusesAFileAsItsReportDirectoryBeforeRunning(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("passwd"), "x");
    Run r = Run.of("tour", "--out", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("buddykit: --out " + file + ": exists and is not a directory\n");
  }

  @Test
  void tourRefusesADirectoryWhoseParentIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("nonexistent/report");
    Run r = Run.of("tour", "--out", missing.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("buddykit: --out " + missing + ": directory " + dir.resolve("nonexistent")
        + " does not exist\n");
    assertThat(dir.resolve("nonexistent")).doesNotExist();
  }

  @Test
  void scenarioHtmlInsideAFileIsRefusedBeforeRunning(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("passwd"), "x");
    Path page = file.resolve("x.html");
    Run r = Run.of("scenario", "run", "flash", "--html", page.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("buddykit: --html " + page + ": " + file + " is not a directory\n");
  }

  @Test
  void scenarioHtmlInAMissingDirectoryIsRefusedNotCreated(@TempDir Path dir) {
    Path page = dir.resolve("nonexistent/dir/x.html");
    Run r = Run.of("scenario", "run", "flash", "--html", page.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("buddykit: --html " + page + ": directory " + dir.resolve("nonexistent/dir")
        + " does not exist\n");
    assertThat(dir.resolve("nonexistent")).doesNotExist();
  }

  @Test
  void scenarioHtmlThatIsADirectoryIsRefused(@TempDir Path dir) {
    Run r = Run.of("scenario", "run", "flash", "--html", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("buddykit: --html " + dir + ": is a directory\n");
  }
}
