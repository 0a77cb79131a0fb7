package io.buddykit.trace.block;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The property both fuzz tests check: any text parses or fails with a well-formed error. */
final class TraceFuzzing {
  static final String FILE = "fuzz.trace";

  /** A block reader under test. */
  interface Reader {
    TraceStats read(InputStream in, String fileName, Consumer<IoRequest> sink, boolean skipBad);
  }

  private TraceFuzzing() {}

  /**
   * Parses {@code input} (as UTF-8, malformed bytes replaced) with {@code reader}. Returns normally
   * if it parses or throws a {@link TraceParseException} that names {@link #FILE} and a line of the
   * input; any other exception escapes, and Jazzer reports it.
   */
  static List<IoRequest> check(Reader reader, byte[] input) {
    byte[] text = new String(input, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    long lines = lineCount(text);
    List<IoRequest> out = new ArrayList<>();
    try {
      reader.read(new ByteArrayInputStream(text), FILE, out::add, false);
    } catch (TraceParseException e) {
      if (!e.file().equals(FILE)
          || e.line() < 1
          || e.line() > lines
          || !e.getMessage().equals(FILE + ":" + e.line() + ": " + e.reason())) {
        throw new AssertionError("ill-formed parse error: " + e.getMessage(), e);
      }
      // Each request comes from its own line, before the bad one.
      if (out.size() >= e.line()) {
        throw new AssertionError(out.size() + " requests before an error at line " + e.line());
      }
      return out;
    }
    if (out.size() > lines) {
      throw new AssertionError(out.size() + " requests from " + lines + " lines");
    }
    return out;
  }

  /** Lines as the shared line reader counts them: newlines, plus an unterminated last line. */
  private static long lineCount(byte[] input) {
    long n = 0;
    for (byte c : input) {
      if (c == '\n') {
        n++;
      }
    }
    return input.length > 0 && input[input.length - 1] != '\n' ? n + 1 : n;
  }
}
