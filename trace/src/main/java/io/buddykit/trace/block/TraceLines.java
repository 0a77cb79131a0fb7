package io.buddykit.trace.block;

import io.buddykit.trace.TraceParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Objects;

/**
 * The line loop and the strict field parsers the formats share. A parser reads one line at a time
 * and reports what is wrong through {@link #fail}, which names the file and the current line.
 *
 * <p>Numbers are ASCII digits only (no {@code +}, no underscores, no other scripts' digits), and a
 * number that does not fit a {@code long} is an error, never a {@link NumberFormatException}.
 */
abstract class TraceLines {
  /** Longest field text quoted in an error message. */
  private static final int QUOTE_LIMIT = 40;

  private final String fileName;
  private long lineNumber;

  TraceLines(String fileName) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
  }

  /** Parses one line (without its terminator); {@link #lineNumber()} is its number. */
  abstract void line(String text);

  /** Calls {@link #line} for every line of {@code in}. */
  final void run(BufferedReader in) {
    Objects.requireNonNull(in, "in");
    String text;
    while ((text = next(in)) != null) {
      line(text);
    }
  }

  private String next(BufferedReader in) {
    try {
      String text = in.readLine();
      if (text != null) {
        lineNumber++;
      }
      return text;
    } catch (CharacterCodingException e) {
      // The decoder reads ahead, so the bad bytes are on this line or a later one.
      throw new UncheckedIOException(
          fileName + ": cannot read: malformed text at or after line " + (lineNumber + 1), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          fileName + ": cannot read line " + (lineNumber + 1) + ": " + e, e);
    }
  }

  final long lineNumber() {
    return lineNumber;
  }

  final TraceParseException fail(String reason) {
    return new TraceParseException(fileName, lineNumber, reason);
  }

  /** Whether the text has nothing but whitespace and control characters (as {@link String#trim}). */
  static boolean isBlank(String text) {
    return text.trim().isEmpty();
  }

  /** The field quoted for a message, shortened and with non-printable characters escaped. */
  static String quote(String field) {
    StringBuilder b = new StringBuilder(Math.min(field.length(), QUOTE_LIMIT) + 8).append('"');
    int n = Math.min(field.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = field.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    if (field.length() > QUOTE_LIMIT) {
      b.append("...");
    }
    return b.append('"').toString();
  }

  /**
   * A whole number of at least 0: {@code -?[0-9]+} that fits a {@code long} and is not negative.
   *
   * @param what the field's name for the message, e.g. "offset"
   */
  final long nonNegative(String field, String what) {
    int n = field.length();
    boolean negative = n > 0 && field.charAt(0) == '-';
    int start = negative ? 1 : 0;
    if (start == n) {
      throw fail(what + " " + quote(field) + " is not a whole number");
    }
    long value = 0;
    for (int i = start; i < n; i++) {
      char c = field.charAt(i);
      if (c < '0' || c > '9') {
        throw fail(what + " " + quote(field) + " is not a whole number");
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw fail(
            what
                + " "
                + quote(field)
                + (negative ? " is negative" : " is out of range (more than " + Long.MAX_VALUE + ")"));
      }
      value = value * 10 + digit;
    }
    if (negative && value != 0) {
      throw fail(what + " " + quote(field) + " is negative");
    }
    return value;
  }

  /** A whole number of at least 1. */
  final long positive(String field, String what) {
    long value = nonNegative(field, what);
    if (value == 0) {
      throw fail(what + " is 0");
    }
    return value;
  }

  /** {@code value * factor} for an exact byte count, or an error if it does not fit a long. */
  final long times(long value, long factor, String what) {
    if (value > Long.MAX_VALUE / factor) {
      throw fail(what + " " + value + " * " + factor + " overflows a long");
    }
    return value * factor;
  }

  /** The request, checking that its range ends within a long. */
  final IoRequest request(double timeMs, long offsetBytes, long sizeBytes, IoOp op) {
    if (offsetBytes > Long.MAX_VALUE - sizeBytes) {
      throw fail(
          "request end (offset "
              + offsetBytes
              + " + size "
              + sizeBytes
              + " bytes) overflows a long");
    }
    return new IoRequest(timeMs, offsetBytes, sizeBytes, op);
  }

  /** Whether {@code text} equals the lowercase ASCII {@code lower}, ignoring ASCII case only. */
  static boolean asciiEqualsIgnoreCase(String text, String lower) {
    if (text.length() != lower.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} starts with the lowercase ASCII {@code lower}, ignoring ASCII case. */
  static boolean asciiStartsWithIgnoreCase(String text, String lower) {
    return text.length() >= lower.length()
        && asciiEqualsIgnoreCase(text.substring(0, lower.length()), lower);
  }
}
