package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashCommandTest {
  @Test
  void jsonHasTheIssuesFieldsAndLosesNothing() throws Exception {
    Run r = Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25",
        "--workload", "hotcold", "--gc", "cost-benefit", "--writes", "20000", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    for (String f : new String[] {"waf", "eraseMin", "eraseMax", "eraseStdDev", "gcPagesMoved",
        "hostWrites", "lostPages"}) {
      assertThat(j.has(f)).as(f).isTrue();
    }
    assertThat(j.get("lostPages").asLong()).isZero();
    assertThat(j.get("waf").asDouble()).isGreaterThan(1);
  }

  @Test
  void aWearThresholdBelowMinusOneIsRefusedInOneLine() {
    // Issue 16, defect 18: --wear-threshold -5 was accepted where the help says -1 means off.
    for (String option : new String[] {"--wear-threshold", "--static-threshold"}) {
      Run r = Run.of("flash", option, "-5", "--writes", "10");
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("buddykit: " + option
          + ": must be -1 (off) or an erase-count spread of 0 or more, got -5\n");
    }
    assertThat(Run.of("flash", "--wear-threshold", "-1", "--blocks", "64", "--pages-per-block", "16",
        "--op", "0.25", "--writes", "100").exit()).isZero(); // 0.25: GC's spare blocks (FlashConfig)
  }

  @Test
  void aFormatWithoutATraceAndAnUnknownFormatAreRefused() {
    Run noTrace = Run.of("flash", "--format", "disksim", "--writes", "10");
    assertThat(noTrace.exit()).isEqualTo(2);
    assertThat(noTrace.out()).isEmpty();
    assertThat(noTrace.err()).isEqualTo(
        "buddykit: --format disksim: names a --trace file's format, and no --trace was given\n");
    Run xml = Run.of("flash", "--format", "xml", "--writes", "10");
    assertThat(xml.exit()).isEqualTo(2);
    assertThat(xml.err()).startsWith("buddykit: ").contains("xml").doesNotContain("Exception");
    assertThat(xml.err().lines().count()).isEqualTo(1);
  }

  @Test
  void anEmptyTraceIsRefusedNotReportedAsARun(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    Run r = Run.of("flash", "--trace", empty.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("buddykit: " + empty + ": no requests in the trace (an empty file?)\n");
  }

  @Test
  void theTableSaysHowManyHostWritesWereTheInitialFill() throws Exception {
    // 64 blocks of 16 pages with 25% over-provisioning (GC's spare blocks): the fill writes every
    // logical page once.
    JsonNode j = Json.mapper().readTree(Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25",
        "--writes", "1000", "--json").out());
    long fill = j.get("initialFillWrites").asLong();
    assertThat(fill).isPositive().isLessThan(64 * 16);
    assertThat(j.get("hostWrites").asLong()).isEqualTo(fill + 1000);
    assertThat(Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--writes", "10").out())
        .containsPattern("initialFillWrites +[0-9]+\n").doesNotContain("Infinity", "null");
  }

  @Test
  void replaysATraceAndNamesTheLineOfABadOne(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("t.csv");
    Files.writeString(good, """
        128166372003061629,wdev,0,Write,0,8192,100
        128166372003061639,wdev,0,Write,16384,65536,100
        128166372003061649,wdev,0,Read,0,8192,100
        """);
    Run r = Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--trace", good.toString(),
        "--format", "msr", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("traceRequests").asLong()).isEqualTo(3);
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "128166372003061629,wdev,0,Write,0,8192,100\n128166372003061639,wdev,0,Eat,0,8192,1\n");
    Run e = Run.of("flash", "--blocks", "64", "--pages-per-block", "16", "--op", "0.25", "--trace", bad.toString());
    assertThat(e.exit()).isEqualTo(2);
    assertThat(e.err()).contains("bad.csv:2");
  }

  @Test
  void badOptionsExit2() {
    assertThat(Run.of("flash", "--blocks", "100").exit()).isEqualTo(2);
    // Issue 19 item 12: 64 blocks at 7% leave 4 spare, fewer than GC's 8 + a superblock of 4.
    Run tight = Run.of("flash", "--blocks", "64", "--pages-per-block", "16");
    assertThat(tight.exit()).isEqualTo(2);
    assertThat(tight.err()).startsWith("buddykit: ").contains("spare erase blocks").doesNotContain("\tat ");
    assertThat(Run.of("flash", "--gc", "lru").exit()).isEqualTo(2);
    assertThat(Run.of("flash", "--workload", "zipf").exit()).isEqualTo(2);
  }
}
