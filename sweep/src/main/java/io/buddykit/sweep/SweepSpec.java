package io.buddykit.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep runs: a scenario of the {@link Catalogue}, a grid (each swept parameter with the
 * values it takes, as text the scenario's {@link Param} reads) whose every combination is a point,
 * the seeds each point runs with, and the metrics the summary keeps (empty: every named number).
 * Read from YAML or JSON by {@link #read}, which checks everything it can before a run starts: the
 * scenario, each parameter's name and every value against its range.
 *
 * @param grid parameter name to its values, in the order written; never {@code seed}
 * @param keep the named numbers the summary and the page keep; empty for all of them
 * @param replay a {@code traces:} sweep's options by their long names ({@code buddykit replay}'s
 *     when the scenario is {@link #REPLAY}, {@code buddykit flash}'s when {@link #FLASH}); null for a grid
 */
public record SweepSpec(String scenario, List<Long> seeds, Map<String, List<String>> grid, List<String> keep,
    Map<String, String> replay) {
  /** The most runs one spec may ask for: more is a typo (a count of 10^9), not a sweep. */
  public static final long MAX_RUNS = 10_000_000;

  private static final Set<String> KEYS = Set.of("scenario", "seeds", "grid", "keep");

  /** The scenario name of a {@code traces:} sweep's rows: {@code buddykit replay}'s, not a catalogued scenario. */
  public static final String REPLAY = "replay";

  /**
   * The scenario name of a {@code traces:} sweep of block traces' rows: {@code buddykit flash
   * --trace}'s, its options held in {@link #replay()}.
   */
  public static final String FLASH = "flash";

  /** The one swept parameter of a {@code traces:} sweep: the trace file. */
  public static final String TRACE = "trace";

  public SweepSpec {
    seeds = List.copyOf(seeds);
    Map<String, List<String>> g = new LinkedHashMap<>();
    grid.forEach((k, v) -> g.put(k, List.copyOf(v)));
    grid = java.util.Collections.unmodifiableMap(g);
    keep = List.copyOf(keep);
    replay = replay == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replay));
  }

  /** A grid sweep: {@code replay} is {@code null}. */
  public SweepSpec(String scenario, List<Long> seeds, Map<String, List<String>> grid, List<String> keep) {
    this(scenario, seeds, grid, keep, null);
  }

  /**
   * Whether this is a {@code traces:} sweep: one {@code buddykit replay} (or, for block traces,
   * {@code buddykit flash --trace}) of each trace with the {@code replay} options (the grid is
   * {@code {trace: [files]}}, the one seed 0, as a replay draws no random numbers and a flash run
   * takes its seed as {@code flash.seed}), rather than a scenario over a grid and seeds.
   */
  public boolean traces() {
    return replay != null;
  }

  /** Reads and checks {@code file}: JSON when its name ends in {@code .json}, else YAML. */
  public static SweepSpec read(Path file) {
    String name = file.toString();
    ObjectMapper mapper = name.endsWith(".json") ? Json.mapper() : new YAMLMapper();
    JsonNode root;
    try {
      root = mapper.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new SweepSpecException(name + ": no such file");
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new SweepSpecException(name + (at == null ? "" : ":" + at.getLineNr()) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse("not YAML or JSON"));
    } catch (IOException e) {
      throw new SweepSpecException(name + ": cannot read: " + e.getMessage());
    }
    return parse(name, root);
  }

  /** Checks a spec already parsed into a tree; {@code source} names it in messages. */
  public static SweepSpec parse(String source, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw refuse(source, "spec", "must be a mapping with scenario, seeds and grid, or with traces");
    }
    if (root.has("traces")) {
      return TraceSpec.parse(source, root);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw refuse(source, key, "unknown key (known: scenario, seeds, grid, keep; or traces, replay, keep)");
      }
    }
    JsonNode sc = root.get("scenario");
    if (sc == null || !sc.isTextual()) {
      throw refuse(source, "scenario", "missing; name a scenario of `buddykit scenario list`");
    }
    Scenario s = Catalogue.named(sc.asText()).orElseThrow(() -> refuse(source, "scenario",
        "no scenario '" + sc.asText() + "' (known: "
            + String.join(", ", Catalogue.all().stream().map(Scenario::name).toList()) + ")"));
    List<Long> seeds = seeds(source, root.get("seeds"));
    Map<String, List<String>> grid = grid(source, s, root.get("grid"));
    List<String> keep = keep(source, root.get("keep"));
    long runs = seeds.size();
    for (List<String> values : grid.values()) {
      runs *= values.size();
      if (runs > MAX_RUNS) {
        throw refuse(source, "grid", "more than " + MAX_RUNS + " runs with the seeds");
      }
    }
    return new SweepSpec(s.name(), seeds, grid, keep);
  }

  /** {@link #asJson()} as compact text: how an engine ships the spec to its workers. */
  public String json() {
    return Json.mapper().valueToTree(asJson()).toString();
  }

  /** The spec {@link #json()} wrote, checked again as {@link #parse} checks it. */
  public static SweepSpec ofJson(String source, String json) {
    try {
      return parse(source, Json.mapper().readTree(json));
    } catch (JacksonException e) {
      throw new SweepSpecException(source + ": not JSON: " + e.getOriginalMessage());
    }
  }

  /** The scenario this spec sweeps; a {@code traces:} sweep has none. */
  public Scenario scenarioModel() {
    if (traces()) {
      throw new IllegalStateException("a traces sweep replays traces; it runs no scenario");
    }
    return Catalogue.require(scenario);
  }

  /** Every combination of the grid's values, the first parameter varying slowest. */
  public List<Map<String, String>> points() {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(Map.of());
    for (Map.Entry<String, List<String>> e : grid.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> p : points) {
        for (String v : e.getValue()) {
          Map<String, String> q = new LinkedHashMap<>(p);
          q.put(e.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }

  /** Every (point, seed), point by point. */
  public List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    for (Map<String, String> p : points()) {
      for (long seed : seeds) {
        runs.add(new Run(p, seed));
      }
    }
    return runs;
  }

  /** One run of a sweep: a point's parameters as text and a seed. */
  public record Run(Map<String, String> point, long seed) {
    public Run {
      point = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }
  }

  /**
   * The spec as a tree, {@code {scenario, seeds, grid, keep}} (no keep when it is every number), as
   * {@code DIR/spec.json} holds it.
   */
  public Map<String, Object> asJson() {
    if (traces()) {
      return TraceSpec.asJson(this);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", scenario);
    m.put("seeds", seeds);
    m.put("grid", grid);
    if (!keep.isEmpty()) {
      m.put("keep", keep);
    }
    return m;
  }

  private static List<Long> seeds(String source, JsonNode node) {
    if (node == null) {
      throw refuse(source, "seeds", "missing; give a list, [1, 2, 3], or {from: 1, count: 30}");
    }
    List<Long> seeds = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        seeds.add(whole(source, "seeds[" + i + "]", node.get(i), Long.MIN_VALUE));
      }
    } else if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("from") && !k.equals("count")) {
          throw refuse(source, "seeds." + k, "unknown key (known: from, count)");
        }
      }
      long from = node.has("from") ? whole(source, "seeds.from", node.get("from"), Long.MIN_VALUE) : 1;
      long count = whole(source, "seeds.count", node.get("count"), 1);
      if (count > MAX_RUNS || from > Long.MAX_VALUE - count) {
        throw refuse(source, "seeds.count", "too many seeds");
      }
      for (long i = 0; i < count; i++) {
        seeds.add(from + i);
      }
    } else {
      throw refuse(source, "seeds", "must be a list or {from, count}");
    }
    if (seeds.isEmpty()) {
      throw refuse(source, "seeds", "empty; give at least one seed");
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw refuse(source, "seeds", "a seed is listed twice");
    }
    return seeds;
  }

  private static long whole(String source, String key, JsonNode n, long min) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw refuse(source, key, "must be a whole number" + (n == null ? "; missing" : ", not " + n));
    }
    if (n.asLong() < min) {
      throw refuse(source, key, "must be at least " + min + ", not " + n);
    }
    return n.asLong();
  }

  private static Map<String, List<String>> grid(String source, Scenario s, JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw refuse(source, "grid", (node == null ? "missing" : "empty")
          + "; give the parameters to sweep, each with its values");
    }
    Map<String, Param<?>> declared = new LinkedHashMap<>();
    s.params().forEach(p -> declared.put(p.name(), p));
    Map<String, List<String>> grid = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = "grid." + e.getKey();
      if (e.getKey().equals("seed")) {
        throw refuse(source, key, "the seeds are swept by seeds:, not in the grid");
      }
      Param<?> p = declared.get(e.getKey());
      if (p == null) {
        throw refuse(source, key, "scenario " + s.name() + " has no parameter '" + e.getKey() + "' (known: "
            + String.join(", ", declared.keySet().stream().filter(n -> !n.equals("seed")).toList()) + ")");
      }
      grid.put(e.getKey(), values(source, key, p, e.getValue()));
    }
    return grid;
  }

  /** A parameter's values: a list of scalars, or one scalar; a value that is itself a list is a list parameter's. */
  private static List<String> values(String source, String key, Param<?> p, JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    if (items.isEmpty()) {
      throw refuse(source, key, "no values; give at least one");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = node.isArray() ? key + "[" + i + "]" : key;
      String text = text(source, at, items.get(i));
      try {
        p.read(text);
      } catch (IllegalArgumentException e) {
        throw refuse(source, at, e.getMessage());
      }
      if (!seen.add(text)) {
        throw refuse(source, at, "the value " + text + " is listed twice");
      }
    }
    return List.copyOf(seen);
  }

  private static String text(String source, String key, JsonNode n) {
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        parts.add(text(source, key + "[" + i + "]", n.get(i)));
      }
      return String.join(",", parts);
    }
    if (!n.isValueNode() || n.isNull()) {
      throw refuse(source, key, "must be a number, a word or a list of numbers, not " + n);
    }
    return n.asText();
  }

  static List<String> keep(String source, JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw refuse(source, "keep", "must be a non-empty list of result names, or left out for all of them");
    }
    Set<String> keep = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i);
      if (!n.isTextual() || n.asText().isBlank()) {
        throw refuse(source, "keep[" + i + "]", "must be a result's name, not " + n);
      }
      if (!keep.add(n.asText())) {
        throw refuse(source, "keep[" + i + "]", n.asText() + " is listed twice");
      }
    }
    return List.copyOf(keep);
  }

  /**
   * Refuses a kept name that is not a named number of {@code results}, one run's: checked on a
   * sweep's first run by every engine, as only a run says what it measures.
   */
  public void checkKeep(Map<String, ?> results) {
    for (String k : keep) {
      if (!(results.get(k) instanceof Number)) {
        throw new SweepSpecException("keep: " + k + " is not a named number of scenario " + scenario
            + " (it has: " + String.join(", ", results.entrySet().stream()
                .filter(e -> e.getValue() instanceof Number).map(Map.Entry::getKey).toList()) + ")");
      }
    }
  }

  /** The swept parameters of {@code run} as the scenario's result shows them (numbers as numbers). */
  public Map<String, Object> paramsJson(Run run) {
    if (traces()) {
      return Map.of(TRACE, run.point().get(TRACE));
    }
    Map<String, Object> all = Params.of(scenarioModel().params(), run.point()).asJson();
    Map<String, Object> swept = new LinkedHashMap<>();
    grid.keySet().forEach(k -> swept.put(k, all.get(k)));
    return swept;
  }

  static SweepSpecException refuse(String source, String key, String why) {
    return new SweepSpecException(source + ": " + key + ": " + why);
  }
}
