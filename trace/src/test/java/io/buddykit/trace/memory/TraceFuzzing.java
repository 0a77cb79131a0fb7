package io.buddykit.trace.memory;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;

/**
 * The properties every reader's fuzz test checks: any bytes either parse or fail with a
 * well-formed {@link TraceParseException}, skipping bad lines never throws and its counts add up,
 * and whatever a reader delivers survives a round trip through {@link JsonlWriter}.
 */
final class TraceFuzzing {
  static final String FILE = "fuzz.trace";

  /** A reader under test, with one sink for both kinds of events. */
  interface Reader {
    TraceStats read(InputStream in, String fileName, Tee sink, boolean skipBad);
  }

  private TraceFuzzing() {}

  /**
   * Checks {@code reader} on {@code input}; any other exception escapes, and Jazzer reports it.
   * Returns the events read with bad lines skipped.
   */
  static List<String> check(Reader reader, byte[] input) {
    long lines = lineCount(input);

    Recorder all = new Recorder();
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    TraceStats stats;
    try (JsonlWriter writer = new JsonlWriter(jsonl)) {
      stats = reader.read(new ByteArrayInputStream(input), FILE, new Tee(all, writer), true);
    }
    if (stats.lines() != lines
        || stats.events() != all.events.size()
        || stats.events() + stats.skipped() + stats.bad() > lines) {
      throw new AssertionError("counts do not add up: " + stats + " for " + lines + " lines");
    }
    Recorder back = new Recorder();
    JsonlTrace.read(new ByteArrayInputStream(jsonl.toByteArray()), "back.jsonl", back, back, false);
    if (!back.events.equals(all.events)) {
      throw new AssertionError("the JSONL round trip changed " + all.events + " to " + back.events);
    }

    Recorder strict = new Recorder();
    try {
      reader.read(new ByteArrayInputStream(input), FILE, new Tee(strict, null), false);
    } catch (TraceParseException e) {
      if (!e.file().equals(FILE)
          || e.line() < 1
          || e.line() > lines
          || !e.getMessage().equals(FILE + ":" + e.line() + ": " + e.reason())) {
        throw new AssertionError("ill-formed parse error: " + e.getMessage(), e);
      }
      // Events come from lines before the bad one, and skipping bad lines saw them too.
      if (strict.events.size() >= e.line()
          || stats.bad() == 0
          || !all.events.subList(0, Math.min(strict.events.size(), all.events.size()))
              .equals(strict.events)) {
        throw new AssertionError(
            strict.events.size() + " events before an error at line " + e.line() + ", " + stats);
      }
      return all.events;
    }
    if (stats.bad() != 0 || !strict.events.equals(all.events)) {
      throw new AssertionError("strict and skipping reads differ without an error: " + stats);
    }
    return all.events;
  }

  /** Lines as the shared line reader counts them: newlines, plus an unterminated last line. */
  static long lineCount(byte[] input) {
    long n = 0;
    for (byte c : input) {
      if (c == '\n') {
        n++;
      }
    }
    return input.length > 0 && input[input.length - 1] != '\n' ? n + 1 : n;
  }

  /** Passes every event to a recorder and, if there is one, a writer. */
  static final class Tee implements PageEvents, MallocEvents {
    private final Recorder recorder;
    private final JsonlWriter writer;

    Tee(Recorder recorder, JsonlWriter writer) {
      this.recorder = recorder;
      this.writer = writer;
    }

    @Override
    public void alloc(long pfn, int order, int migratetype, int gfpFlags) {
      recorder.alloc(pfn, order, migratetype, gfpFlags);
      if (writer != null) {
        writer.alloc(pfn, order, migratetype, gfpFlags);
      }
    }

    @Override
    public void allocFailed(int order, int migratetype, int gfpFlags) {
      recorder.allocFailed(order, migratetype, gfpFlags);
      if (writer != null) {
        writer.allocFailed(order, migratetype, gfpFlags);
      }
    }

    @Override
    public void free(long pfn, int order) {
      recorder.free(pfn, order);
      if (writer != null) {
        writer.free(pfn, order);
      }
    }

    @Override
    public void malloc(long addr, long size) {
      recorder.malloc(addr, size);
      if (writer != null) {
        writer.malloc(addr, size);
      }
    }

    @Override
    public void free(long addr) {
      recorder.free(addr);
      if (writer != null) {
        writer.free(addr);
      }
    }

    @Override
    public void realloc(long oldAddr, long newAddr, long size) {
      recorder.realloc(oldAddr, newAddr, size);
      if (writer != null) {
        writer.realloc(oldAddr, newAddr, size);
      }
    }

    @Override
    public void failed(long size) {
      recorder.failed(size);
      if (writer != null) {
        writer.failed(size);
      }
    }
  }
}
