package io.buddykit.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one run: every declared parameter, given or defaulted, each read and
 * range-checked once when the values are built, so a run never starts with a bad value and a typo
 * in a name never runs silently with a default. Scenarios read them typed, {@code p.get(BLOCKS)}.
 */
public final class Params {
  /** One parameter's value: the text given (or the default's) and what it was read as. */
  private record Value(Param<?> param, String text, Object value, Object json) {}

  private final Map<String, Value> values;

  private Params(Map<String, Value> values) {
    this.values = values;
  }

  /**
   * Reads {@code given} (name to text) against {@code declared}, defaulting the rest. Refuses an
   * unknown name, listing the known ones, and a bad value, naming the parameter, the text and what
   * is allowed.
   */
  public static Params of(List<Param<?>> declared, Map<String, String> given) {
    Map<String, Param<?>> byName = new LinkedHashMap<>();
    for (Param<?> p : declared) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
      }
    }
    for (String name : given.keySet()) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException("unknown parameter '" + name + "' (known: "
            + String.join(", ", byName.keySet()) + ")");
      }
    }
    Map<String, Value> values = new LinkedHashMap<>();
    for (Param<?> p : declared) {
      values.put(p.name(), value(p, given.get(p.name())));
    }
    return new Params(values);
  }

  private static <T> Value value(Param<T> p, String given) {
    String text = given == null ? p.defaultText() : given;
    T v = given == null ? p.defaultValue() : p.read(given);
    return new Value(p, text, v, p.json(text, v));
  }

  /** The value of {@code p}, which must be one of the declared parameters. */
  @SuppressWarnings("unchecked") // the value was read by p itself
  public <T> T get(Param<T> p) {
    return (T) declared(p).value();
  }

  private Value declared(Param<?> p) {
    Value v = values.get(p.name());
    if (v == null || v.param() != p) {
      throw new IllegalArgumentException("parameter '" + p.name() + "' is not declared here");
    }
    return v;
  }

  /**
   * The values as they appear in a result's {@code params}, in declaration order: numbers, lists
   * of numbers and flags typed; sizes, choices and text as text.
   */
  public Map<String, Object> asJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((name, v) -> out.put(name, v.json()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Checks what one parameter's range cannot say (a relation to another parameter, a power of
   * two), naming the parameter and its text when it fails.
   */
  public void require(boolean ok, Param<?> p, String what) {
    if (!ok) {
      throw new IllegalArgumentException("parameter " + p.name() + "=" + declared(p).text() + ": " + what);
    }
  }

  /** A value of a result's params as text: a list as {@code 3,10,25}, a number as {@code 16} or {@code 0.5}. */
  public static String text(Object json) {
    return switch (json) {
      case List<?> list -> String.join(",", list.stream().map(Params::text).toList());
      case Double d -> Range.format(d);
      default -> String.valueOf(json);
    };
  }
}
