package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TourCommandTest {
  @Test
  void runsEverySection() {
    Run r = Run.of("tour", "--steps", "20000");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("requested 197 KiB, allocated 272 KiB, wasted 75 KiB, 27.6%")
        .contains("2. Split and coalesce")
        .contains("Node 0, zone   Normal      0      0      0      0      0      0      1")
        .contains("3. Memory aging")
        .contains("4. Real memory")
        .contains("64 KiB-aligned: yes")
        .contains("a 3 ms request gets a 4 ms slice")
        .contains("6. Beyond memory: a 1024 Mbit/s link")
        .contains("7. Encrypted memory")
        .contains("8. Flash");
  }

  @Test
  void jsonHasEverySectionAndTheDemoCoalescesBack() throws Exception {
    JsonNode j = Json.mapper().readTree(Run.of("tour", "--steps", "20000", "--json").out());
    assertThat(j.at("/waste/wastedBytes").asLong()).isEqualTo(75 * 1024);
    JsonNode demo = j.get("splitCoalesce");
    assertThat(demo.get(0).get("map").asText()).isEqualTo(".".repeat(64));
    assertThat(demo.get(demo.size() - 1).get("map").asText()).isEqualTo(".".repeat(64));
    assertThat(demo.get(1).get("buddyInfo").toString()).isEqualTo("[1,1,1,1,1,1,0]");
    JsonNode aging = j.get("aging");
    assertThat(aging.size()).isEqualTo(5);
    JsonNode last = aging.get(4);
    long free = 0;
    for (int k = 0; k < last.get("buddyInfo").size(); k++) {
      free += last.get("buddyInfo").get(k).asLong() << k;
    }
    assertThat(free).isEqualTo(last.get("freePages").asLong());
    assertThat(free + last.get("livePages").asLong()).isEqualTo(AgingDemo.PAGES);
    JsonNode dma = j.get("dmaBuffer");
    assertThat(dma.get("bytes").asLong()).isEqualTo(65536);
    assertThat(dma.get("pages").asInt()).isEqualTo(16);
    assertThat(dma.get("aligned64k").asBoolean()).isTrue();
    assertThat(dma.get("alignment").asLong() % 65536).isZero();
  }

  @Test
  void theSameSeedGivesTheSameTour() {
    // Everything but the real-memory section, whose addresses and frames are the kernel's.
    String first = Run.of("tour", "--steps", "5000", "--seed", "7").out();
    String second = Run.of("tour", "--steps", "5000", "--seed", "7").out();
    assertThat(first.substring(0, first.indexOf("== 4.")))
        .isEqualTo(second.substring(0, second.indexOf("== 4.")));
  }
}
