package io.buddykit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.buddykit.app.FlashReplay;
import io.buddykit.app.Json;
import io.buddykit.app.TraceReplay;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import java.nio.file.Path;
import java.util.Map;

/**
 * One line of {@code results.jsonl}: the scenario, the swept parameters (as the result's {@code
 * params} shows them), the seed, the run's {@code results} (exactly the {@code results} member of
 * {@code buddykit scenario run SCENARIO -p ... -p seed=S --json}, so named numbers and tables; the
 * time series are left out) and the run's wall time in milliseconds. Everything but {@code millis}
 * depends only on scenario, parameters and seed, so every engine writes the same line for a run.
 */
@JsonPropertyOrder({"scenario", "params", "seed", "results", "millis"})
public record RunRow(String scenario, Map<String, Object> params, long seed, Map<String, Object> results,
    long millis) {
  private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  /** Runs {@code run} of {@code spec} and times it. */
  public static RunRow run(SweepSpec spec, SweepSpec.Run run) {
    if (spec.traces()) {
      return replay(spec, run);
    }
    Scenario s = spec.scenarioModel();
    Map<String, String> given = new java.util.LinkedHashMap<>(run.point());
    given.put("seed", Long.toString(run.seed()));
    Params params = Params.of(s.params(), given);
    long start = System.nanoTime();
    Result r = s.run(params);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new RunRow(s.name(), spec.paramsJson(run), run.seed(), r.results(), millis);
  }

  /**
   * One trace of a {@code traces:} sweep: {@code buddykit replay TRACE} with the spec's options; its
   * {@code results} are the replay's named numbers ({@link TraceReplay#numbers}).
   */
  private static RunRow replay(SweepSpec spec, SweepSpec.Run run) {
    if (spec.scenario().equals(SweepSpec.FLASH)) {
      return flash(spec, run);
    }
    TraceReplay.Options options = TraceReplay.Options.parse("replay.", spec.replay());
    long start = System.nanoTime();
    TraceReplay.Outcome o = TraceReplay.run(Path.of(run.point().get(SweepSpec.TRACE)), options, null);
    Map<String, Object> results = TraceReplay.numbers(o);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new RunRow(SweepSpec.REPLAY, spec.paramsJson(run), run.seed(), results, millis);
  }

  /**
   * One block trace of a {@code traces:} sweep: {@code buddykit flash --trace TRACE --json} with the
   * spec's flash options; its {@code results} are that object's numbers ({@link FlashReplay#result}).
   */
  private static RunRow flash(SweepSpec spec, SweepSpec.Run run) {
    FlashReplay.Options options = FlashReplay.Options.parse("flash.", spec.replay());
    long start = System.nanoTime();
    Map<String, Object> results = FlashReplay.replay(Path.of(run.point().get(SweepSpec.TRACE)), options);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new RunRow(SweepSpec.FLASH, spec.paramsJson(run), run.seed(), results, millis);
  }

  /** The row as one line of JSON, without the newline. */
  public String line() {
    try {
      return LINE.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result row: " + e.getOriginalMessage(), e);
    }
  }

  /** The params as compact JSON: the text {@link Summary} groups a point's rows by. */
  public String paramsText() {
    return Json.mapper().valueToTree(params).toString();
  }

  /** The results as compact JSON, as the line holds them. */
  public String resultsText() {
    return Json.mapper().valueToTree(results).toString();
  }

  /** What identifies a run in {@code results.jsonl}: its params as compact JSON, and its seed. */
  static String key(JsonNode params, long seed) {
    return params.toString() + "#" + seed;
  }

  /** The key of a run of {@code spec}. */
  static String key(SweepSpec spec, SweepSpec.Run run) {
    return key(Json.mapper().valueToTree(spec.paramsJson(run)), run.seed());
  }
}
