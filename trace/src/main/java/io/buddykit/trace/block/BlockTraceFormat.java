package io.buddykit.trace.block;

import io.buddykit.trace.TraceFormat;
import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
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

  private BlockLineParser parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    Objects.requireNonNull(sink, "sink");
    return switch (this) {
      case MSR -> MsrTrace.parser(fileName, sink, skipBad);
      case DISKSIM -> DiskSimTrace.parser(fileName, sink, skipBad);
    };
  }
}
