package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import org.junit.jupiter.api.Test;

class ShareCommandTest {
  @Test
  void bandwidthJsonHasTheIssuesFields() throws Exception {
    Run r = Run.of("share", "bandwidth", "--flows", "5000", "--load", "30", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    for (String f : new String[] {"offered", "admitted", "blockedCapacity", "blockedFragmentation",
        "blockingProbability", "utilisation"}) {
      assertThat(j.has(f)).as(f).isTrue();
    }
    assertThat(j.get("admitted").asLong() + j.get("blockedCapacity").asLong()
        + j.get("blockedFragmentation").asLong()).isEqualTo(5000);
  }

  @Test
  void bandwidthTextEchoesItsParametersAndNamesMetricsInWordsWithUnits() {
    // Issue 16, defect 18: bare camelCase keys, no units, no parameters.
    Run r = Run.of("share", "bandwidth", "--flows", "2000", "--load", "30", "--rates", "10,50");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo(
        "link 1024 Mbit/s, offered load 30 Erlangs, rates 10,50 Mbit/s, 2000 flows, seed 1, placement lowest,"
            + " reassign off");
    assertThat(r.out()).containsPattern("flows offered +2000\n")
        .containsPattern("granted Mbit/s / capacity \\(time average\\) +0\\.[0-9]+\n")
        .doesNotContain("blockedFragmentation", "requestedUtilisation");
  }

  @Test
  void reassignmentCutsFragmentationBlocking() throws Exception {
    JsonNode plain = Json.mapper().readTree(
        Run.of("share", "bandwidth", "--flows", "8000", "--load", "30", "--json").out());
    JsonNode moved = Json.mapper().readTree(
        Run.of("share", "bandwidth", "--flows", "8000", "--load", "30", "--reassign", "--json").out());
    assertThat(moved.get("blockedFragmentation").asLong())
        .isLessThan(plain.get("blockedFragmentation").asLong());
  }

  @Test
  void cpuTimeRunsTheCputimeScenario() throws Exception {
    Run r = Run.of("share", "time", "--frames", "200", "--policy", "aging", "-p", "setsPerDensity=20",
        "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("scenario").asText()).isEqualTo("cputime");
    assertThat(j.at("/results/example.requestMs").asDouble()).isEqualTo(3);
    assertThat(j.at("/results/example.sliceMs").asDouble()).isEqualTo(4);
    assertThat(j.at("/results/buddy.aging.internalFragmentation").asDouble()).isPositive();
    assertThat(j.at("/results/exact.aging.internalFragmentation").asDouble()).isZero();
    assertThat(Run.of("share", "time", "--policy", "random").exit()).isEqualTo(2);
  }

  @Test
  void badOptionsExit2() {
    assertThat(Run.of("share", "bandwidth", "--capacity", "1000").exit()).isEqualTo(2);
    assertThat(Run.of("share", "bandwidth", "--placement", "best").exit()).isEqualTo(2);
    assertThat(Run.of("share", "bandwidth", "--rates", "0,5").exit()).isEqualTo(2);
  }
}
