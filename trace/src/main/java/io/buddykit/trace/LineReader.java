package io.buddykit.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The lines of a byte stream, handed out in place in a reused buffer (no String, no copy), because
 * replay parses millions of lines a second. A line ends at {@code \n}; a {@code \r} before it, and
 * a UTF-8 byte order mark at the start of the first line, are left out.
 */
final class LineReader {
  /** Longest line kept; a longer one is dropped and reported through {@link #overlong()}. */
  static final int MAX_LINE = 1 << 20;

  private static final int INITIAL_CAPACITY = 1 << 18;

  private final InputStream in;
  private byte[] buf;
  private int pos; // first byte not yet handed out
  private int limit; // end of the bytes read
  private int scan; // where the search for the next newline resumes
  private boolean eof;

  private long number;
  private int start;
  private int end;
  private boolean overlong;

  LineReader(InputStream in) {
    this(in, INITIAL_CAPACITY);
  }

  LineReader(InputStream in, int initialCapacity) {
    this.in = Objects.requireNonNull(in, "in");
    this.buf = new byte[Math.max(16, Math.min(initialCapacity, MAX_LINE))];
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    boolean tooLong = false;
    while (true) {
      int nl = indexOfNewline(scan, limit);
      if (nl >= 0) {
        emit(nl, nl + 1, tooLong);
        return true;
      }
      scan = limit;
      if (eof) {
        if (pos < limit || tooLong) {
          emit(limit, limit, tooLong);
          return true;
        }
        return false;
      }
      if (limit - pos >= MAX_LINE) {
        // Keep reading to the newline, but not the line: a broken file must not exhaust memory.
        tooLong = true;
        pos = 0;
        limit = 0;
        scan = 0;
      }
      fill();
    }
  }

  private int indexOfNewline(int from, int to) {
    return ByteScan.indexOf(buf, from, to, (byte) '\n');
  }

  private void emit(int lineEnd, int next, boolean tooLong) {
    number++;
    start = pos;
    end = lineEnd;
    overlong = tooLong;
    pos = next;
    scan = next;
    if (end > start && buf[end - 1] == '\r') {
      end--;
    }
    if (number == 1) {
      skipByteOrderMark();
    }
  }

  /** Kept out of {@link #emit}, which runs a line and should stay small enough to inline. */
  private void skipByteOrderMark() {
    if (end - start >= 3
        && buf[start] == (byte) 0xEF
        && buf[start + 1] == (byte) 0xBB
        && buf[start + 2] == (byte) 0xBF) {
      start += 3;
    }
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      scan -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** The buffer holding the current line; valid until the next call of {@link #next()}. */
  byte[] buffer() {
    return buf;
  }

  /** Index of the current line's first byte in {@link #buffer()}. */
  int start() {
    return start;
  }

  /** Index just past the current line's last byte (its terminator left out). */
  int end() {
    return end;
  }

  /** The 1-based number of the current line. */
  long number() {
    return number;
  }

  /** Whether the current line was longer than {@link #MAX_LINE} bytes (its text is not kept). */
  boolean overlong() {
    return overlong;
  }
}
