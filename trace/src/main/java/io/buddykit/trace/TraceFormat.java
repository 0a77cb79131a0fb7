package io.buddykit.trace;

import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A trace file format, known by the name the command line gives it. Each family of traces is one
 * enum of its formats: {@link io.buddykit.trace.memory.MemoryTraceFormat} for page and heap events
 * (ftrace, mtrace, JSON lines) and {@link io.buddykit.trace.block.BlockTraceFormat} for block
 * requests (MSR, DiskSim). A constant reads a file with its format's reader, delivering each event
 * to a sink and returning the {@link TraceStats}.
 */
public interface TraceFormat {

  /** The name on the command line: the constant's name in lowercase, e.g. {@code ftrace} or {@code msr}. */
  default String cliName() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /**
   * The one of {@code formats} called {@code name}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the known formats, for any other name
   */
  static <F extends TraceFormat> F named(F[] formats, String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.strip().toLowerCase(Locale.ROOT);
    StringJoiner known = new StringJoiner(", ");
    for (F f : formats) {
      if (f.cliName().equals(lower)) {
        return f;
      }
      known.add(f.cliName());
    }
    throw new IllegalArgumentException(
        "unknown trace format \"" + name + "\" (known: " + known + ")");
  }
}
