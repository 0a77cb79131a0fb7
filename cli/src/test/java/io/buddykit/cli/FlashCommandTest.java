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
