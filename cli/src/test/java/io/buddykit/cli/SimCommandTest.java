package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import org.junit.jupiter.api.Test;

class SimCommandTest {
  @Test
  void printsLinuxsViewsAndASummary() {
    Run r = Run.of("sim", "--memory", "256M", "--steps", "24");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("== /proc/buddyinfo", "Node 0, zone    DMA32", "== /proc/pagetypeinfo",
        "Page block order: 9", "Number of blocks type", "extfrag_index", "unusable_index", "freePageblocksNow");
  }

  @Test
  void jsonHasBuddyinfoAndIndicesPerNodeAndZoneAndTheSeries() throws Exception {
    // 256 MiB per node: node 1 starts at 1 GiB, below 4 GiB, so its one zone is DMA32.
    JsonNode j = Json.mapper().readTree(Run.of("sim", "--memory", "512M", "--nodes", "2", "--steps", "24", "--json").out());
    JsonNode dma32 = j.at("/buddyinfo/0/DMA32");
    assertThat(dma32.size()).isEqualTo(11);
    assertThat(j.at("/buddyinfo/1/DMA32").size()).isEqualTo(11);
    assertThat(j.at("/extfragIndex/0/DMA32").size()).isEqualTo(11);
    assertThat(j.at("/unusableIndex/1/DMA32/0").asInt()).isZero(); // order 0: all free memory is usable
    long free = 0;
    for (JsonNode n : j.get("nodes")) {
      for (JsonNode z : n.get("zones")) {
        for (int k = 0; k < 11; k++) {
          free += z.get("buddyinfo").get(k).asLong() << k;
        }
      }
    }
    assertThat(free).isEqualTo(j.at("/summary/freePages").asLong());
    assertThat(j.at("/summary/series/points").size()).isGreaterThan(10);
  }

  @Test
  void anUnknownWorkloadIsAOneLineError() {
    Run r = Run.of("sim", "--memory", "64M", "--workload", "nope");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown workload 'nope'", "aging");
  }

  /** Issue 16, defect 5: what the user asked for and the real minimum, not "0 bytes". */
  @Test
  void tooLittleMemoryNamesWhatWasAskedAndTheMinimum() {
    for (String[] args : new String[][] {{"sim", "--memory", "1K"}, {"sim", "--memory", "20M", "--nodes", "2"},
        {"replay", "--memory", "1M", "../trace/src/test/resources/ftrace/sample.trace"}}) {
      Run r = Run.of(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines()).as(String.join(" ", args)).hasSize(1).first().asString()
          .startsWith("buddykit: memory ").contains(" is too small: each node needs at least 16 MiB");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void theFreeListOrderIsAChoiceThatChangesWhereLivePagesSit() throws Exception {
    String[] base = {"sim", "--memory", "256M", "--steps", "24", "--json"};
    JsonNode linux = Json.mapper().readTree(Run.of(base).out());
    String[] lowest = java.util.Arrays.copyOf(base, base.length + 2);
    lowest[base.length] = "--free-list-order";
    lowest[base.length + 1] = "lowest-address";
    JsonNode packed = Json.mapper().readTree(Run.of(lowest).out());
    assertThat(packed.at("/buddyinfo/0/DMA32")).isNotEqualTo(linux.at("/buddyinfo/0/DMA32"));
    String[] explicit = java.util.Arrays.copyOf(lowest, lowest.length);
    explicit[base.length + 1] = "linux";
    assertThat(Json.mapper().readTree(Run.of(explicit).out()).at("/buddyinfo")).isEqualTo(linux.at("/buddyinfo"));
  }

  @Test
  void anUnknownFreeListOrderIsAOneLineErrorNamingTheOption() {
    for (String cmd : new String[] {"sim", "replay"}) {
      Run r = cmd.equals("sim") ? Run.of("sim", "--free-list-order", "fifo")
          : Run.of("replay", "--free-list-order", "fifo", "../trace/src/test/resources/ftrace/sample.trace");
      assertThat(r.exit()).as(cmd).isEqualTo(2);
      assertThat(r.err().lines()).as(cmd).first().asString() // then picocli's "Try ... --help"
          .startsWith("buddykit: ").contains("--free-list-order", "linux or lowest-address", "fifo");
    }
  }

  @Test
  void badTunablesAreOneLineErrorsNamingTheOption() {
    String trace = "../trace/src/test/resources/ftrace/sample.trace";
    String[][] cases = {
      {"--thp", "sometimes"}, {"--min-free-kbytes", "-5"}, {"--min-free-kbytes", "2000000"},
      {"--watermark-scale-factor", "0"}, {"--watermark-scale-factor", "3001"}, {"--watermark-boost-factor", "-1"},
      {"--compaction-proactiveness", "101"}};
    for (String[] c : cases) {
      for (String cmd : new String[] {"sim", "replay"}) {
        Run r = cmd.equals("sim") ? Run.of("sim", "--memory", "64M", c[0], c[1]) : Run.of("replay", trace, c[0], c[1]);
        String what = cmd + " " + String.join(" ", c);
        assertThat(r.exit()).as(what).isEqualTo(2);
        assertThat(r.err().lines()).as(what).hasSize(1).first().asString().startsWith("buddykit: " + c[0] + " must be");
        assertThat(r.out()).as(what).isEmpty();
      }
    }
  }

  @Test
  void thpRaisesMinFreeKbytesAndTheSummaryIsPerZone() throws Exception {
    // 256 MiB: about 62,000 managed pages in DMA and DMA32. Without THP min_free_kbytes is
    // int_sqrt(248,000 KiB * 16), about 1,990; two zones ask khugepaged for 11,264 pages, more than
    // 5% of the ~61,000 free buffer pages, so the raise stops at about 3,070 pages, 12,260 KiB.
    JsonNode thp = Json.mapper().readTree(Run.of("sim", "--memory", "256M", "--steps", "2", "--json").out());
    JsonNode never = Json.mapper().readTree(
        Run.of("sim", "--memory", "256M", "--steps", "2", "--thp", "never", "--json").out());
    assertThat(thp.at("/summary/thp").asText()).isEqualTo("madvise");
    assertThat(never.at("/summary/minFreeKbytes").asLong()).isBetween(1900L, 2100L);
    assertThat(thp.at("/summary/minFreeKbytes").asLong()).isBetween(12_000L, 12_500L);
    assertThat(thp.at("/summary/minFreeKbytes").asLong()).isGreaterThan(5 * never.at("/summary/minFreeKbytes").asLong());
    JsonNode set = Json.mapper().readTree(
        Run.of("sim", "--memory", "256M", "--steps", "2", "--min-free-kbytes", "4000", "--json").out());
    assertThat(set.at("/summary/minFreeKbytes").asLong()).isEqualTo(4000);
    // One order-9 fragmentation index per zone, the one the zone's own extfrag_index row prints.
    // The summary keeps extfrag_index's scale; the JSON arrays keep the kernel's thousandths.
    assertThat(Math.round(thp.at("/summary/extfragIndexPageblockOrder.0.DMA32").asDouble() * 1000))
        .isEqualTo(thp.at("/extfragIndex/0/DMA32/9").asLong());
    assertThat(thp.at("/summary/extfragIndexPageblockOrder.0.DMA").isNumber()).isTrue();
  }

  @Test
  void theSummarysFragmentationIndexReadsAsTheExtfragIndexRowAbove() {
    // Issue 16, defect 11: the summary printed -1000 under a debugfs row printing -1.000.
    Run r = Run.of("sim", "--memory", "512M", "--steps", "24");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    String out = r.out();
    String extfrag = out.substring(out.indexOf("== /sys/kernel/debug/extfrag/extfrag_index"));
    for (String zone : new String[] {"DMA", "DMA32"}) {
      String row = extfrag.lines().filter(l -> l.matches("Node 0, zone +" + zone + " .*")).findFirst().orElseThrow();
      String order9 = row.substring(row.indexOf(zone) + zone.length()).trim().split(" +")[9];
      String summaryRow = out.lines().filter(l -> l.startsWith("extfragIndexPageblockOrder.0." + zone + " "))
          .findFirst().orElseThrow();
      assertThat(Double.parseDouble(summaryRow.substring(summaryRow.indexOf(' ')).trim()))
          .isEqualTo(Double.parseDouble(order9));
    }
  }
}
