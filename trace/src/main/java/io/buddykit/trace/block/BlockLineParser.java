package io.buddykit.trace.block;

import io.buddykit.trace.LineParser;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The shared line loop applied to block traces: each line (ending at {@code \n}, a {@code \r}
 * before it dropped, as in every reader of the module) is decoded as UTF-8 text, parsed into at
 * most one {@link IoRequest}, and that request reaches the sink only once the line is checked.
 * A request the sink refuses with an {@link IllegalArgumentException} (checked before it applies
 * anything, say a request larger than the device) is a bad line, named by file and line number.
 * Block traces are small beside page traces, so their fields are read from Strings, which keeps the
 * formats' strict rules readable.
 *
 * <p>Numbers are ASCII digits only (no {@code +}, no underscores, no other scripts' digits), and a
 * number that does not fit a {@code long} is an error, never a {@link NumberFormatException}.
 */
abstract class BlockLineParser extends LineParser {
  private final Consumer<IoRequest> sink;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

  BlockLineParser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    super(fileName, skipBad);
    this.sink = sink;
  }

  /** The request on this line (its terminator and a leading byte order mark left out), or null. */
  abstract IoRequest parse(String text);

  @Override
  protected final void parseLine() {
    IoRequest request = parse(text());
    if (request == null) {
      skipped++;
      return;
    }
    try {
      sink.accept(request);
    } catch (IllegalArgumentException e) {
      // The sink checks a request before it applies any of it, so a refused line changed nothing.
      throw fail(e.getMessage());
    }
    events++;
  }

  /** The current line as text; bytes that are not UTF-8 make the file unreadable, not the line. */
  private String text() {
    try {
      return utf8.decode(ByteBuffer.wrap(b, p, end - p)).toString();
    } catch (CharacterCodingException e) {
      throw new UncheckedIOException(
          fileName + ": cannot read: malformed text at or after line " + line, e);
    }
  }

  /** Whether the text has nothing but whitespace and control characters (as {@link String#trim}). */
  static boolean isBlank(String text) {
    return text.trim().isEmpty();
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
