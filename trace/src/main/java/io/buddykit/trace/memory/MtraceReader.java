package io.buddykit.trace.memory;

import io.buddykit.trace.LineParser;
import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads glibc's {@code mtrace(3)} log (MALLOC_TRACE), so that a real program's heap history can be
 * replayed on the simulator's allocators.
 *
 * <p>The lines, as glibc's malloc/mtrace-impl.c prints them ({@code %p} is {@code 0x} hexadecimal
 * or {@code (nil)}, sizes are {@code %#lx}: {@code 0x} hexadecimal, or {@code 0}):
 *
 * <ul>
 *   <li>{@code = Start} and {@code = End} (glibc writes End only on muntrace; a log of a program
 *       that just exits has none): skipped.
 *   <li>An optional caller, {@code @ FILE:(SYMBOL+OFFSET)[0xADDR] } or {@code @ [0xADDR] }, ending
 *       at the line's last {@code ]}, then one of:
 *   <li>{@code + ADDR SIZE}: malloc, calloc, memalign, or realloc of NULL; {@code + (nil) SIZE} is
 *       a failed request ({@link MallocEvents#failed}).
 *   <li>{@code - ADDR}: free, or realloc to size 0; {@code - (nil)} frees nothing (skipped).
 *   <li>{@code < OLD} then, on the very next line, {@code > NEW SIZE}: one realloc. A {@code <}
 *       without its {@code >} (or a {@code >} without its {@code <}) is an error, reported at the
 *       line that is alone.
 *   <li>{@code ! OLD SIZE}: a failed realloc ({@link MallocEvents#failed}; the old block stays).
 * </ul>
 *
 * Addresses are at most 64 bits and never {@code 0x0} (glibc prints NULL as {@code (nil)});
 * successful sizes are at most {@link Long#MAX_VALUE}. Blank lines are skipped. Anything else is a
 * {@link TraceParseException} naming the file, the line and what was expected; with {@code skipBad}
 * such lines are counted instead, and a rejected line never reaches the sink.
 */
public final class MtraceReader {

  private MtraceReader() {}

  /**
   * Reads {@code file}; error messages name it as {@link Path#toString()} gives it.
   *
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static TraceStats read(Path file, MallocEvents sink, boolean skipBad) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sink, "sink");
    return new Parser(file.toString(), sink, skipBad, true).run(file);
  }

  /**
   * Reads {@code in} to its end (not closing it), calling {@code sink} as each event is complete.
   *
   * @param fileName the name used in error messages
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException if reading fails
   */
  public static TraceStats read(
      InputStream in, String fileName, MallocEvents sink, boolean skipBad) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sink, "sink");
    return new Parser(fileName, sink, skipBad, true).run(in);
  }

  /** Whether {@code line} alone is an mtrace line (a lone {@code <} counts), for sniffing. */
  static boolean accepts(String line) {
    Parser parser = new Parser("sniff", NoEvents.INSTANCE, false, false);
    try {
      parser.run(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
      return parser.recognized;
    } catch (TraceParseException e) {
      return false;
    }
  }

  private static final class Parser extends LineParser {
    private static final byte[] START = ascii("= Start");
    private static final byte[] END = ascii("= End");
    private static final byte[] NIL = ascii("(nil)");

    private final MallocEvents sink;
    private final boolean checkEnd;

    /** The line of a {@code <} waiting for its {@code >}, or 0. */
    private long pendingLine;

    private long pendingAddr;

    /** Whether a line was an mtrace line rather than blank (for {@link #accepts}). */
    private boolean recognized;

    /** The operand of the current line: its address (0 for {@code (nil)}) and size. */
    private long addr;

    private long size;

    Parser(String fileName, MallocEvents sink, boolean skipBad, boolean checkEnd) {
      super(fileName, skipBad);
      this.sink = sink;
      this.checkEnd = checkEnd;
    }

    @Override
    protected void parseLine() {
      long oldLine = pendingLine;
      long oldAddr = pendingAddr;
      pendingLine = 0;
      byte op;
      try {
        op = operation();
      } catch (TraceParseException e) {
        if (oldLine != 0 && skipBad) {
          bad++; // the '<' loses its partner with this line
        }
        throw e;
      }
      if (op == 0) {
        skipped++;
        if (oldLine != 0) {
          lonely(oldLine);
        }
        return;
      }
      recognized = true;
      if (op == '>') {
        if (oldLine == 0) {
          throw fail("\">\" (realloc's new block) without the \"<\" line that comes before it");
        }
        events++;
        sink.realloc(oldAddr, addr, size);
        return;
      }
      if (oldLine != 0) {
        lonely(oldLine);
      }
      switch (op) {
        case '<' -> {
          pendingLine = line;
          pendingAddr = addr;
        }
        case '+' -> {
          events++;
          if (addr == 0) {
            sink.failed(size);
          } else {
            sink.malloc(addr, size);
          }
        }
        case '-' -> {
          if (addr == 0) {
            skipped++;
          } else {
            events++;
            sink.free(addr);
          }
        }
        case '!' -> {
          events++;
          sink.failed(size);
        }
        default -> throw new AssertionError(op);
      }
    }

    private void lonely(long lessLine) {
      rejected(
          new TraceParseException(
              fileName,
              lessLine,
              "\"<\" (realloc's old block) is not followed by its \">\" line"));
    }

    @Override
    protected void finish() {
      if (pendingLine != 0 && checkEnd) {
        long l = pendingLine;
        pendingLine = 0;
        lonely(l);
      }
    }

    /**
     * Parses the whole line into {@link #addr} and {@link #size}; the operation, or 0 for a line
     * with no event ({@code = Start}, a blank line).
     */
    private byte operation() {
      skipBlanks();
      if (atEnd()) {
        return 0;
      }
      if (b[p] == '=') {
        if (take(START) || take(END)) {
          expectEnd("the = Start or = End marker");
          recognized = true;
          return 0;
        }
        throw fail("expected \"= Start\" or \"= End\", found " + rest());
      }
      if (b[p] == '@') {
        caller();
      }
      if (atEnd()) {
        throw fail("expected one of + - < > ! after the caller, found end of line");
      }
      byte op = b[p];
      if (op != '+' && op != '-' && op != '<' && op != '>' && op != '!') {
        throw fail("expected one of + - < > ! (or a caller \"@ ...\"), found " + rest());
      }
      p++;
      separator("\"" + (char) op + "\"");
      addr = address(op == '+' || op == '-' || op == '!');
      size = 0;
      if (op == '+' || op == '>' || op == '!') {
        separator("the address");
        size = size(op == '!' || addr == 0);
      }
      expectEnd(op == '-' || op == '<' ? "the address" : "the size");
      return op;
    }

    /** {@code @ ...[0xADDR] }: everything up to the line's last {@code ]}. */
    private void caller() {
      p++;
      separator("\"@\"");
      int close = -1;
      for (int i = end - 1; i >= p; i--) {
        if (b[i] == ']') {
          close = i;
          break;
        }
      }
      if (close < 0) {
        throw fail("the caller has no \"[address]\": " + rest());
      }
      p = close + 1;
      separator("the caller");
    }

    private long address(boolean nilAllowed) {
      int from = p;
      if (take(NIL)) {
        if (!nilAllowed) {
          throw fail("a realloc's \"<\" or \">\" address is (nil)");
        }
        if (p < end && !isBlank(b[p])) {
          p = from;
          throw fail("address " + quote(from, tokenEnd()) + " is neither 0x... nor (nil)");
        }
        return 0;
      }
      long a = prefixedHex("address");
      if (a == 0) {
        throw fail("address " + quote(from, p) + " is 0, which glibc prints as (nil)");
      }
      return a;
    }

    /** {@code %#lx}: {@code 0} or {@code 0x} and hexadecimal digits. */
    private long size(boolean failed) {
      int from = p;
      long s;
      if (tokenEnd() - p == 1 && b[p] == '0') {
        p++;
        s = 0;
      } else {
        s = prefixedHex("size");
      }
      if (!failed && s < 0) {
        throw fail("size " + quote(from, p) + " is more than " + Long.MAX_VALUE + " bytes");
      }
      return s;
    }
  }
}
