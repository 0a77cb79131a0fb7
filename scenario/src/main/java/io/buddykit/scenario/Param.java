package io.buddykit.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A declared scenario parameter: its name, kind, default, allowed range, unit and meaning, and how
 * its text is read into a {@code T}. A scenario declares each as a constant and reads it with
 * {@link Params#get}; the front ends read the kind, default and range to show values and to check
 * them before a run. Values are given as text ({@code -p blocks=1024}); {@link Params#of} reads
 * them all at once and refuses a bad one with a message naming the parameter, the text and what
 * is allowed. Each default is read the same way when the constant is made, so a default outside
 * its own range fails at once.
 */
public final class Param<T> {
  /** What a parameter's values are: the closed set the front ends understand. */
  public enum Kind {
    /** A whole number (int or long) within inclusive bounds. */
    INTEGER,
    /** A finite number within a {@link Range}. */
    NUMBER,
    /** A byte size as {@link Sizes} reads it ({@code 4096}, {@code 62K}, {@code 4G}); some also take {@code auto}. */
    SIZE,
    /** A non-empty comma-separated list of whole numbers, each within bounds. */
    INTEGERS,
    /** A non-empty comma-separated list of finite numbers, each within a range. */
    NUMBERS,
    /** One of a fixed set of names. */
    CHOICE,
    /** {@code true} or {@code false}. */
    FLAG,
    /** Any text. */
    TEXT
  }

  /** The word a size parameter made by {@link #sizeOrAuto} takes for "the model's own choice". */
  public static final String AUTO = "auto";

  private final String name;
  private final Kind kind;
  private final Range range;
  private final List<String> choices;
  private final String unit;
  private final String description;
  private final Function<String, T> reader;
  private final String defaultText;
  private final T defaultValue;

  private Param(String name, Kind kind, Range range, List<String> choices, String unit, String description,
      Function<String, T> reader, String defaultText) {
    this.name = Objects.requireNonNull(name);
    this.kind = kind;
    this.range = range;
    this.choices = List.copyOf(choices);
    this.unit = unit;
    this.description = description;
    this.reader = reader;
    this.defaultText = defaultText;
    this.defaultValue = read(defaultText);
  }

  /** A whole number that fits an int, in {@code [min, max]}. */
  public static Param<Integer> integer(String name, int defaultValue, int min, int max, String description) {
    return new Param<>(name, Kind.INTEGER, Range.closed(min, max), List.of(), "", description,
        text -> Math.toIntExact(Values.whole(text)), Integer.toString(defaultValue));
  }

  /** A whole number in {@code [min, max]}; a {@code max} of {@code Long.MAX_VALUE} means "at least {@code min}". */
  public static Param<Long> longInteger(String name, long defaultValue, long min, long max, String description) {
    Range range = Range.closed(min, max == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : max);
    return new Param<>(name, Kind.INTEGER, range, List.of(), "", description, Values::whole,
        Long.toString(defaultValue));
  }

  /** {@code seed}: any whole number, 1 by default. */
  public static Param<Long> seed(String description) {
    return new Param<>("seed", Kind.INTEGER, Range.all(), List.of(), "", description, Values::whole, "1");
  }

  /** A finite number within {@code range}. */
  public static Param<Double> number(String name, double defaultValue, Range range, String description) {
    return new Param<>(name, Kind.NUMBER, range, List.of(), "", description, Values::finite,
        Range.format(defaultValue));
  }

  /** A byte size in {@code [min, max]} bytes, e.g. {@code 4G}; the default is written the same way. */
  public static Param<Long> size(String name, String defaultValue, long min, long max, String description) {
    return new Param<>(name, Kind.SIZE, Range.closed(min, max), List.of(), "", description, Sizes::parse,
        defaultValue);
  }

  /** A byte size in {@code [min, max]}, or {@code auto} (the default, and the empty value) for the model's own. */
  public static Param<OptionalLong> sizeOrAuto(String name, long min, long max, String description) {
    return new Param<>(name, Kind.SIZE, Range.closed(min, max), List.of(AUTO), "", description,
        text -> text.isBlank() || text.strip().equalsIgnoreCase(AUTO) ? OptionalLong.empty()
            : OptionalLong.of(Sizes.parse(text)), AUTO);
  }

  /** A comma-separated list of whole numbers, each in {@code [min, max]}; the default is written as a list. */
  public static Param<List<Long>> integers(String name, String defaultValue, long min, long max, String description) {
    return new Param<>(name, Kind.INTEGERS, Range.closed(min, max), List.of(), "", description,
        text -> Values.list(text, Values::whole), defaultValue);
  }

  /** A comma-separated list of finite numbers, each within {@code range}. */
  public static Param<List<Double>> numbers(String name, String defaultValue, Range range, String description) {
    return new Param<>(name, Kind.NUMBERS, range, List.of(), "", description,
        text -> Values.list(text, Values::finite), defaultValue);
  }

  /** One of {@code choices}, matched without regard to case; the value is the name as declared. */
  public static Param<String> choice(String name, String defaultValue, List<String> choices, String description) {
    return new Param<>(name, Kind.CHOICE, null, choices, "", description, text -> Values.choice(text, choices),
        defaultValue);
  }

  /** {@code true} or {@code false}. */
  public static Param<Boolean> flag(String name, boolean defaultValue, String description) {
    return new Param<>(name, Kind.FLAG, null, List.of(), "", description, Values::flag,
        Boolean.toString(defaultValue));
  }

  /** Any text, taken as given. */
  public static Param<String> text(String name, String defaultValue, String description) {
    return new Param<>(name, Kind.TEXT, null, List.of(), "", description, text -> text, defaultValue);
  }

  /** The same parameter measured in {@code unit} (e.g. {@code MiB}, {@code ms}), for the front ends to show. */
  public Param<T> withUnit(String unit) {
    return new Param<>(name, kind, range, choices, unit, description, reader, defaultText);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The bounds of a number, of each number of a list, or of a size in bytes; none for the other kinds. */
  public Range range() {
    return range == null ? Range.all() : range;
  }

  /** The names a {@link Kind#CHOICE} takes, or the words a {@link Kind#SIZE} takes besides sizes. */
  public List<String> choices() {
    return choices;
  }

  /** The unit values are in, or empty. */
  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  /** The default as a person would type it. */
  public String defaultText() {
    return defaultText;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** Reads {@code text}, refusing with a message that names this parameter, the text and what is allowed. */
  public T read(String text) {
    T value;
    try {
      value = reader.apply(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw refused(text, Values.detail(e));
    }
    if (!inRange(value)) {
      throw refused(text, null);
    }
    return value;
  }

  /** What values this parameter allows, in words: {@code a whole number in [1, 64]}. */
  public String allowed() {
    return switch (kind) {
      case INTEGER -> join("a whole number", range().describe(Range::bound));
      case NUMBER -> join("a number", range().describe(Range::bound));
      case SIZE -> join("a size", range().describe(v -> Sizes.format((long) v)))
          + (choices.isEmpty() ? "" : ", or " + String.join(" or ", choices));
      case INTEGERS -> each("a comma-separated list of whole numbers", range().describe(Range::bound));
      case NUMBERS -> each("a comma-separated list of numbers", range().describe(Range::bound));
      case CHOICE -> "one of " + String.join(", ", choices);
      case FLAG -> "true or false";
      case TEXT -> "any text";
    };
  }

  /**
   * The value as it appears in a result's {@code params}: numbers as numbers, lists as lists of
   * numbers, a flag as a boolean; a size, a choice and text as the text given (trimmed), since
   * {@code 4G} and {@code auto} say more to a reader than a count of bytes.
   */
  Object json(String text, T value) {
    return switch (kind) {
      case SIZE -> value instanceof OptionalLong o && o.isEmpty() ? AUTO : text.strip();
      case TEXT -> text;
      default -> value; // a choice's value is its name as declared
    };
  }

  /**
   * This parameter for the front ends: {@code name}, {@code kind}, {@code defaultValue} (the text a
   * form shows), {@code default} (as in a result's params), {@code min}, {@code max} and {@code
   * minExclusive}/{@code maxExclusive} when bounded, {@code choices}, {@code unit}, {@code allowed}
   * (what {@link #allowed} says) and {@code description}.
   */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("kind", kind.name().toLowerCase(Locale.ROOT));
    d.put("defaultValue", defaultText);
    d.put("default", json(defaultText, defaultValue));
    Range r = range();
    boolean whole = kind == Kind.INTEGER || kind == Kind.INTEGERS || kind == Kind.SIZE;
    if (r.hasMin()) {
      d.put("min", whole ? (Object) (long) r.min() : (Object) r.min());
      d.put("minExclusive", r.minOpen());
    }
    if (r.hasMax()) {
      d.put("max", whole ? (Object) (long) r.max() : (Object) r.max());
      d.put("maxExclusive", r.maxOpen());
    }
    if (!choices.isEmpty()) {
      d.put("choices", choices);
    }
    d.put("unit", unit);
    d.put("allowed", allowed());
    d.put("description", description);
    return d;
  }

  @Override
  public String toString() {
    return name + "=" + defaultText + " (" + allowed() + ")";
  }

  private boolean inRange(T value) {
    return switch (value) {
      case Number n -> range().contains(n.doubleValue());
      case OptionalLong o -> o.isEmpty() || range().contains(o.getAsLong());
      case List<?> list -> list.stream().allMatch(x -> range().contains(((Number) x).doubleValue()));
      default -> true;
    };
  }

  private IllegalArgumentException refused(String text, String detail) {
    return new IllegalArgumentException("parameter " + name + "=" + text + ": "
        + (detail == null ? "" : detail + "; ") + "must be " + allowed());
  }

  private static String join(String what, String range) {
    return range.isEmpty() ? what : what + " " + range;
  }

  private static String each(String what, String range) {
    return range.isEmpty() ? what : what + ", each " + range;
  }

  /** How each kind's text is read. */
  private static final class Values {
    private Values() {}

    static long whole(String text) {
      return Long.parseLong(text.strip());
    }

    static double finite(String text) {
      double v = Double.parseDouble(text.strip());
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException();
      }
      return v;
    }

    static <E> List<E> list(String text, Function<String, E> element) {
      List<E> out = new ArrayList<>();
      for (String part : text.split(",", -1)) {
        out.add(element.apply(part));
      }
      return List.copyOf(out);
    }

    static String choice(String text, List<String> choices) {
      return choices.stream().filter(c -> c.equalsIgnoreCase(text.strip())).findFirst()
          .orElseThrow(IllegalArgumentException::new);
    }

    static boolean flag(String text) {
      String v = text.strip();
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException();
      }
      return Boolean.parseBoolean(v);
    }

    /** What {@link Sizes} said about bad text; number-format messages say nothing {@link #allowed} does not. */
    static String detail(RuntimeException e) {
      return e instanceof NumberFormatException || e instanceof ArithmeticException ? null : e.getMessage();
    }
  }
}
