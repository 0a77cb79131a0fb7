package io.buddykit.view.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import io.buddykit.sweep.Estimate;
import io.buddykit.sweep.Summary;
import io.buddykit.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPageTest {
  @TempDir Path dir;

  /** Rows as the runner writes them: 2 loads x 2 rate mixes x 2 seeds, metric m = load + seed. */
  private static Summary summary() throws IOException {
    SweepSpec spec = SweepSpec.parse("spec", Json.mapper().readTree("""
        {"scenario":"bandwidth","seeds":[1,2],"grid":{"load":[8,24],"rates":["3,10","50"]},"keep":["m"]}
        """));
    List<JsonNode> rows = new ArrayList<>();
    for (SweepSpec.Run r : spec.runs()) {
      double m = Double.parseDouble(r.point().get("load")) + r.seed();
      rows.add(Json.mapper().valueToTree(java.util.Map.of("params", spec.paramsJson(r), "seed", r.seed(),
          "results", java.util.Map.of("m", m, "other", 1))));
    }
    return Summary.of(spec, rows);
  }

  @Test
  void aChartPerKeptMetricWithItsBand() throws IOException {
    Summary s = summary();
    Report.writeSweep(dir, s);
    String html = Files.readString(dir.resolve("index.html"));
    TagBalance.check(html);
    Document page = Jsoup.parse(html);
    assertThat(page.select("section[data-metric]")).hasSize(1);
    assertThat(page.select("section[data-metric=m] [data-chart]")).hasSize(1);
    assertThat(page.select("section[data-metric=m] table.data tbody tr")).hasSize(4);
    JsonNode charts = Json.mapper().readTree(page.getElementById("report-charts").data());
    JsonNode c = charts.get("metric-0");
    assertThat(c.get("kind").asText()).isEqualTo("band");
    assertThat(c.get("xName").asText()).isEqualTo("load");
    assertThat(c.get("categories").toString()).isEqualTo("[\"8\",\"24\"]");
    assertThat(c.get("series").findValuesAsText("name")).containsExactly("rates=3,10", "rates=50");
    // load 8, seeds 1 and 2: m = 9 and 10, mean 9.5, sd sqrt(0.5), t(0.975, 1) = 12.706205, half 6.353102.
    JsonNode first = c.get("series").get(0).get("data").get(0);
    Estimate e = Estimate.of(new double[] {9, 10});
    assertThat(first.get(0).asDouble()).isEqualTo(9.5);
    assertThat(first.get(1).asDouble()).isEqualTo(e.ciLow()).isCloseTo(9.5 - 6.353102, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(first.get(2).asDouble()).isEqualTo(e.ciHigh());
  }

  @Test
  void keptMetricsAreAlsoDrawnSideBySide() throws IOException {
    SweepSpec spec = SweepSpec.parse("spec", Json.mapper().readTree(
        "{\"scenario\":\"bandwidth\",\"seeds\":[1,2],\"grid\":{\"load\":[8,24]},\"keep\":[\"m\",\"other\"]}"));
    List<JsonNode> rows = new ArrayList<>();
    for (SweepSpec.Run r : spec.runs()) {
      rows.add(Json.mapper().valueToTree(java.util.Map.of("params", spec.paramsJson(r), "seed", r.seed(),
          "results", java.util.Map.of("m", r.seed(), "other", 1))));
    }
    Document page = Jsoup.parse(SweepPage.render(Summary.of(spec, rows)));
    assertThat(page.select("section.overview [data-chart=kept]")).hasSize(1);
    JsonNode kept = Json.mapper().readTree(page.getElementById("report-charts").data()).get("kept");
    assertThat(kept.get("series").findValuesAsText("name")).containsExactly("m", "other");
    assertThat(kept.get("series").get(1).get("data").get(0).toString()).isEqualTo("[1.0,1.0,1.0]");
    assertThat(page.select("section[data-metric]")).hasSize(2);
  }

  @Test
  void withOneSweptValueTheFirstParameterIsTheAxis() throws IOException {
    SweepSpec spec = SweepSpec.parse("spec", Json.mapper().readTree(
        "{\"scenario\":\"bandwidth\",\"seeds\":[1],\"grid\":{\"flows\":[100],\"load\":[8]}}"));
    Summary s = Summary.of(spec, List.of());
    assertThat(SweepPage.xParameter(s)).isEqualTo("flows");
    assertThat(SweepPage.xParameter(summary())).isEqualTo("load");
  }
}
