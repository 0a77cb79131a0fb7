package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourCommandTest {
  @TempDir Path dir;

  @Test
  void runsEverySectionInOrderAndWritesTheReport() throws Exception {
    Run r = ProgressTest.onATerminal(() -> Run.of("tour", "--out", dir.toString()));
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("[####################] " + Catalogue.entries().size() + "/" + Catalogue.entries().size() + " done");
    assertThat(dir.resolve("index.html")).exists();
    JsonNode results = Json.mapper().readTree(Files.readString(dir.resolve("results.json")));
    assertThat(results.size()).isEqualTo(Catalogue.entries().size());
    int last = -1;
    for (int i = 0; i < Catalogue.entries().size(); i++) {
      Catalogue.Entry s = Catalogue.entries().get(i);
      int at = r.out().indexOf("== " + (i + 1) + ". " + s.title());
      assertThat(at).as(s.name()).isGreaterThan(last);
      last = at;
    }
    assertThat(r.out()).contains("free C: everything coalesces back into one order-6 block",
        "compacted", "example.sliceMs", "index.html");
    // Issue 16, defect 10: the console says which sections the tour shortened, and how.
    Catalogue.Entry thp = Catalogue.entries().stream().filter(e -> e.name().equals("thp")).findFirst().orElseThrow();
    String thpSection = r.out().substring(r.out().indexOf("== " + (Catalogue.entries().indexOf(thp) + 1) + ". "));
    assertThat(thpSection.lines().filter(l -> l.startsWith("Shortened")).findFirst().orElseThrow())
        .startsWith("Shortened for the tour: memoryMiB=256 (default " + thp.shortened().get("memoryMiB") + ")")
        .endsWith("(buddykit scenario run thp).");
    assertThat(r.out()).doesNotContain("Shortened for the tour: seed");
    assertThat(Files.readString(dir.resolve("index.html"))).contains("class=\"provenance muted\">buddykit ", "commit ");
    // Each section's introduction under its heading on the console too, in lines a terminal shows.
    assertThat(String.join(" ", thpSection.lines().skip(1).limit(4).toList()))
        .contains(thp.intro().replace("`", "").substring(0, 60));
    theReportReadsAsAReader(Jsoup.parse(dir.resolve("index.html").toFile()));
  }

  /**
   * Issue 16, "the report, read as a reader": every section opens with its introduction, a chart
   * shows first the column that carries the conclusion, series name quantities rather than keys,
   * the named numbers are open, and wide tables scroll inside their section.
   */
  private static void theReportReadsAsAReader(Document doc) throws Exception {
    for (Catalogue.Entry e : Catalogue.entries()) {
      Element section = doc.getElementById(e.name());
      Element intro = section.selectFirst("h2 + p.intro");
      assertThat(intro).as(e.name()).isNotNull();
      assertThat(intro.text()).isEqualTo(e.intro().replace("`", ""));
      assertThat(intro.text().split("(?<=[.;]) (?=[A-Z`])").length).as(e.name() + " intro sentences").isBetween(2, 3);
      for (Element details : section.select("details")) {
        assertThat(details.hasAttr("open")).as(e.name() + ": named numbers open").isTrue();
      }
      for (Element table : section.select("table")) {
        assertThat(table.parent().hasClass("scroll")).as(e.name() + ": a table scrolls in its section").isTrue();
      }
    }
    JsonNode specs = Json.mapper().readTree(doc.getElementById("report-charts").data());
    assertThat(shown(specs, "cputime/densitySweep")).containsExactly("buddy.aging", "exact.aging");
    assertThat(specs.get("cputime/densitySweep").get("single").asBoolean()).isFalse();
    assertThat(shown(specs, "thp/tlb")).containsExactly("TLB hit rate");
    assertThat(shown(specs, "frag/arrays")).containsExactly("bytes copied");
    assertThat(shown(specs, "aging/aging")).containsExactly("free pageblocks");
    assertThat(specs.get("boot/released").get("categories")).extracting(JsonNode::asText)
        .containsExactly("boot page tables", "initrd");
    assertThat(specs.get("splitcoalesce/steps").get("series")).extracting(s -> s.get("name").asText())
        .startsWith("start", "A = order 0 at 0");
    for (JsonNode spec : specs) {
      if (spec.get("kind").asText().equals("line")) {
        for (JsonNode line : spec.get("series")) {
          assertThat(line.get("name").asText()).as(spec.get("id").asText()).doesNotContain("_")
              .doesNotContainPattern("[a-z][A-Z][a-z]");
        }
        assertThat(spec.get("yName").asText()).as(spec.get("id").asText()).doesNotContain("_")
            .doesNotContainPattern("[a-z][A-Z][a-z]");
      }
    }
    assertThat(specs.get("numa/meanLatencyNs").get("yName").asText()).isEqualTo("mean latency (ns)");
  }

  private static java.util.List<String> shown(JsonNode specs, String id) {
    java.util.List<String> out = new java.util.ArrayList<>();
    specs.get(id).get("shown").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void jsonHasEveryScenarioAsScenarioRunPrintsIt() throws Exception {
    Run run = Run.of("tour", "--json", "--out", dir.toString());
    assertThat(run.err()).as("no progress when stderr is not a terminal").isEmpty();
    JsonNode j = Json.mapper().readTree(run.out());
    for (Catalogue.Entry s : Catalogue.entries()) {
      assertThat(j.get(s.name()).get("scenario").asText()).isEqualTo(s.name());
    }
    JsonNode steps = j.at("/splitcoalesce/results/steps/rows");
    assertThat(steps.get(0).get(1).asText()).isEqualTo(".".repeat(64));
    assertThat(steps.get(steps.size() - 1).get(1).asText()).isEqualTo(".".repeat(64));
    JsonNode stages = j.at("/aging/results/stages/rows");
    assertThat(stages.get(2).get(2).asLong()).isLessThan(stages.get(1).get(2).asLong() / 4); // aged
    assertThat(stages.get(3).get(2).asLong()).isGreaterThan(stages.get(2).get(2).asLong()); // compacted
    assertThat(j.at("/frag/results/requestedKiB").asLong()).isEqualTo(197);
    assertThat(j.at("/frag/results/allocatedKiB").asLong()).isEqualTo(272);
    assertThat(j.at("/frag/results/wastedKiB").asLong()).isEqualTo(75);
    assertThat(j.at("/dmabuf/results/pages").asInt()).isEqualTo(16);
    assertThat(j.at("/dmabuf/results/naturally aligned (1 = yes)").asInt()).isEqualTo(1);
  }

  @Test
  void theSameSeedGivesTheSameTour() throws Exception {
    // Everything but what the machine decides: the real-memory section's addresses and frames,
    // and throughputs measured in wall-clock time.
    JsonNode first = stable(Json.mapper().readTree(Run.of("tour", "--seed", "7", "--json", "--out", dir.toString()).out()));
    JsonNode second = stable(Json.mapper().readTree(Run.of("tour", "--seed", "7", "--json", "--out", dir.toString()).out()));
    assertThat(first).isEqualTo(second);
  }

  private static JsonNode stable(JsonNode tour) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) tour).remove("dmabuf");
    tour.findParents("scenario").forEach(r -> {
      var results = (com.fasterxml.jackson.databind.node.ObjectNode) r.get("results");
      java.util.List<String> timed = new java.util.ArrayList<>();
      results.fieldNames().forEachRemaining(k -> {
        if (k.contains("PerSecond")) {
          timed.add(k);
        }
      });
      results.remove(timed);
      results.forEach(v -> { // and timed columns of tables
        if (v.has("columns")) {
          for (int c = v.get("columns").size() - 1; c >= 0; c--) {
            if (v.get("columns").get(c).asText().matches(".*(PerSecond|MB/s).*")) {
              ((com.fasterxml.jackson.databind.node.ArrayNode) v.get("columns")).remove(c);
              for (JsonNode row : v.get("rows")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) row).remove(c);
              }
            }
          }
        }
      });
    });
    return tour;
  }
}
