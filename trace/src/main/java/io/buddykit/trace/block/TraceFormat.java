package io.buddykit.trace.block;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/** A block-trace format: a text file of host requests, one a line. */
public interface TraceFormat {

  /** The format's name: {@code "msr"} or {@code "disksim"}. */
  String name();

  /**
   * Reads every request of the trace in order, calling {@code sink} for each as soon as its line
   * is parsed.
   *
   * @param in the trace text (UTF-8); read to the end (or to the first error), not closed
   * @param fileName the name used in error messages
   * @throws TraceParseException naming {@code fileName} and the line, on the first malformed line
   *     (the requests before it have been passed to {@code sink})
   * @throws UncheckedIOException naming {@code fileName} if reading fails or a line is not UTF-8
   */
  TraceStats read(InputStream in, String fileName, Consumer<IoRequest> sink);

  /**
   * The format called {@code name} (ignoring case): {@code "msr"} is {@link MsrTrace}, {@code
   * "disksim"} is {@link DiskSimTrace}.
   *
   * @throws IllegalArgumentException for any other name
   */
  static TraceFormat named(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case MsrTrace.NAME -> new MsrTrace();
      case DiskSimTrace.NAME -> new DiskSimTrace();
      default ->
          throw new IllegalArgumentException(
              "unknown trace format \"" + name + "\" (known: msr, disksim)");
    };
  }

  /**
   * Reads the trace in {@code file} (UTF-8) in {@code format}; error messages name the file as
   * {@link Path#toString()} gives it.
   *
   * @throws TraceParseException on the first malformed line
   * @throws UncheckedIOException naming the file if it cannot be opened or read (including bytes
   *     that are not UTF-8)
   */
  static TraceStats read(Path file, TraceFormat format, Consumer<IoRequest> sink) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sink, "sink");
    String fileName = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return format.read(in, fileName, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(fileName + ": cannot read: " + e, e);
    }
  }
}
