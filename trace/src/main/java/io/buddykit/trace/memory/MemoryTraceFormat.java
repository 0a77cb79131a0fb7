package io.buddykit.trace.memory;

import io.buddykit.trace.TraceFiles;
import io.buddykit.trace.TraceFormat;
import io.buddykit.trace.TraceStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The formats of page and heap traces, which the simulator replays, by their names; {@link
 * #detect} tells them apart from a trace's first lines.
 */
public enum MemoryTraceFormat implements TraceFormat {
  /** Linux ftrace text of kmem:mm_page_* events: {@link FtraceReader}. */
  FTRACE,
  /** glibc's mtrace(3) log: {@link MtraceReader}. */
  MTRACE,
  /** The project's JSON lines: {@link JsonlTrace}. */
  JSONL;

  /** Lines {@link #detect(InputStream, String)} looks at. */
  static final int SNIFF_LINES = 32;

  @Override
  public String toString() {
    return cliName();
  }

  /**
   * The format called {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the known formats, for any other name
   */
  public static MemoryTraceFormat parse(String name) {
    return TraceFormat.named(values(), name);
  }

  /**
   * The format of a trace starting with {@code firstLines}: decided by the first line that exactly
   * one format's reader accepts on its own (blank lines, and lines more than one accepts, are
   * passed over), or empty if no line decides it.
   */
  public static Optional<MemoryTraceFormat> detect(List<String> firstLines) {
    Objects.requireNonNull(firstLines, "firstLines");
    for (String line : firstLines) {
      boolean ftrace = FtraceReader.accepts(line);
      boolean mtrace = MtraceReader.accepts(line);
      boolean jsonl = JsonlTrace.accepts(line);
      int count = (ftrace ? 1 : 0) + (mtrace ? 1 : 0) + (jsonl ? 1 : 0);
      if (count == 1) {
        return Optional.of(ftrace ? FTRACE : mtrace ? MTRACE : JSONL);
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #detect(List)} on the first lines of {@code file}, as {@link #detect(InputStream,
   * String)} reads them.
   *
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static Optional<MemoryTraceFormat> detect(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = TraceFiles.open(file)) {
      return detect(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e, e);
    }
  }

  /**
   * {@link #detect(List)} on the first {@value #SNIFF_LINES} lines of {@code in} (bytes that are
   * not UTF-8 are replaced, not an error), read by {@link TraceFiles#firstLines}, whose cap on a
   * line's length keeps a file without newlines from exhausting the heap; {@code in} is read
   * ahead, not closed.
   *
   * @param fileName the name used in error messages
   * @throws UncheckedIOException naming the file if reading fails
   */
  public static Optional<MemoryTraceFormat> detect(InputStream in, String fileName) {
    try {
      return detect(TraceFiles.firstLines(in, SNIFF_LINES));
    } catch (IOException e) {
      throw new UncheckedIOException(fileName + ": cannot read: " + e, e);
    }
  }

  /**
   * Reads {@code file} in this format with its reader.
   *
   * @param pages the page-event sink; required for {@link #FTRACE}, optional (null skips) for
   *     {@link #JSONL}, unused for {@link #MTRACE}
   * @param mallocs the heap-event sink; required for {@link #MTRACE}, optional for {@link #JSONL},
   *     unused for {@link #FTRACE}
   * @throws IllegalArgumentException if the sink this format needs is null
   */
  public TraceStats read(Path file, PageEvents pages, MallocEvents mallocs, boolean skipBad) {
    return switch (this) {
      case FTRACE -> FtraceReader.read(file, required(pages, "page"), skipBad);
      case MTRACE -> MtraceReader.read(file, required(mallocs, "heap"), skipBad);
      case JSONL -> JsonlTrace.read(file, pages, mallocs, skipBad);
    };
  }

  private <T> T required(T sink, String kind) {
    if (sink == null) {
      throw new IllegalArgumentException(
          "an " + cliName() + " trace has " + kind + " events: give a sink for them");
    }
    return sink;
  }
}
