package io.buddykit.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one run: every declared parameter, given or defaulted. Typed getters
 * name the parameter and the bad text when a value does not parse, and an unknown name is an
 * error, so a typo never runs silently with a default.
 */
public final class Params {
  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  /** The declared defaults overridden by {@code given}; unknown names are refused. */
  public static Params of(List<Param> declared, Map<String, String> given) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Param p : declared) {
      values.put(p.name(), p.defaultValue());
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!values.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: "
            + String.join(", ", values.keySet()) + ")");
      }
      values.put(e.getKey(), e.getValue());
    }
    return new Params(values);
  }

  /** The values as text, in declaration order. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  public String string(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return v;
  }

  public long getLong(String name) {
    try {
      return Long.parseLong(string(name).trim());
    } catch (NumberFormatException e) {
      throw bad(name, "a whole number");
    }
  }

  public int getInt(String name) {
    long v = getLong(name);
    if (v != (int) v) {
      throw bad(name, "a whole number that fits an int");
    }
    return (int) v;
  }

  public double getDouble(String name) {
    try {
      double v = Double.parseDouble(string(name).trim());
      if (!Double.isFinite(v)) {
        throw bad(name, "a finite number");
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(name, "a number");
    }
  }

  /** A comma-separated list of whole numbers, e.g. {@code 3,10,25}. */
  public List<Long> getLongs(String name) {
    List<Long> out = new ArrayList<>();
    for (String part : string(name).split(",")) {
      try {
        out.add(Long.parseLong(part.trim()));
      } catch (NumberFormatException e) {
        throw bad(name, "a comma-separated list of whole numbers");
      }
    }
    return out;
  }

  /** A comma-separated list of numbers, e.g. {@code 0.5,1,2}. */
  public List<Double> getDoubles(String name) {
    List<Double> out = new ArrayList<>();
    for (String part : string(name).split(",")) {
      try {
        out.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw bad(name, "a comma-separated list of numbers");
      }
    }
    return out;
  }

  /** Checks a condition on a parameter, naming it when it fails. */
  public void require(boolean ok, String name, String what) {
    if (!ok) {
      throw new IllegalArgumentException("parameter " + name + "=" + values.get(name) + ": " + what);
    }
  }

  private IllegalArgumentException bad(String name, String what) {
    return new IllegalArgumentException(
        "parameter " + name + "=" + values.get(name) + " is not " + what);
  }
}
