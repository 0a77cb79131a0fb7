package io.buddykit.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scenario measured: named numbers and tables ({@code results}) and time series, with the
 * scenario's name and the parameters of the run ({@code params}: each value as {@link
 * Params#asJson} gives it, a number, a list of numbers, a flag or text). Every claim a scenario
 * makes is one of these.
 */
public record Result(
    String scenario,
    Map<String, Object> params,
    Map<String, Object> results,
    Map<String, Series> series) {

  public Result {
    params = new LinkedHashMap<>(params);
    results = new LinkedHashMap<>(results);
    series = new LinkedHashMap<>(series);
  }

  /** Builds a result in the order things are added. */
  public static Builder builder(String scenario, Params params) {
    return new Builder(scenario, params);
  }

  /** Collects numbers, tables and series. */
  public static final class Builder {
    private final String scenario;
    private final Params params;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Series> series = new LinkedHashMap<>();

    private Builder(String scenario, Params params) {
      this.scenario = scenario;
      this.params = params;
    }

    public Builder number(String name, double value) {
      results.put(name, value);
      return this;
    }

    public Builder number(String name, long value) {
      results.put(name, value);
      return this;
    }

    public Builder table(String name, ResultTable table) {
      results.put(name, table);
      return this;
    }

    public Builder series(String name, Series s) {
      series.put(name, s);
      return this;
    }

    public Result build() {
      return new Result(scenario, params.asJson(), results, series);
    }
  }
}
