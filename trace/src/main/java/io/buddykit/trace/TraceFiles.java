package io.buddykit.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a trace file for reading, decompressing it when it is gzip (by its magic bytes, not its
 * name: recordings are kept compressed, as {@code buddykit record --out x.gz} writes them), so
 * every reader and the format sniffing accept plain and compressed files alike.
 */
public final class TraceFiles {
  private static final int GZIP_MAGIC = 0x8b1f;

  private TraceFiles() {}

  /** The file's bytes, decompressed if they are gzip; the caller closes the stream. */
  public static InputStream open(Path file) throws IOException {
    return decompressed(Files.newInputStream(file));
  }

  /** {@code raw}'s bytes, decompressed if they are gzip; closing the result closes {@code raw}. */
  public static InputStream decompressed(InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int magic = in.read() | (in.read() << 8);
    in.reset();
    return magic == GZIP_MAGIC ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
