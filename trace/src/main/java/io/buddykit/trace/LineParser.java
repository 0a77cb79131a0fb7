package io.buddykit.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The line loop, the counters and the byte-level field parsers every trace reader shares, page,
 * heap and block traces alike. A reader parses the current line {@code b[p..end)} in place (no
 * String, no copy) by moving {@code p}, checks everything before it calls a sink (so a rejected
 * line never half-applies), and reports what is wrong through {@link #fail}, which names the file
 * and the line; with {@code skipBad} the loop counts such lines instead of throwing.
 *
 * <p>Public only so that the readers in the subpackages can extend it: apart from {@code run},
 * its members are protected.
 */
public abstract class LineParser {
  /** Longest text quoted in an error message. */
  private static final int QUOTE_LIMIT = 40;

  /** Largest unsigned 64-bit value divided by 10, for the overflow check. */
  private static final long U64_DIV_10 = Long.divideUnsigned(-1L, 10);

  /** Up to this many decimal digits fit in 64 unsigned bits whatever they are. */
  private static final int MAX_SAFE_DIGITS = 19;

  /** Each byte's value as a hexadecimal digit, or -1. */
  protected static final int[] HEX_VALUES = hexValues();

  protected final String fileName;
  protected final boolean skipBad;

  /** The current line is {@code b[p..end)}; {@code p} moves as fields are read. */
  protected byte[] b;

  protected int p;
  protected int end;

  /** The 1-based number of the current line. */
  protected long line;

  /** The counters of {@link TraceStats}; a reader counts its events, skipped and lost ones. */
  protected long lines;

  protected long events;
  protected long skipped;
  protected long bad;
  protected long lostEvents;

  /** Records dropped as the second record of one event ({@link TraceStats#duplicateFrees()}). */
  protected long duplicateFrees;

  /** Unknown flag names and how many records carried each ({@link TraceStats#unknownGfpFlags()}). */
  protected final Map<String, Long> unknownGfpFlags = new TreeMap<>();

  protected LineParser(String fileName, boolean skipBad) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.skipBad = skipBad;
  }

  /** Parses the current line, calling a sink at most once and only after all checks. */
  protected abstract void parseLine();

  /** Checks at the end of the input (a reader with state across lines overrides it). */
  protected void finish() {}

  /**
   * Reads {@code file} to its end; the parser's file name should be the file's {@link
   * Path#toString()}.
   *
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException naming the file if it cannot be opened or read
   */
  public final TraceStats run(Path file) {
    try (InputStream in = TraceFiles.open(file)) {
      return run(in);
    } catch (IOException e) {
      throw new UncheckedIOException(fileName + ": cannot read: " + e, e);
    }
  }

  /**
   * Reads {@code in} to its end (not closing it).
   *
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException naming the file and the line if reading fails
   */
  public final TraceStats run(InputStream in) {
    LineReader reader = new LineReader(in);
    try {
      while (reader.next()) {
        lines++;
        line = reader.number();
        b = reader.buffer();
        p = reader.start();
        end = reader.end();
        try {
          if (reader.overlong()) {
            throw fail("line is longer than " + LineReader.MAX_LINE + " bytes");
          }
          trimEnd();
          parseLine();
        } catch (TraceParseException e) {
          rejected(e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(fileName + ": cannot read line " + (line + 1) + ": " + e, e);
    }
    try {
      finish();
    } catch (TraceParseException e) {
      rejected(e);
    }
    return new TraceStats(lines, events, skipped, bad, lostEvents, duplicateFrees, unknownGfpFlags);
  }

  /** Throws {@code e}, or counts it when bad lines are skipped. */
  protected final void rejected(TraceParseException e) {
    if (!skipBad) {
      throw e;
    }
    bad++;
  }

  /** The error for the current line; the caller throws it. */
  protected final TraceParseException fail(String reason) {
    return new TraceParseException(fileName, line, reason);
  }

  /** Drops trailing blanks, so "nothing follows" checks need not skip them. */
  private void trimEnd() {
    while (end > p && isBlank(b[end - 1])) {
      end--;
    }
  }

  protected static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  protected static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int[] hexValues() {
    int[] values = new int[256];
    for (int c = 0; c < 256; c++) {
      values[c] = hexDigit((byte) c);
    }
    return values;
  }

  /** The value of an ASCII hexadecimal digit (a byte or a char), or -1. */
  protected static int hexDigit(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  protected final boolean atEnd() {
    return p >= end;
  }

  protected final void skipBlanks() {
    if (p < end && isBlank(b[p])) {
      p = ByteScan.skipBlanks(b, p + 1, end);
    }
  }

  /** At least one blank, then any more: the separator between fields. */
  protected final void separator(String before) {
    if (p >= end || !isBlank(b[p])) {
      throw fail("expected a space after " + before + ", found " + rest());
    }
    skipBlanks();
  }

  /** Whether {@code literal} (ASCII) is at {@code p}; if so, {@code p} moves past it. */
  protected final boolean take(byte[] literal) {
    int n = literal.length;
    if (end - p < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != literal[i]) {
        return false;
      }
    }
    p += n;
    return true;
  }

  /** Takes {@code literal} or fails saying what was expected where. */
  protected final void expect(byte[] literal, String where) {
    if (!take(literal)) {
      throw fail(
          "expected \"" + new String(literal, StandardCharsets.US_ASCII) + "\" " + where
              + ", found " + rest());
    }
  }

  protected final void expectEnd(String after) {
    if (p < end) {
      throw fail("unexpected text after " + after + ": " + rest());
    }
  }

  /** Index of the first blank at or after {@code p}, or {@code end}. */
  protected final int tokenEnd() {
    return ByteScan.findBlank(b, p, end);
  }

  /**
   * Unsigned decimal digits up to the next blank: the value's 64 bits (so 18446744073709551615 is
   * -1).
   */
  protected final long unsignedDecimal(String what) {
    return unsignedDecimal(tokenEnd(), what);
  }

  /**
   * Unsigned decimal digits from {@code p} up to {@code to}; {@code p} moves to {@code to}. Up to
   * 19 digits cannot overflow 64 bits, so the common case runs without a per-digit range check and
   * checks the digits once at the end; longer numbers take {@link #longDecimal}.
   */
  protected final long unsignedDecimal(int to, String what) {
    int n = to - p;
    if (n == 0) {
      throw fail(what + " is missing");
    }
    if (n > MAX_SAFE_DIGITS) {
      return longDecimal(to, what);
    }
    long value = 0;
    int invalid = 0;
    for (int i = p; i < to; i++) {
      int d = b[i] - '0';
      invalid |= d | (9 - d); // negative if d is not 0..9
      value = value * 10 + d;
    }
    if (invalid < 0) {
      throw fail(what + " " + quote(p, to) + " is not a decimal number");
    }
    p = to;
    return value;
  }

  /** Decimal digits that may overflow: checked digit by digit, the first problem reported. */
  private long longDecimal(int to, String what) {
    long value = 0;
    for (int i = p; i < to; i++) {
      byte c = b[i];
      if (!isDigit(c)) {
        throw fail(what + " " + quote(p, to) + " is not a decimal number");
      }
      int d = c - '0';
      if (Long.compareUnsigned(value, U64_DIV_10) > 0
          || (value == U64_DIV_10 && d > 5)) {
        throw fail(what + " " + quote(p, to) + " is out of range (more than 64 bits)");
      }
      value = value * 10 + d;
    }
    p = to;
    return value;
  }

  /** A decimal int from 0 to {@code max}; a leading minus is read so the message can say so. */
  protected final int smallInt(String what, int max) {
    int from = p;
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    long value = unsignedDecimal(what);
    if (negative) {
      throw fail(what + " " + quote(from, p) + " is negative");
    }
    if (Long.compareUnsigned(value, max) > 0) {
      throw fail(what + " " + quote(from, p) + " is out of range (0.." + max + ")");
    }
    return (int) value;
  }

  /**
   * 1 to 16 hexadecimal digits from {@code p} up to {@code to} (no prefix): the 64 bits. Digits
   * are looked up in a table and checked once after the loop, so the loop has no branch a digit.
   */
  protected final long hexDigits(int to, String what, int from) {
    if (to == p) {
      throw fail(what + " " + quote(from, to) + " has no hexadecimal digits");
    }
    long value = 0;
    int invalid = 0;
    for (int i = p; i < to; i++) {
      int d = HEX_VALUES[b[i] & 0xff];
      invalid |= d;
      value = (value << 4) | (d & 0xf);
    }
    if (invalid < 0) {
      throw fail(what + " " + quote(from, to) + " is not a hexadecimal number");
    }
    if (to - p > 16 && significantHexDigits(to) > 16) {
      throw fail(what + " " + quote(from, to) + " is out of range (more than 64 bits)");
    }
    p = to;
    return value;
  }

  /** The hexadecimal digits in {@code b[p..to)} after leading zeros. */
  private int significantHexDigits(int to) {
    int i = p;
    while (i < to && b[i] == '0') {
      i++;
    }
    return to - i;
  }

  /** {@code 0x} and hexadecimal digits up to the next blank: the value's 64 bits. */
  protected final long prefixedHex(String what) {
    int from = p;
    int to = tokenEnd();
    if (to - p < 2 || b[p] != '0' || (b[p + 1] != 'x' && b[p + 1] != 'X')) {
      throw fail(what + " " + quote(from, to) + " is not a 0x-prefixed hexadecimal number");
    }
    p += 2;
    return hexDigits(to, what, from);
  }

  /** The rest of the line, quoted for a message ("end of line" if nothing is left). */
  protected final String rest() {
    return p >= end ? "end of line" : quote(p, end);
  }

  /** {@code b[from..to)} quoted for a message, shortened and with non-printable bytes escaped. */
  protected final String quote(int from, int to) {
    return quote(b, from, to);
  }

  protected static String quote(byte[] bytes, int from, int to) {
    return quote(new String(bytes, from, to - from, StandardCharsets.UTF_8));
  }

  /** {@code s} quoted for a message, shortened and with non-printable characters escaped. */
  protected static String quote(String s) {
    StringBuilder q = new StringBuilder(Math.min(s.length(), QUOTE_LIMIT) + 8).append('"');
    int n = Math.min(s.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        q.append(c);
      } else {
        q.append(String.format("\\u%04x", (int) c));
      }
    }
    if (s.length() > QUOTE_LIMIT) {
      q.append("...");
    }
    return q.append('"').toString();
  }

  protected static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
