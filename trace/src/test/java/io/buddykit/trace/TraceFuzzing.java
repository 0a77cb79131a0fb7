package io.buddykit.trace;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The properties every reader's fuzz test checks, page, heap and block readers alike: any bytes
 * either parse or fail with a well-formed {@link TraceParseException}; skipping bad lines never
 * throws and its counts add up; and the strict read delivers what the skipping one does, up to its
 * first bad line, or everything when there is none.
 */
public final class TraceFuzzing {
  public static final String FILE = "fuzz.trace";

  /**
   * A reader under test. It passes each event it delivers to {@code events}, in a form the test
   * can compare (a request, or an event written down as text).
   */
  @FunctionalInterface
  public interface Reader<E> {
    TraceStats read(InputStream in, String fileName, Consumer<E> events, boolean skipBad);
  }

  private TraceFuzzing() {}

  /**
   * Checks {@code reader} on {@code input}; any other exception escapes, and Jazzer reports it.
   * Returns the events read with bad lines skipped.
   */
  public static <E> List<E> check(Reader<E> reader, byte[] input) {
    long lines = lineCount(input);
    List<E> all = new ArrayList<>();
    TraceStats stats = reader.read(new ByteArrayInputStream(input), FILE, all::add, true);
    if (stats.lines() != lines
        || stats.events() != all.size()
        || stats.events() + stats.skipped() + stats.bad() > lines) {
      throw new AssertionError("counts do not add up: " + stats + " for " + lines + " lines");
    }
    List<E> strict = new ArrayList<>();
    try {
      reader.read(new ByteArrayInputStream(input), FILE, strict::add, false);
    } catch (TraceParseException e) {
      if (!e.file().equals(FILE)
          || e.line() < 1
          || e.line() > lines
          || !e.getMessage().equals(FILE + ":" + e.line() + ": " + e.reason())) {
        throw new AssertionError("ill-formed parse error: " + e.getMessage(), e);
      }
      // Events come from lines before the bad one, and skipping bad lines saw them too.
      if (strict.size() >= e.line()
          || stats.bad() == 0
          || !all.subList(0, Math.min(strict.size(), all.size())).equals(strict)) {
        throw new AssertionError(
            strict.size() + " events before an error at line " + e.line() + ", " + stats);
      }
      return all;
    }
    if (stats.bad() != 0 || !strict.equals(all)) {
      throw new AssertionError("strict and skipping reads differ without an error: " + stats);
    }
    return all;
  }

  /**
   * {@code input} decoded as UTF-8 (malformed bytes replaced) and encoded again, for the block
   * readers, which take bytes that are not UTF-8 for an unreadable file rather than a bad line.
   */
  public static byte[] asUtf8(byte[] input) {
    return new String(input, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
  }

  /** Lines as {@link LineReader} counts them: newlines, plus an unterminated last line. */
  public static long lineCount(byte[] input) {
    long n = 0;
    for (byte c : input) {
      if (c == '\n') {
        n++;
      }
    }
    return input.length > 0 && input[input.length - 1] != '\n' ? n + 1 : n;
  }
}
