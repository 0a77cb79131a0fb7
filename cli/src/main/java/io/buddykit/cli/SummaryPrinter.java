package io.buddykit.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Summary values as a reader reads them: a record (a trace's or a replay's statistics) becomes one
 * row per component named {@code key.component}, nested records likewise, and arrays their
 * elements; never a Java {@code toString} such as {@code TraceStats[lines=812, …]} or {@code [J@1f}.
 */
final class SummaryPrinter {
  private SummaryPrinter() {}

  /** Adds {@code value}'s rows to the two-column table {@code t}, under {@code key}. */
  static void rows(Table t, String key, Object value) {
    if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        rows(t, key + "." + c.getName(), component(r, c));
      }
      return;
    }
    t.row(key, text(value));
  }

  /** One value's text: arrays as their elements, anything else as {@link String#valueOf}. */
  static String text(Object value) {
    return switch (value) {
      case long[] a -> Arrays.toString(a);
      case int[] a -> Arrays.toString(a);
      case double[] a -> Arrays.toString(a);
      case Object[] a -> Arrays.deepToString(a);
      case null, default -> String.valueOf(value);
    };
  }

  /** A record component's value, read through its accessor. */
  static Object component(Record r, RecordComponent c) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
    }
  }
}
