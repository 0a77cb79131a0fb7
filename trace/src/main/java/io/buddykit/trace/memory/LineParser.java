package io.buddykit.trace.memory;

import io.buddykit.trace.TraceParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The line loop, the counters and the byte-level field parsers the trace readers share. A reader
 * parses the current line {@code b[p..end)} by moving {@code p}, checks everything before it calls
 * a sink (so a rejected line never half-applies), and reports what is wrong through {@link #fail},
 * which names the file and the line.
 */
abstract class LineParser {
  /** Longest text quoted in an error message. */
  private static final int QUOTE_LIMIT = 40;

  /** Largest unsigned 64-bit value divided by 10, for the overflow check. */
  private static final long U64_DIV_10 = Long.divideUnsigned(-1L, 10);

  /** Up to this many decimal digits fit in 64 unsigned bits whatever they are. */
  private static final int MAX_SAFE_DIGITS = 19;

  /** Each byte's value as a hexadecimal digit, or -1. */
  static final int[] HEX_VALUES = hexValues();

  final String fileName;
  final boolean skipBad;

  /** The current line is {@code b[p..end)}; {@code p} moves as fields are read. */
  byte[] b;

  int p;
  int end;
  long line;

  long lines;
  long events;
  long skipped;
  long bad;
  long lostEvents;

  LineParser(String fileName, boolean skipBad) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.skipBad = skipBad;
  }

  /** Parses the current line, calling a sink at most once and only after all checks. */
  abstract void parseLine();

  /** Checks at the end of the input (a reader with state across lines overrides it). */
  void finish() {}

  final TraceStats run(InputStream in) {
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
    return new TraceStats(lines, events, skipped, bad, lostEvents);
  }

  /** Throws {@code e}, or counts it when bad lines are skipped. */
  final void rejected(TraceParseException e) {
    if (!skipBad) {
      throw e;
    }
    bad++;
  }

  final TraceParseException fail(String reason) {
    return new TraceParseException(fileName, line, reason);
  }

  /** Drops trailing blanks, so "nothing follows" checks need not skip them. */
  private void trimEnd() {
    while (end > p && isBlank(b[end - 1])) {
      end--;
    }
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int[] hexValues() {
    int[] values = new int[256];
    for (int c = 0; c < 256; c++) {
      values[c] = hexDigit((byte) c);
    }
    return values;
  }

  /** The value of an ASCII hexadecimal digit, or -1. */
  static int hexDigit(byte c) {
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

  final boolean atEnd() {
    return p >= end;
  }

  final void skipBlanks() {
    if (p < end && isBlank(b[p])) {
      p = ByteScan.skipBlanks(b, p + 1, end);
    }
  }

  /** At least one blank, then any more: the separator between fields. */
  final void separator(String before) {
    if (p >= end || !isBlank(b[p])) {
      throw fail("expected a space after " + before + ", found " + rest());
    }
    skipBlanks();
  }

  /** Whether {@code literal} (ASCII) is at {@code p}; if so, {@code p} moves past it. */
  final boolean take(byte[] literal) {
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
  final void expect(byte[] literal, String where) {
    if (!take(literal)) {
      throw fail(
          "expected \"" + new String(literal, StandardCharsets.US_ASCII) + "\" " + where
              + ", found " + rest());
    }
  }

  final void expectEnd(String after) {
    if (p < end) {
      throw fail("unexpected text after " + after + ": " + rest());
    }
  }

  /** Index of the first blank at or after {@code p}, or {@code end}. */
  final int tokenEnd() {
    return ByteScan.findBlank(b, p, end);
  }

  /**
   * Unsigned decimal digits up to the next blank: the value's 64 bits (so 18446744073709551615 is
   * -1).
   */
  final long unsignedDecimal(String what) {
    return unsignedDecimal(tokenEnd(), what);
  }

  /**
   * Unsigned decimal digits from {@code p} up to {@code to}; {@code p} moves to {@code to}. Up to
   * 19 digits cannot overflow 64 bits, so the common case runs without a per-digit range check and
   * checks the digits once at the end; longer numbers take {@link #longDecimal}.
   */
  final long unsignedDecimal(int to, String what) {
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
  final int smallInt(String what, int max) {
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
  final long hexDigits(int to, String what, int from) {
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
  final long prefixedHex(String what) {
    int from = p;
    int to = tokenEnd();
    if (to - p < 2 || b[p] != '0' || (b[p + 1] != 'x' && b[p + 1] != 'X')) {
      throw fail(what + " " + quote(from, to) + " is not a 0x-prefixed hexadecimal number");
    }
    p += 2;
    return hexDigits(to, what, from);
  }

  /** The rest of the line, quoted for a message ("end of line" if nothing is left). */
  final String rest() {
    return p >= end ? "end of line" : quote(p, end);
  }

  /** {@code b[from..to)} quoted for a message, shortened and with non-printable bytes escaped. */
  final String quote(int from, int to) {
    return quote(b, from, to);
  }

  static String quote(byte[] bytes, int from, int to) {
    String s = new String(bytes, from, to - from, StandardCharsets.UTF_8);
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

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
