package io.buddykit.trace.block;

import io.buddykit.trace.TraceFiles;
import io.buddykit.trace.TraceFormat;
import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The formats of block traces (text files of host requests, one a line), by their names. */
public enum BlockTraceFormat implements TraceFormat {
  /** MSR Cambridge's CSV: {@link MsrTrace}. */
  MSR,
  /** DiskSim's ASCII traces: {@link DiskSimTrace}. */
  DISKSIM;

  @Override
  public String toString() {
    return cliName();
  }

  /**
   * The format called {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the known formats, for any other name
   */
  public static BlockTraceFormat parse(String name) {
    return TraceFormat.named(values(), name);
  }

  /**
   * Reads every request of {@code file} (UTF-8) in order with this format's reader, calling {@code
   * sink} for each as soon as its line is parsed; error messages name the file as {@link
   * Path#toString()} gives it.
   *
   * @throws TraceParseException on the first malformed line, unless {@code skipBad} (the requests
   *     before it have been passed to {@code sink})
   * @throws UncheckedIOException naming the file if it cannot be opened or read (including bytes
   *     that are not UTF-8)
   */
  public TraceStats read(Path file, Consumer<IoRequest> sink, boolean skipBad) {
    Objects.requireNonNull(file, "file");
    return parser(file.toString(), sink, skipBad).run(file);
  }

  /**
   * Reads {@code in} (UTF-8) to its end (not closing it), calling {@code sink} as each line is
   * parsed; {@code fileName} is the name used in error messages.
   *
   * @throws TraceParseException on the first malformed line, unless {@code skipBad}
   * @throws UncheckedIOException if reading fails or a line is not UTF-8
   */
  public TraceStats read(InputStream in, String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    Objects.requireNonNull(in, "in");
    return parser(fileName, sink, skipBad).run(in);
  }

  /** Lines {@link #detect(Path)} reads. */
  static final int SNIFF_LINES = 32;

  /**
   * The format of a trace starting with {@code firstLines}: the one format whose reader takes every
   * one of those lines and finds at least one request in them, or empty if none or both do. The
   * two cannot both take a line with a request (MSR's has 7 comma-separated fields and no blank,
   * DiskSim's 5 fields separated by blanks), so a block trace is told by its first request.
   */
  public static Optional<BlockTraceFormat> detect(List<String> firstLines) {
    Objects.requireNonNull(firstLines, "firstLines");
    byte[] text = String.join("\n", firstLines).getBytes(StandardCharsets.UTF_8);
    List<BlockTraceFormat> taking = new ArrayList<>();
    for (BlockTraceFormat f : values()) {
      try {
        if (f.read(new ByteArrayInputStream(text), "", r -> { }, false).events() > 0) {
          taking.add(f);
        }
      } catch (TraceParseException | UncheckedIOException notThisFormat) {
        // a line this format's reader refuses: not this format
      }
    }
    return taking.size() == 1 ? Optional.of(taking.get(0)) : Optional.empty();
  }

  /**
   * {@link #detect(List)} on the first {@value #SNIFF_LINES} lines of {@code file} (decompressed
   * as {@link TraceFiles#open} does).
   *
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static Optional<BlockTraceFormat> detect(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = TraceFiles.open(file)) {
      return detect(TraceFiles.firstLines(in, SNIFF_LINES));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e, e);
    }
  }

  private BlockLineParser parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    Objects.requireNonNull(sink, "sink");
    return switch (this) {
      case MSR -> MsrTrace.parser(fileName, sink, skipBad);
      case DISKSIM -> DiskSimTrace.parser(fileName, sink, skipBad);
    };
  }
}
