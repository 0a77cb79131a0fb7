package io.buddykit.view.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.buddykit.app.Figures;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import io.buddykit.sweep.Estimate;
import io.buddykit.sweep.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep's page in the report's style: the grid, then per kept metric a chart of its mean against
 * the swept parameter with the 95% confidence interval as a band, and the table of estimates. The
 * x axis is the first grid parameter with more than one value; every combination of the other
 * parameters is a line of its own.
 */
final class SweepPage {
  private SweepPage() {}

  static String render(Summary s) {
    String x = xParameter(s);
    Map<String, ChartSpec> charts = new LinkedHashMap<>();
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>buddykit sweep: ").append(Html.text(s.spec().scenario())).append("</title>\n")
        .append("<style>\n").append(Assets.css()).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<header><h1>buddykit sweep: ").append(Html.text(s.spec().scenario())).append("</h1>\n")
        .append("<p class=\"lede\">").append(s.runs()).append(" runs: ").append(s.points().size())
        .append(" points \u00d7 ").append(s.spec().seeds().size()).append(" seeds. Each line is a mean over the")
        .append(" seeds and its band the 95% confidence interval of that mean (Student's t);")
        .append(" <code>results.jsonl</code> holds every run, <code>summary.csv</code> these estimates.</p>")
        .append("</header>\n");
    grid(b, s);
    if (!s.spec().keep().isEmpty() && s.metrics().size() > 1) {
      // Kept by name, so comparable (a policy's figure beside another's): side by side first.
      ChartSpec all = chart("kept", s.metrics(), x, s);
      charts.put(all.id(), all);
      b.append("<section class=\"overview\">\n<h2>The kept metrics side by side</h2>\n")
          .append("<div class=\"chart\" data-chart=\"").append(all.id()).append("\" role=\"img\" aria-label=\"")
          .append(Html.text(all.title()))
          .append("\"></div>\n</section>\n");
    }
    for (String metric : s.metrics()) {
      String id = "metric-" + charts.size();
      ChartSpec c = chart(id, List.of(metric), x, s);
      charts.put(id, c);
      b.append("<section data-metric=\"").append(Html.text(metric)).append("\">\n<h2>").append(Html.text(metric))
          .append("</h2>\n<div class=\"chart\" data-chart=\"").append(id).append("\" role=\"img\" aria-label=\"")
          .append(Html.text(c.title())).append("\"></div>\n");
      table(b, metric, s);
      b.append("</section>\n");
    }
    b.append("</main>\n<script type=\"application/json\" id=\"report-charts\">").append(json(charts))
        .append("</script>\n<script>\n").append(Assets.echarts()).append("\n</script>\n<script>\n")
        .append(Assets.script()).append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  /** The first parameter with more than one value, else the first. */
  static String xParameter(Summary s) {
    return s.spec().grid().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
        .findFirst().orElse(s.spec().grid().keySet().iterator().next());
  }

  /**
   * A band chart: categories are x's values in the grid's order; a plot per metric and combination
   * of the other swept parameters, its data {@code [mean, low, high]} per category (null where
   * missing).
   */
  static ChartSpec chart(String id, List<String> metrics, String x, Summary s) {
    List<String> categories = new ArrayList<>();
    Map<String, Map<String, List<Object>>> lines = new LinkedHashMap<>();
    for (Summary.Point p : s.points()) {
      String cat = Params.text(p.params().get(x));
      if (!categories.contains(cat)) {
        categories.add(cat);
      }
      List<String> others = new ArrayList<>();
      p.params().forEach((k, v) -> {
        if (!k.equals(x) && s.spec().grid().get(k).size() > 1) {
          others.add(k + "=" + Params.text(v));
        }
      });
      for (String metric : metrics) {
        Estimate e = p.estimates().get(metric);
        List<String> name = new ArrayList<>(others);
        if (metrics.size() > 1 || others.isEmpty()) {
          name.addFirst(metric);
        }
        if (e != null) {
          lines.computeIfAbsent(String.join(", ", name), k -> new LinkedHashMap<>())
              .put(cat, Arrays.asList(finite(e.mean()), finite(e.ciLow()), finite(e.ciHigh())));
        }
      }
    }
    List<ChartSpec.Plot> plots = new ArrayList<>();
    lines.forEach((name, byCat) -> plots.add(new ChartSpec.Plot(name,
        categories.stream().map(byCat::get).toList())));
    String what = metrics.size() == 1 ? metrics.getFirst() : "kept metrics";
    return new ChartSpec(id, "band", what + " by " + x, x, what, categories, plots, List.of(), false);
  }

  private static void grid(StringBuilder b, Summary s) {
    b.append("<h3>Grid</h3>\n<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th>parameter</th>")
        .append("<th>values</th></tr></thead>\n<tbody>\n");
    s.spec().grid().forEach((k, v) -> b.append("<tr><th>").append(Html.text(k)).append("</th><td>")
        .append(Html.text(String.join(" | ", v))).append("</td></tr>\n"));
    b.append("<tr><th>seed</th><td>").append(Html.text(seeds(s.spec().seeds()))).append("</td></tr>\n")
        .append("</tbody></table></div>\n");
  }

  private static String seeds(List<Long> seeds) {
    return seeds.size() > 6 ? seeds.getFirst() + " \u2026 " + seeds.getLast() + " (" + seeds.size() + ")"
        : String.join(", ", seeds.stream().map(String::valueOf).toList());
  }

  private static void table(StringBuilder b, String metric, Summary s) {
    b.append("<div class=\"scroll\"><table class=\"data\">\n<thead><tr>");
    s.spec().grid().keySet().forEach(k -> b.append("<th>").append(Html.text(k)).append("</th>"));
    b.append("<th>n</th><th>mean</th><th>sd</th><th>95% interval</th></tr></thead>\n<tbody>\n");
    for (Summary.Point p : s.points()) {
      Estimate e = p.estimates().get(metric);
      if (e == null) {
        continue;
      }
      b.append("<tr>");
      s.spec().grid().keySet().forEach(k -> b.append("<td>").append(Html.text(Params.text(p.params().get(k))))
          .append("</td>"));
      b.append("<td class=\"num\">").append(e.n()).append("</td><td class=\"num\">").append(number(e.mean()))
          .append("</td><td class=\"num\">").append(number(e.sd())).append("</td><td class=\"num\">")
          .append(Double.isNaN(e.ciLow()) ? "" : "[" + number(e.ciLow()) + ", " + number(e.ciHigh()) + "]")
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Figures.format(v) : "";
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String json(Object value) {
    try {
      return Html.scriptJson(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Objects.requireNonNull(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the sweep page's JSON: " + e.getOriginalMessage(), e);
    }
  }
}
