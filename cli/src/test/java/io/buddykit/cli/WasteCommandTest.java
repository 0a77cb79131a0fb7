package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import org.junit.jupiter.api.Test;

class WasteCommandTest {

  @Test
  void theSeedsExample() {
    Run r = Run.of("waste", "62K", "90K", "35K", "10K");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("requested 197 KiB, allocated 272 KiB, wasted 75 KiB, 27.6%");
    assertThat(r.out()).containsPattern("90 KiB\\s+128 KiB\\s+17\\s+38 KiB");
  }

  @Test
  void theSeedsExampleAsJson() throws Exception {
    Run r = Run.of("waste", "62KiB", "90KiB", "35KiB", "10KiB", "--json");
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("requestedBytes").asLong()).isEqualTo(197 * 1024);
    assertThat(j.get("grantedBytes").asLong()).isEqualTo(272 * 1024);
    assertThat(j.get("wastedBytes").asLong()).isEqualTo(75 * 1024);
    assertThat(j.get("wasteFraction").asDouble()).isCloseTo(75.0 / 272, org.assertj.core.data.Offset.offset(1e-12));
    JsonNode first = j.get("requests").get(0);
    assertThat(first.get("requestedBytes").asLong()).isEqualTo(62 * 1024);
    assertThat(first.get("grantedBytes").asLong()).isEqualTo(64 * 1024);
    assertThat(first.get("order").asInt()).isEqualTo(16);
    assertThat(first.get("wastedBytes").asLong()).isEqualTo(2 * 1024);
  }

  @Test
  void pagesFirstRoundToWholeUnits() throws Exception {
    JsonNode j = Json.mapper().readTree(Run.of("waste", "5000", "--unit", "4K", "--json").out());
    // 5000 bytes = 2 pages (order 1) = 8 KiB granted.
    assertThat(j.at("/requests/0/order").asInt()).isEqualTo(1);
    assertThat(j.get("grantedBytes").asLong()).isEqualTo(8192);
  }

  @Test
  void exactWastesLessThanOneUnitPerRequest() throws Exception {
    JsonNode j = Json.mapper().readTree(
        Run.of("waste", "62K", "90K", "35K", "10K", "--unit", "4K", "--exact", "--json").out());
    for (JsonNode req : j.get("requests")) {
      assertThat(req.get("wastedBytes").asLong()).isLessThan(4096);
    }
    assertThat(j.get("grantedBytes").asLong()).isEqualTo((16 + 23 + 9 + 3) * 4096L);
  }

  @Test
  void sizesPastTheLargestLongAreBadInputNamingTheArgument() {
    // Issue 19 item 10: 2^63 - 1 bytes in 2-byte units printed "allocated 2 B" with exit 0, and two
    // 2^62-byte requests said "long overflow" with exit 1.
    Run unit = Run.of("waste", "9223372036854775807", "--unit", "2");
    assertThat(unit.exit()).isEqualTo(2);
    assertThat(unit.err()).isEqualTo("buddykit: SIZE 1: a request of 9223372036854775807 bytes is too large:"
        + " it rounds to 2^62 units of 2 bytes, past 9223372036854775807 bytes" + System.lineSeparator());
    Run total = Run.of("waste", "4611686018427387904", "4611686018427387904");
    assertThat(total.exit()).isEqualTo(2);
    assertThat(total.err()).isEqualTo("buddykit: SIZE 2 (4611686018427387904 bytes) takes the total past"
        + " 9223372036854775807 bytes" + System.lineSeparator());
    assertThat(unit.out() + total.out()).isEmpty();
  }

  @Test
  void badArgumentsGiveOneLineAndExit2() {
    for (String[] args : new String[][] {
        {"waste", "12X"}, {"waste"}, {"waste", "0"}, {"waste", "1K", "--unit", "0"},
        {"waste", "99999999999999999999"}, {"waste", "--bogus", "1K"}, {"nosuchcommand"}}) {
      Run r = Run.of(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("buddykit: ")
          .doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }
}
