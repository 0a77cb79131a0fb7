package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import io.buddykit.view.report.Report;
import io.buddykit.view.report.ReportSection;
import io.buddykit.view.report.TagBalance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  /** Small runs of deterministic scenarios (encryption reports measured MB/s, so two runs differ). */
  private static final Map<String, List<String>> RUNS = new LinkedHashMap<>();

  static {
    RUNS.put("flash", List.of("blocks=32", "pagesPerBlock=16", "op=0.45", "writes=500"));
    RUNS.put("bandwidth", List.of("flows=500", "loads=10,30"));
    RUNS.put("cputime", List.of("frames=100", "setsPerDensity=10", "densities=0.3,0.6", "policy=aging"));
  }

  private static final String WRITES_DEFAULT = Catalogue.named("flash").orElseThrow().params().stream()
      .filter(p -> p.name().equals("writes")).findFirst().orElseThrow().defaultText();

  @TempDir static Path dir;
  static Document doc;
  static String html;

  @BeforeAll
  static void writeTheReport() throws Exception {
    List<ReportSection> sections = new ArrayList<>();
    RUNS.forEach((name, params) -> {
      Scenario s = Catalogue.named(name).orElseThrow();
      Map<String, String> given = new LinkedHashMap<>();
      params.forEach(p -> given.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
      // The flash section stands for a tour section: its writes are marked as set away from the default.
      Map<String, String> shortened = name.equals("flash") ? Map.of("writes", WRITES_DEFAULT) : Map.of();
      sections.add(new ReportSection(name, "Scenario " + name, s.description(), s.run(Params.of(s.params(), given)),
          shortened));
    });
    Report.write(dir, sections, "buddykit 1.2.3 (commit abc1234, built 2026-12-03T00:00:00Z)");
    html = Files.readString(dir.resolve("index.html"));
    doc = Jsoup.parse(html);
  }

  @Test
  void thePageSaysWhatMadeItAndWhichParametersTheTourShortened() {
    // Issue 16, defect 10: the tour's figures differed from the README's and nothing said why.
    assertThat(doc.selectFirst("header .provenance").text()).contains("commit abc1234");
    Element flash = doc.getElementById("flash");
    assertThat(flash.selectFirst("p.shortened").text())
        .contains("buddykit scenario run flash", "writes " + WRITES_DEFAULT);
    assertThat(flash.select("table.params th.shortened").eachText()).containsExactly("writes *");
    assertThat(flash.selectFirst("table.params th.shortened").attr("title")).isEqualTo("default " + WRITES_DEFAULT);
    assertThat(doc.getElementById("bandwidth").select(".shortened")).isEmpty();
  }

  @Test
  void everyScenarioIsOneSectionWithADrawnChart() throws Exception {
    assertThat(doc.select("main > section").eachAttr("data-scenario")).containsExactlyElementsOf(RUNS.keySet());
    assertThat(doc.select(".toc a").eachAttr("href")).containsExactly("#flash", "#bandwidth", "#cputime");
    JsonNode specs = Json.mapper().readTree(doc.getElementById("report-charts").data());
    for (Element section : doc.select("main > section")) {
      List<String> charts = section.select(".chart[data-chart]").eachAttr("data-chart");
      assertThat(charts).as(section.id()).isNotEmpty();
      for (String id : charts) {
        JsonNode spec = specs.get(id);
        assertThat(spec).as(id).isNotNull();
        assertThat(spec.get("title").asText()).as(id).isNotBlank();
        assertThat(spec.get("xName").asText()).as(id).isNotBlank();
        assertThat(spec.get("yName").asText()).as(id).isNotBlank();
        assertThat(spec.get("series").size()).as(id).isPositive();
      }
      assertThat(section.select("table.params th").eachText()).isNotEmpty();
    }
    Element policies = doc.selectFirst("[data-chart=flash/policies]");
    assertThat(policies.nextElementSibling().select("thead th").first().text()).isEqualTo("gc");
    JsonNode flash = specs.get("flash/policies");
    assertThat(flash.get("kind").asText()).isEqualTo("bar");
    assertThat(flash.get("categories").get(0).asText()).isEqualTo("greedy / off");
    assertThat(specs.get("bandwidth/blockingByLoad").get("kind").asText()).isEqualTo("line");
  }

  @Test
  void theHtmlIsWellFormedAndNeedsNoNetwork() {
    TagBalance.check(html);
    assertThat(doc.select("script[src], link[href], img[src], iframe, object, embed")).isEmpty();
    // ECharts and the page's own script, each inline once.
    assertThat(doc.select("script:not([type])")).hasSize(2);
    assertThat(doc.select("script:not([type])").first().data()).contains("echarts").hasSizeGreaterThan(500_000);
    assertThat(doc.select("style")).hasSize(1);
  }

  @Test
  void embeddedDataAndResultsJsonEqualEachScenariosJsonOutput() throws Exception {
    ArrayNode expected = Json.mapper().createArrayNode();
    RUNS.forEach((name, params) -> {
      List<String> args = new ArrayList<>(List.of("scenario", "run", name));
      params.forEach(p -> args.addAll(List.of("-p", p)));
      args.add("--json");
      Run r = Run.of(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.err()).isZero();
      try {
        expected.add(Json.mapper().readTree(r.out()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    JsonNode results = Json.mapper().readTree(dir.resolve("results.json").toFile());
    assertThat(results).isEqualTo(expected);
    JsonNode data = Json.mapper().readTree(doc.getElementById("report-data").data());
    List<JsonNode> embedded = new ArrayList<>();
    data.forEach(section -> embedded.add(section.get("result")));
    assertThat(embedded).containsExactlyElementsOf(expected);
    assertThat(data.get(0).get("description").asText()).isEqualTo(Catalogue.named("flash").orElseThrow().description());
  }
}
