package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  private static final String JMH_JSON = """
      [ {
        "benchmark" : "io.buddykit.bench.PeerWorkload.freeAllocate",
        "mode" : "avgt",
        "params" : { "maxOrder" : "22" },
        "primaryMetric" : { "score" : 12.345, "scoreError" : 0.5, "scoreUnit" : "ns/op" }
      }, {
        "benchmark" : "io.buddykit.bench.Order0SteadyState.freeAllocate",
        "mode" : "avgt",
        "primaryMetric" : { "score" : 3.2, "scoreError" : "NaN", "scoreUnit" : "ns/op" }
      } ]
      """;

  @Test
  void readsJmhResults() throws Exception {
    List<BenchCommand.Result> rows = BenchCommand.parse(Json.mapper().readTree(JMH_JSON));
    assertThat(rows).containsExactly(
        new BenchCommand.Result("PeerWorkload.freeAllocate", "maxOrder=22", 12.345, 0.5, "ns/op"),
        new BenchCommand.Result("Order0SteadyState.freeAllocate", "", 3.2, Double.NaN, "ns/op"));
    StringWriter s = new StringWriter();
    BenchCommand.print(new PrintWriter(s, true), rows);
    assertThat(s.toString()).contains("PeerWorkload.freeAllocate", "maxOrder=22", "12.35", "± 0.50");
  }

  @Test
  void peersAreSideBySide() {
    List<BenchCommand.Result> rows = List.of(
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=buddy,size=64", 20, 1, "ns/op"),
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=nettyPooled,size=64", 40, 2, "ns/op"),
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=buddy,size=1024", 25, 1, "ns/op"));
    StringWriter s = new StringWriter();
    BenchCommand.print(new PrintWriter(s, true), rows);
    String[] lines = s.toString().split("\n");
    assertThat(lines[0]).contains("buddy", "nettyPooled", "unit").doesNotContain("ns/op");
    assertThat(lines[1]).contains("offheap.AllocFree.pair size=64", "20.0 ± 1.0", "40.0 ± 2.0").endsWith("ns/op");
    assertThat(lines[2]).contains("size=1024", "25.0 ± 1.0", "-");
  }

  /** Issue 16: a throughput benchmark's score is ops/s, and the table says so, not ns/op. */
  @Test
  void eachRowCarriesItsOwnUnit() {
    List<BenchCommand.Result> rows = List.of(
        new BenchCommand.Result("sim.Replay.ftraceParse", "", 8979280.2, 1000, "ops/s"),
        new BenchCommand.Result("PeerWorkload.freeAllocate", "", 12.3, 0.5, "ns/op"));
    StringWriter s = new StringWriter();
    BenchCommand.print(new PrintWriter(s, true), rows);
    String[] lines = s.toString().split("\n");
    assertThat(lines[1]).contains("sim.Replay.ftraceParse", "8979280.20").endsWith("ops/s");
    assertThat(lines[2]).contains("PeerWorkload.freeAllocate", "12.30").endsWith("ns/op");
  }

  /** A jar holding only a JMH benchmark list, two entries in JMH 1.37's serialised form. */
  private static Path fakeJar(Path dir) throws Exception {
    Path jar = dir.resolve("benchmarks.jar");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/BenchmarkList"));
      zip.write(("JMH S 33 io.buddykit.bench.flash.FtlWrites S 65 "
          + "io.buddykit.bench.flash.jmh_generated.FtlWrites_hostWrite_jmhTest S 9 hostWrite S 10 Throughput E\n"
          + "JMH S 34 io.buddykit.bench.Order0SteadyState S 66 "
          + "io.buddykit.bench.jmh_generated.Order0SteadyState_freeAllocate_jmhTest S 12 freeAllocate "
          + "S 11 AverageTime E\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }

  @Test
  void readsTheJarsBenchmarkList(@TempDir Path dir) throws Exception {
    assertThat(BenchCommand.benchmarkNames(fakeJar(dir))).containsExactly(
        "io.buddykit.bench.flash.FtlWrites.hostWrite", "io.buddykit.bench.Order0SteadyState.freeAllocate");
    Run r = Run.of("bench", "--jar", fakeJar(dir).toString(), "--list", "Order0");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("Order0SteadyState.freeAllocate\n");
    assertThat(r.err()).isEmpty();
  }

  /** Issue 16: an unclosed bracket was JMH's PatternSyntaxException stack trace and exit 1. */
  @Test
  void aBadRegexIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Run r = Run.of("bench", "--quick", "--jar", fakeJar(dir).toString(), "[unclosed");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("buddykit: REGEX '[unclosed' is not a regular expression: Unclosed character class")
        .doesNotContain("Exception").hasLineCount(1);
  }

  /** Issue 16: a regex matching nothing ran JMH and exited 1; it is refused before JMH starts. */
  @Test
  void aRegexMatchingNothingIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Run r = Run.of("bench", "--quick", "--jar", fakeJar(dir).toString(), "NoSuchBench");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("buddykit: REGEX NoSuchBench matches none of the 2 benchmarks in ")
        .contains("flash.FtlWrites.hostWrite").hasLineCount(1);
  }

  @Test
  void aFileThatIsNotAJarIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path notJar = Files.writeString(dir.resolve("x.jar"), "not a zip");
    Run r = Run.of("bench", "--jar", notJar.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("buddykit: " + notJar + " is not a jar").hasLineCount(1);
  }

  @Test
  void aMissingJarIsAClearError() {
    Run r = Run.of("bench", "--jar", "/nonexistent/benchmarks.jar");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("buddykit: no benchmarks jar at /nonexistent/benchmarks.jar");
  }
}
