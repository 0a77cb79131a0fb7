package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {
  @Test
  void listsEveryScenarioWithItsParameters() {
    Run r = Run.of("scenario", "list");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("bandwidth", "capacity", "1024");
  }

  @Test
  void runsOneAsJsonWithTheContractsFields() throws Exception {
    Run r = Run.of("scenario", "run", "bandwidth", "-p", "flows=3000", "--param", "loads=10,30", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("scenario").asText()).isEqualTo("bandwidth");
    assertThat(j.at("/params/flows").asText()).isEqualTo("3000");
    assertThat(j.at("/results/lowest.offered").asLong()).isEqualTo(3000);
    assertThat(j.at("/results/brokers/columns").size()).isEqualTo(9);
    assertThat(j.at("/series/blockingByLoad/points").size()).isEqualTo(2);
  }

  @Test
  void badNamesAndParametersAreOneLineErrors() {
    Run unknown = Run.of("scenario", "run", "nosuch");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("buddykit: no scenario 'nosuch'");
    Run typo = Run.of("scenario", "run", "bandwidth", "-p", "lod=3");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown parameter 'lod'").doesNotContain("\tat ");
    Run bad = Run.of("scenario", "run", "bandwidth", "-p", "capacity=1000");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("capacity=1000");
  }

  @Test
  void writesOneScenariosPageWithHtml(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("flash.html");
    Run r = Run.of("scenario", "run", "flash", "-p", "blocks=32", "-p", "pagesPerBlock=16", "-p", "op=0.45", "-p", "writes=500", "--html", page.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("policies:").endsWith("page written to " + page + System.lineSeparator());
    Document doc = Jsoup.parse(Files.readString(page));
    assertThat(doc.select("section").attr("data-scenario")).isEqualTo("flash");
    assertThat(doc.title()).isEqualTo("buddykit: " + Catalogue.entry("flash").orElseThrow().title());
    // The catalogue's introduction, as in the tour's report.
    assertThat(doc.selectFirst("section p.intro").text()).startsWith("A flash translation layer");
    assertThat(doc.select("section [data-chart]").eachAttr("data-chart")).contains("flash/policies");

    Path quiet = dir.resolve("json-flash.html");
    Run j = Run.of("scenario", "run", "flash", "-p", "blocks=32", "-p", "pagesPerBlock=16", "-p", "op=0.45", "-p", "writes=500", "--json", "--html",
        quiet.toString());
    assertThat(Json.mapper().readTree(j.out()).get("scenario").asText()).isEqualTo("flash");
    assertThat(quiet).exists();
  }
}
