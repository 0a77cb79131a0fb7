package io.buddykit.trace.block;

import io.buddykit.trace.TraceParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * DiskSim's ASCII traces: whitespace-separated lines {@code time devno lba sectors flags}, for
 * example {@code 12.5 0 2048 16 1}.
 *
 * <ul>
 *   <li>time is the arrival in milliseconds: a decimal number ({@code 12}, {@code 12.5}, {@code
 *       .5}, {@code 1.25e3}), finite and at least 0.
 *   <li>devno is a whole number of at least 0 (not used).
 *   <li>lba is the first 512-byte sector and sectors the count (at least 1): {@link
 *       IoRequest#offsetBytes()} is {@code lba * 512} and {@link IoRequest#sizeBytes()} {@code
 *       sectors * 512}.
 *   <li>flags is hexadecimal as DiskSim reads it ({@code %x}, an optional {@code 0x}): bit 0 set
 *       means {@link IoOp#READ}, clear {@link IoOp#WRITE} (DiskSim's {@code flags & READ}). The
 *       parity is the same whether the digits are read as hexadecimal or decimal.
 * </ul>
 *
 * Blank lines and lines whose first non-blank character is {@code #} are skipped. Anything else is
 * a {@link TraceParseException} naming the file, the line and what was expected; with {@code
 * skipBad} such lines are counted instead, and a rejected line never reaches the sink.
 */
public final class DiskSimTrace {
  /** DiskSim's sector size in bytes. */
  public static final int SECTOR_BYTES = 512;

  private static final int FIELDS = 5;

  private DiskSimTrace() {}

  /** The parser {@link BlockTraceFormat} runs over a file or stream of this format. */
  static BlockLineParser parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    return new Parser(fileName, sink, skipBad);
  }

  private static final class Parser extends BlockLineParser {
    private final List<String> fields = new ArrayList<>(FIELDS + 1);

    Parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
      super(fileName, sink, skipBad);
    }

    @Override
    IoRequest parse(String text) {
      String t = text.trim();
      if (t.isEmpty() || t.charAt(0) == '#') {
        return null;
      }
      split(t);
      if (fields.size() != FIELDS) {
        throw fail(
            "expected "
                + FIELDS
                + " whitespace-separated fields (time devno lba sectors flags), found "
                + fields.size());
      }
      double timeMs = time(fields.get(0));
      nonNegative(fields.get(1), "devno");
      long lba = nonNegative(fields.get(2), "lba");
      long sectors = positive(fields.get(3), "sectors");
      IoOp op = flags(fields.get(4));
      long offset = times(lba, SECTOR_BYTES, "lba");
      long size = times(sectors, SECTOR_BYTES, "sectors");
      return request(timeMs, offset, size, op);
    }

    /** Splits trimmed text at runs of characters up to U+0020 (as {@link String#trim}). */
    private void split(String t) {
      fields.clear();
      int n = t.length();
      int i = 0;
      while (i < n) {
        int start = i;
        while (i < n && t.charAt(i) > ' ') {
          i++;
        }
        fields.add(t.substring(start, i));
        while (i < n && t.charAt(i) <= ' ') {
          i++;
        }
      }
    }

    /** {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}, finite, at least 0. */
    private double time(String field) {
      int n = field.length();
      int i = 0;
      if (i < n && (field.charAt(i) == '+' || field.charAt(i) == '-')) {
        i++;
      }
      int intDigits = digits(field, i);
      i += intDigits;
      int fracDigits = 0;
      if (i < n && field.charAt(i) == '.') {
        i++;
        fracDigits = digits(field, i);
        i += fracDigits;
      }
      boolean ok = intDigits + fracDigits > 0;
      if (ok && i < n && (field.charAt(i) == 'e' || field.charAt(i) == 'E')) {
        i++;
        if (i < n && (field.charAt(i) == '+' || field.charAt(i) == '-')) {
          i++;
        }
        int expDigits = digits(field, i);
        i += expDigits;
        ok = expDigits > 0;
      }
      if (!ok || i != n) {
        throw fail("time " + quote(field) + " is not a decimal number");
      }
      // The text is now a plain decimal literal, which parseDouble reads without surprises.
      double value = Double.parseDouble(field);
      if (!Double.isFinite(value)) {
        throw fail("time " + quote(field) + " is out of range");
      }
      if (value < 0) {
        throw fail("time " + quote(field) + " is negative");
      }
      return value + 0.0; // -0.0 becomes 0.0
    }

    private static int digits(String s, int from) {
      int i = from;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i - from;
    }

    /** Hexadecimal flags, an optional 0x, at most 64 bits; READ when bit 0 is set. */
    private IoOp flags(String field) {
      int start = field.length() > 2 && asciiStartsWithIgnoreCase(field, "0x") ? 2 : 0;
      if (start == field.length()) {
        throw fail("flags " + quote(field) + " is not a hexadecimal number");
      }
      int significant = 0;
      int last = 0;
      for (int i = start; i < field.length(); i++) {
        int d = hexDigit(field.charAt(i));
        if (d < 0) {
          throw fail("flags " + quote(field) + " is not a hexadecimal number");
        }
        if (significant > 0 || d != 0) {
          significant++;
        }
        last = d;
      }
      if (significant > 16) {
        throw fail("flags " + quote(field) + " is out of range (more than 64 bits)");
      }
      return (last & 1) != 0 ? IoOp.READ : IoOp.WRITE;
    }
  }
}
