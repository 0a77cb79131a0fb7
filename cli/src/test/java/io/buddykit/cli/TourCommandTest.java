package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TourCommandTest {
  @Test
  void runsEverySection() {
    Run r = Run.of("tour", "--steps", "24");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("requested 197 KiB, allocated 272 KiB, wasted 75 KiB, 27.6%")
        .contains("2. Split and coalesce")
        .contains("Node 0, zone   Normal      0      0      0      0      0      0      1")
        .contains("3. A machine's physical memory")
        .contains("compacted (compact_memory)")
        .contains("4. Real memory")
        .contains("64 KiB-aligned: yes")
        .contains("a 3 ms request gets a 4 ms slice")
        .contains("6. Beyond memory: a 1024 Mbit/s link")
        .contains("7. Encrypted memory")
        .contains("8. Flash");
  }

  @Test
  void jsonHasEverySectionAndTheDemoCoalescesBack() throws Exception {
    JsonNode j = Json.mapper().readTree(Run.of("tour", "--steps", "24", "--json").out());
    assertThat(j.at("/waste/wastedBytes").asLong()).isEqualTo(75 * 1024);
    JsonNode demo = j.get("splitCoalesce");
    assertThat(demo.get(0).get("map").asText()).isEqualTo(".".repeat(64));
    assertThat(demo.get(demo.size() - 1).get("map").asText()).isEqualTo(".".repeat(64));
    assertThat(demo.get(1).get("buddyInfo").toString()).isEqualTo("[1,1,1,1,1,1,0]");
    JsonNode machine = j.get("machine");
    assertThat(machine.size()).isEqualTo(4);
    // Releasing the initrd and boot page tables only adds free pages; aging breaks up the 2 MiB
    // blocks; compaction gives some back and migrates pages to do it.
    assertThat(machine.get(1).get("freePages").asLong()).isGreaterThan(machine.get(0).get("freePages").asLong());
    long bootBlocks = machine.get(1).get("freePageblocks").asLong();
    long agedBlocks = machine.get(2).get("freePageblocks").asLong();
    long compactedBlocks = machine.get(3).get("freePageblocks").asLong();
    assertThat(agedBlocks).isLessThan(bootBlocks / 4);
    assertThat(compactedBlocks).isGreaterThan(agedBlocks);
    assertThat(machine.get(3).get("migratedPages").asLong()).isPositive();
    assertThat(machine.get(0).get("buddyinfo").get(0).asText()).startsWith("Node 0, zone      DMA");
    JsonNode dma = j.get("dmaBuffer");
    assertThat(dma.get("bytes").asLong()).isEqualTo(65536);
    assertThat(dma.get("pages").asInt()).isEqualTo(16);
    assertThat(dma.get("aligned64k").asBoolean()).isTrue();
    assertThat(dma.get("alignment").asLong() % 65536).isZero();
  }

  @Test
  void theSameSeedGivesTheSameTour() {
    // Everything but the real-memory section, whose addresses and frames are the kernel's.
    String first = Run.of("tour", "--steps", "24", "--seed", "7").out();
    String second = Run.of("tour", "--steps", "24", "--seed", "7").out();
    assertThat(first.substring(0, first.indexOf("== 4.")))
        .isEqualTo(second.substring(0, second.indexOf("== 4.")));
  }
}
