package io.buddykit.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's rows reduced per point and metric to an {@link Estimate} over the seeds, in the spec's
 * point order. The metrics are the spec's {@code keep}, or every named number the runs gave. Written
 * as {@code summary.json} and {@code summary.csv}; the page draws from it.
 *
 * @param runs the rows summarised
 * @param metrics the metrics kept, in order
 */
public record Summary(SweepSpec spec, int runs, List<String> metrics, List<Point> points) {
  /** One point: its swept parameters as the rows show them, and an estimate per metric it has values for. */
  public record Point(Map<String, Object> params, Map<String, Estimate> estimates) {}

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The summary of {@code rows} (trees of {@link RunRow}s) under {@code spec}; rows of other points are left out. */
  public static Summary of(SweepSpec spec, List<JsonNode> rows) {
    Map<String, List<JsonNode>> byPoint = new LinkedHashMap<>();
    for (SweepSpec.Run r : spec.runs()) {
      byPoint.putIfAbsent(Json.mapper().valueToTree(spec.paramsJson(r)).toString(), new ArrayList<>());
    }
    Set<String> numbers = new LinkedHashSet<>();
    int used = 0;
    for (JsonNode row : rows) {
      List<JsonNode> at = byPoint.get(row.get("params").toString());
      if (at != null) {
        at.add(row);
        used++;
        for (Map.Entry<String, JsonNode> e : row.get("results").properties()) {
          if (e.getValue().isNumber()) {
            numbers.add(e.getKey());
          }
        }
      }
    }
    List<String> metrics = spec.keep().isEmpty() ? List.copyOf(numbers) : spec.keep();
    List<Point> points = new ArrayList<>();
    for (List<JsonNode> at : byPoint.values()) {
      if (!at.isEmpty()) {
        points.add(point(at, metrics));
      }
    }
    return new Summary(spec, used, metrics, List.copyOf(points));
  }

  private static Point point(List<JsonNode> rows, List<String> metrics) {
    Map<String, Estimate> estimates = new LinkedHashMap<>();
    for (String m : metrics) {
      double[] values = rows.stream().map(r -> r.get("results").get(m))
          .filter(v -> v != null && v.isNumber()).mapToDouble(JsonNode::asDouble).toArray();
      if (values.length > 0) {
        estimates.put(m, Estimate.of(values));
      }
    }
    return new Point(Json.mapper().convertValue(rows.getFirst().get("params"), MAP), estimates);
  }

  /** Writes {@code dir/summary.json} and {@code dir/summary.csv}. */
  public void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("summary.json"), Json.mapper().writeValueAsString(asJson()) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("summary.csv"), csv(), StandardCharsets.UTF_8);
  }

  /** {@code {scenario, runs, seeds, grid, keep, points: [{params, metrics: {m: {n, mean, sd, ci95}}}]}}. */
  public Map<String, Object> asJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", spec.scenario());
    m.put("runs", runs);
    m.put("seeds", spec.seeds().size());
    m.put("grid", spec.grid());
    m.put("metrics", metrics);
    m.put("confidence", Estimate.LEVEL);
    List<Object> ps = new ArrayList<>();
    for (Point p : points) {
      Map<String, Object> es = new LinkedHashMap<>();
      p.estimates().forEach((name, e) -> {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("n", e.n());
        em.put("mean", finite(e.mean()));
        em.put("sd", finite(e.sd()));
        em.put("ci95", Double.isNaN(e.ciLow()) ? null : List.of(e.ciLow(), e.ciHigh()));
        es.put(name, em);
      });
      ps.add(Map.of("params", p.params(), "metrics", es));
    }
    m.put("points", ps);
    return m;
  }

  /** A row per point and metric: the swept parameters, then metric, n, mean, sd, ci95_low, ci95_high. */
  public String csv() {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>(spec.grid().keySet());
    header.addAll(List.of("metric", "n", "mean", "sd", "ci95_low", "ci95_high"));
    b.append(String.join(",", header.stream().map(Summary::cell).toList())).append('\n');
    for (Point p : points) {
      p.estimates().forEach((name, e) -> {
        List<String> cells = new ArrayList<>();
        spec.grid().keySet().forEach(k -> cells.add(cell(Params.text(p.params().get(k)))));
        cells.add(cell(name));
        cells.add(Integer.toString(e.n()));
        for (double v : new double[] {e.mean(), e.sd(), e.ciLow(), e.ciHigh()}) {
          cells.add(Double.isFinite(v) ? Double.toString(v) : "");
        }
        b.append(String.join(",", cells)).append('\n');
      });
    }
    return b.toString();
  }

  /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
  static String cell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Reads {@code dir}'s spec and rows and summarises them. */
  public static Summary of(Path dir) throws IOException {
    return of(SweepRunner.spec(dir), ResultsFile.read(dir.resolve(ResultsFile.NAME), false));
  }
}
