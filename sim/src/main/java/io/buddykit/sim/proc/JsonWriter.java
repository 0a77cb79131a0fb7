package io.buddykit.sim.proc;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the snapshot trees: maps (written in their iteration order, so a
 * LinkedHashMap gives a fixed key order), lists, {@code long[]} and {@code int[]}, numbers,
 * strings, booleans and null. Compact output, no whitespace. The sim module has no JSON library
 * and needs none for writing.
 */
final class JsonWriter {
  private JsonWriter() {}

  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object value) {
    switch (value) {
      case null -> b.append("null");
      case String s -> string(b, s);
      case Boolean v -> b.append(v);
      case Long v -> b.append(v);
      case Integer v -> b.append(v);
      case Double v -> {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("JSON has no " + v);
        }
        b.append(v);
      }
      case long[] a -> {
        b.append('[');
        for (int i = 0; i < a.length; i++) {
          b.append(i == 0 ? "" : ",").append(a[i]);
        }
        b.append(']');
      }
      case int[] a -> {
        b.append('[');
        for (int i = 0; i < a.length; i++) {
          b.append(i == 0 ? "" : ",").append(a[i]);
        }
        b.append(']');
      }
      case List<?> list -> {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
          b.append(i == 0 ? "" : ",");
          write(b, list.get(i));
        }
        b.append(']');
      }
      case Map<?, ?> map -> {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          b.append(first ? "" : ",");
          first = false;
          string(b, (String) e.getKey());
          b.append(':');
          write(b, e.getValue());
        }
        b.append('}');
      }
      default ->
          throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
