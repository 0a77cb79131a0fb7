package io.buddykit.view.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.buddykit.app.Figures;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders sections as one self-contained HTML page. The text, tables and chart containers are
 * written here, so the page reads without JavaScript and tests can parse it; the page's script only
 * draws the charts from the embedded chart specs.
 */
final class ReportPage {
  private final StringBuilder html = new StringBuilder(1 << 20);
  private final Map<String, ChartSpec> charts = new LinkedHashMap<>();
  private final Set<String> ids = new HashSet<>();

  private ReportPage() {}

  /** The page; a table of contents when there is more than one section. */
  static String render(String title, List<ReportSection> sections) {
    return render(title, sections, "");
  }

  /** The page, with {@code provenance} (the version, commit and date of the run) under its heading. */
  static String render(String title, List<ReportSection> sections, String provenance) {
    return new ReportPage().document(title, sections, provenance);
  }

  private String document(String title, List<ReportSection> sections, String provenance) {
    List<String> anchors = sections.stream().map(s -> unique(Html.id(s.name()))).toList();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < sections.size(); i++) {
      section(body, anchors.get(i), sections.get(i));
    }
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.text(title)).append("</title>\n")
        .append("<style>\n").append(Assets.css()).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<header><h1>buddykit report</h1>\n<p class=\"lede\">")
        .append(sections.size() == 1
            ? "A deterministic, seeded run of one of buddykit's models; <code>buddykit scenario run NAME --json</code>"
                + " prints its numbers."
            : sections.size()
                + " scenarios: deterministic, seeded runs of buddykit's models; results.json holds their numbers.")
        .append("</p>\n")
        .append(provenance.isEmpty() ? "" : "<p class=\"provenance muted\">" + Html.text(provenance) + "</p>\n")
        .append("</header>\n");
    if (sections.size() > 1) {
      html.append("<nav class=\"toc\"><h2>Contents</h2>\n<ol>\n");
      for (int i = 0; i < sections.size(); i++) {
        ReportSection s = sections.get(i);
        html.append("<li><a href=\"#").append(anchors.get(i)).append("\">").append(Html.text(s.title()))
            .append("</a> <span class=\"muted\">").append(Html.text(s.description())).append("</span></li>\n");
      }
      html.append("</ol></nav>\n");
    }
    html.append(body).append("</main>\n")
        .append("<script type=\"application/json\" id=\"report-data\">").append(json(sections)).append("</script>\n")
        .append("<script type=\"application/json\" id=\"report-charts\">").append(json(charts)).append("</script>\n")
        .append("<script>\n").append(Assets.echarts()).append("\n</script>\n")
        .append("<script>\n").append(Assets.script()).append("</script>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private void section(StringBuilder b, String anchor, ReportSection s) {
    Result r = s.result();
    b.append("<section id=\"").append(anchor).append("\" data-scenario=\"").append(Html.text(s.name())).append("\">\n")
        .append("<h2>").append(Html.text(s.title())).append("</h2>\n")
        .append(s.intro().isBlank()
            ? "<p class=\"description\">" + Html.text(s.description())
            : "<p class=\"intro\">" + Html.code(s.intro())).append("</p>\n");
    b.append("<h3>Parameters</h3>\n");
    if (!s.shortened().isEmpty()) {
      b.append("<p class=\"shortened\">The tour ran this section with the parameters marked * set away from the"
          + " scenario's defaults, to keep it short, so its figures differ from the README's; <code>buddykit"
          + " scenario run ").append(Html.text(s.name())).append("</code> runs the defaults (");
      b.append(Html.text(String.join(", ", s.shortened().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).toList()))).append(").</p>\n");
    }
    if (r.params().isEmpty()) {
      b.append("<p class=\"muted\">none</p>\n");
    } else {
      params(b, r, s.shortened());
    }

    int before = charts.size();
    for (Map.Entry<String, Object> e : r.results().entrySet()) {
      if (e.getValue() instanceof ResultTable t) {
        b.append("<h3>").append(Html.text(Charts.quantity(e.getKey()))).append("</h3>\n");
        Charts.table(anchor + "/" + e.getKey(), e.getKey(), t, s.headlines().getOrDefault(e.getKey(), List.of()))
            .ifPresent(c -> chart(b, c));
        table(b, t);
      }
    }
    for (Map.Entry<String, Series> e : r.series().entrySet()) {
      b.append("<h3>").append(Html.text(Charts.quantity(e.getKey()))).append("</h3>\n");
      Charts.series(anchor + "/" + e.getKey(), e.getKey(), e.getValue(), s.headlines().getOrDefault(e.getKey(),
          List.of())).forEach(c -> chart(b, c));
    }
    Map<String, Number> numbers = new LinkedHashMap<>();
    r.results().forEach((k, v) -> {
      if (v instanceof Number n) {
        numbers.put(k, n);
      }
    });
    boolean charted = charts.size() > before;
    if (!numbers.isEmpty() || !charted) {
      // The section's figures by name, open: what --json and results.json call them, in columns.
      b.append("<details open><summary>Named numbers (").append(numbers.size()).append(")</summary>\n");
      if (!charted) {
        chart(b, Charts.numbers(anchor + "/numbers", s.name(), numbers));
      }
      b.append("<div class=\"numbers\">\n");
      numbers.forEach((k, v) -> b.append("<div><span class=\"name\">").append(Html.text(k))
          .append("</span> <span class=\"num\">").append(Figures.format(v)).append("</span></div>\n"));
      b.append("</div>\n</details>\n");
    }
    b.append("</section>\n");
  }

  /** Names above values: one short band instead of a tall list before the first chart. */
  private static void params(StringBuilder b, Result r, Map<String, String> shortened) {
    b.append("<div class=\"scroll\"><table class=\"params\">\n<thead><tr>");
    r.params().keySet().forEach(k -> b.append(shortened.containsKey(k)
        ? "<th class=\"shortened\" title=\"default " + Html.text(shortened.get(k)) + "\">" + Html.text(k) + " *"
        : "<th>" + Html.text(k)).append("</th>"));
    b.append("</tr></thead>\n<tbody><tr>");
    r.params().values().forEach(v -> b.append("<td>").append(Html.text(Params.text(v))).append("</td>"));
    b.append("</tr></tbody>\n</table></div>\n");
  }

  private void chart(StringBuilder b, ChartSpec c) {
    charts.put(c.id(), c);
    b.append("<div class=\"chart\" data-chart=\"").append(Html.text(c.id())).append("\" role=\"img\" aria-label=\"")
        .append(Html.text(c.title())).append("\"></div>\n");
  }

  private static void table(StringBuilder b, ResultTable t) {
    b.append("<div class=\"scroll\"><table class=\"data\">\n<thead><tr>");
    t.columns().forEach(c -> b.append("<th>").append(Html.text(c)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (List<Object> row : t.rows()) {
      b.append("<tr>");
      for (Object cell : row) {
        if (cell instanceof Number n) {
          b.append("<td class=\"num\">").append(Figures.format(n)).append("</td>");
        } else {
          b.append("<td>").append(Html.text(cell)).append("</td>");
        }
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
  }

  private String unique(String id) {
    String candidate = id;
    for (int n = 2; !ids.add(candidate); n++) {
      candidate = id + "-" + n;
    }
    return candidate;
  }

  private static String json(Object value) {
    try {
      return Html.scriptJson(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report's JSON: " + e.getOriginalMessage(), e);
    }
  }
}
