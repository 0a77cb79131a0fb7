package io.buddykit.trace.block;

import io.buddykit.trace.TraceParseException;
import java.util.function.Consumer;

/**
 * The MSR Cambridge block traces (SNIA IOTTA): comma-separated lines {@code
 * Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime}, for example {@code
 * 128166372003061629,wdev,0,Write,3716632576,4096,2767}.
 *
 * <ul>
 *   <li>Timestamp is a Windows filetime (100 ns ticks); a request's {@link IoRequest#timeMs()} is
 *       its timestamp minus the first record's, in milliseconds (the first record is at 0.0; a
 *       record stamped before the first gets a negative time).
 *   <li>Type is {@code Read} or {@code Write}, ignoring (ASCII) case.
 *   <li>Offset and Size are in bytes; the size must be positive.
 *   <li>Hostname must not be empty; DiskNumber and ResponseTime must be whole numbers of at least 0
 *       (their values are not used).
 * </ul>
 *
 * Whitespace around fields is ignored; blank lines are skipped, and so is a header line starting
 * with {@code Timestamp} before the first record. Anything else is a {@link TraceParseException}
 * naming the file, the line and what was expected; with {@code skipBad} such lines are counted
 * instead, and a rejected line never reaches the sink.
 */
public final class MsrTrace {
  /** Windows filetime ticks (100 ns) per millisecond. */
  static final double TICKS_PER_MS = 10_000.0;

  private static final int FIELDS = 7;

  private MsrTrace() {}

  /** The parser {@link BlockTraceFormat} runs over a file or stream of this format. */
  static BlockLineParser parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
    return new Parser(fileName, sink, skipBad);
  }

  private static final class Parser extends BlockLineParser {
    private boolean seenRecord;
    private long firstTimestamp;

    Parser(String fileName, Consumer<IoRequest> sink, boolean skipBad) {
      super(fileName, sink, skipBad);
    }

    @Override
    IoRequest parse(String text) {
      if (isBlank(text)) {
        return null;
      }
      if (asciiStartsWithIgnoreCase(text.trim(), "timestamp")) {
        if (seenRecord) {
          throw fail("header line after the first record");
        }
        return null;
      }
      String[] f = text.split(",", -1);
      if (f.length != FIELDS) {
        throw fail(
            "expected "
                + FIELDS
                + " comma-separated fields"
                + " (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime), found "
                + f.length);
      }
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].trim();
      }
      long timestamp = nonNegative(f[0], "timestamp");
      if (f[1].isEmpty()) {
        throw fail("hostname is empty");
      }
      nonNegative(f[2], "disk number");
      IoOp op;
      if (asciiEqualsIgnoreCase(f[3], "read")) {
        op = IoOp.READ;
      } else if (asciiEqualsIgnoreCase(f[3], "write")) {
        op = IoOp.WRITE;
      } else {
        throw fail("type " + quote(f[3]) + " is neither Read nor Write");
      }
      long offset = nonNegative(f[4], "offset");
      long size = positive(f[5], "size");
      nonNegative(f[6], "response time");
      long first = seenRecord ? firstTimestamp : timestamp;
      // Both are at least 0, so the difference cannot overflow.
      IoRequest request = request((timestamp - first) / TICKS_PER_MS, offset, size, op);
      // Only a record that is read in full becomes the first (a skipped bad one must not).
      seenRecord = true;
      firstTimestamp = first;
      return request;
    }
  }
}
