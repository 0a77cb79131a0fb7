package io.buddykit.trace;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Up to {@code count} first lines of {@code in} as text (bytes that are not UTF-8 replaced), read
   * through the one capped {@link LineReader} from at most {@link LineReader#MAX_LINE} bytes, so a
   * file without newlines costs one megabyte of reading, never its size. A line cut off by that
   * budget is left out (when the budget runs out, the last line read is). {@code in} is read ahead, not closed.
   */
  public static List<String> firstLines(InputStream in, int count) throws IOException {
    long[] left = {LineReader.MAX_LINE};
    InputStream budget = new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        if (left[0] <= 0) {
          return -1;
        }
        int c = super.read();
        left[0] -= c < 0 ? 0 : 1;
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left[0] <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left[0]));
        left[0] -= Math.max(n, 0);
        return n;
      }

      @Override
      public void close() {}
    };
    LineReader reader = new LineReader(budget, 1 << 12);
    List<String> lines = new ArrayList<>();
    while (lines.size() < count && reader.next() && !reader.overlong()) {
      lines.add(new String(reader.buffer(), reader.start(), reader.end() - reader.start(), StandardCharsets.UTF_8));
    }
    if (left[0] <= 0 && !lines.isEmpty()) {
      lines.removeLast(); // it may have been cut off by the budget
    }
    return lines;
  }
}
