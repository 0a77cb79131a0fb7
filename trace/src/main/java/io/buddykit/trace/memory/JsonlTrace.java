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
 * The project's own trace format, JSON lines that hold page and heap events alike, so that a trace
 * converted, generated or cut down by our tools can be stored and replayed without the quirks of
 * ftrace or mtrace text. {@link JsonlWriter} writes it.
 *
 * <p>One JSON object a line (UTF-8, {@code \n} or {@code \r\n}); the first non-blank line may be
 * the header {@code {"format":"buddykit-trace","version":2}} (version 1, the same format without
 * {@code cpu} and the last three ops, is read too). The records:
 *
 * <pre>
 * {"op":"alloc","cpu":1,"pfn":4660,"order":0,"mt":1,"gfp":"0xcc0"}
 * {"op":"alloc_failed","cpu":1,"order":3,"mt":0,"gfp":"0x2cc0"}
 * {"op":"free","cpu":0,"pfn":4660,"order":0}
 * {"op":"malloc","addr":"0x55d0c0a2b2a0","size":32}
 * {"op":"malloc_failed","size":18446744073709551615}
 * {"op":"mfree","addr":"0x55d0c0a2b2a0"}
 * {"op":"realloc","old":"0x55d0c0a2b2a0","addr":"0x55d0c0a2c000","size":64}
 * {"op":"zone_locked","cpu":0,"pfn":4672,"order":0,"mt":1,"percpu_refill":1}
 * {"op":"pcpu_drain","cpu":0,"pfn":4660,"order":0,"mt":1}
 * {"op":"extfrag","cpu":0,"pfn":9216,"order":0,"fallback_order":10,"mt":0,"fallback_mt":1,"change_ownership":1}
 * </pre>
 *
 * <ul>
 *   <li>Each op has exactly the keys shown, in any order, each once, except that {@code cpu} is
 *       optional in the page ops (absent: {@link PageEvents#NO_CPU}); whitespace (space, tab) may
 *       stand between tokens. Nothing else is allowed: no other keys, no escapes in strings, no
 *       null, no nesting. The last three ops are {@link PageEvents}' observations, with the
 *       tracepoints' fields: {@code order} and {@code mt} are the allocation's in {@code extfrag}.
 *   <li>{@code pfn}, {@code order}, {@code fallback_order}, {@code mt}, {@code fallback_mt}, {@code
 *       cpu}, {@code percpu_refill}, {@code change_ownership} and {@code size} are JSON numbers,
 *       whole and not negative, without leading zeros, fraction or exponent. {@code pfn} is below
 *       {@link PageEvents#PFN_LIMIT} (exact in a double, so any JSON tool reads it right), the
 *       orders at most {@link PageEvents#MAX_ORDER}, {@code mt}, {@code fallback_mt} and {@code
 *       cpu} ints, {@code percpu_refill} and {@code change_ownership} 0 or 1; {@code size} at most
 *       {@link Long#MAX_VALUE}, except in {@code malloc_failed}, where it is any unsigned 64-bit
 *       value.
 *   <li>{@code gfp} (Linux's raw {@code __GFP_*} bits, at most 32), {@code addr} and {@code old}
 *       (64-bit pointers, not 0) are strings of {@code 0x} and hexadecimal digits, because
 *       pointers do not survive a double and flags read better in hexadecimal.
 * </ul>
 *
 * Blank lines are skipped. Anything else is a {@link TraceParseException} naming the file, the
 * line and what was expected; with {@code skipBad} such lines are counted instead, and a rejected
 * line never reaches a sink.
 */
public final class JsonlTrace {
  /** The header's {@code format} value. */
  public static final String FORMAT = "buddykit-trace";

  /** The format version this code writes; it reads this one and every earlier one. */
  public static final int VERSION = 2;

  private JsonlTrace() {}

  /**
   * Reads {@code file}; error messages name it as {@link Path#toString()} gives it.
   *
   * @param pages the sink for page events, or null to skip them (counted as skipped)
   * @param mallocs the sink for heap events, or null to skip them (counted as skipped)
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static TraceStats read(
      Path file, PageEvents pages, MallocEvents mallocs, boolean skipBad) {
    Objects.requireNonNull(file, "file");
    return new Parser(file.toString(), pages, mallocs, skipBad).run(file);
  }

  /**
   * Reads {@code in} to its end (not closing it), calling a sink as each line is parsed.
   *
   * @param fileName the name used in error messages
   * @param pages the sink for page events, or null to skip them (counted as skipped)
   * @param mallocs the sink for heap events, or null to skip them (counted as skipped)
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException if reading fails
   */
  public static TraceStats read(
      InputStream in, String fileName, PageEvents pages, MallocEvents mallocs, boolean skipBad) {
    Objects.requireNonNull(in, "in");
    return new Parser(fileName, pages, mallocs, skipBad).run(in);
  }

  /** Whether {@code line} alone is a line of this format (the header counts), for sniffing. */
  static boolean accepts(String line) {
    if (line.isBlank()) {
      return false;
    }
    try {
      new Parser("sniff", NoEvents.INSTANCE, NoEvents.INSTANCE, false)
          .run(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (TraceParseException e) {
      return false;
    }
  }

  private static final class Parser extends LineParser {
    private static final int OP = 0;
    private static final int PFN = 1;
    private static final int ORDER = 2;
    private static final int MT = 3;
    private static final int GFP = 4;
    private static final int ADDR = 5;
    private static final int OLD = 6;
    private static final int SIZE = 7;
    private static final int FORMAT_KEY = 8;
    private static final int VERSION_KEY = 9;
    private static final int CPU = 10;
    private static final int PERCPU_REFILL = 11;
    private static final int FALLBACK_ORDER = 12;
    private static final int FALLBACK_MT = 13;
    private static final int CHANGE_OWNERSHIP = 14;

    /** Indexed by the key numbers above. */
    private static final byte[][] KEYS = {
      ascii("op"), ascii("pfn"), ascii("order"), ascii("mt"), ascii("gfp"),
      ascii("addr"), ascii("old"), ascii("size"), ascii("format"), ascii("version"),
      ascii("cpu"), ascii("percpu_refill"), ascii("fallback_order"), ascii("fallback_mt"),
      ascii("change_ownership")
    };

    private static final int ALLOC = 0;
    private static final int ALLOC_FAILED = 1;
    private static final int FREE = 2;
    private static final int MALLOC = 3;
    private static final int MALLOC_FAILED = 4;
    private static final int MFREE = 5;
    private static final int REALLOC = 6;
    private static final int ZONE_LOCKED = 7;
    private static final int PCPU_DRAIN = 8;
    private static final int EXTFRAG = 9;

    /** Indexed by the op numbers above. */
    private static final byte[][] OPS = {
      ascii("alloc"), ascii("alloc_failed"), ascii("free"), ascii("malloc"),
      ascii("malloc_failed"), ascii("mfree"), ascii("realloc"), ascii("zone_locked"),
      ascii("pcpu_drain"), ascii("extfrag")
    };

    /** The keys each op must have, as bit sets over the key numbers. */
    private static final int[] OP_KEYS = {
      bits(OP, PFN, ORDER, MT, GFP),
      bits(OP, ORDER, MT, GFP),
      bits(OP, PFN, ORDER),
      bits(OP, ADDR, SIZE),
      bits(OP, SIZE),
      bits(OP, ADDR),
      bits(OP, OLD, ADDR, SIZE),
      bits(OP, PFN, ORDER, MT, PERCPU_REFILL),
      bits(OP, PFN, ORDER, MT),
      bits(OP, PFN, ORDER, FALLBACK_ORDER, MT, FALLBACK_MT, CHANGE_OWNERSHIP)
    };

    private static final int HEADER_KEYS = bits(FORMAT_KEY, VERSION_KEY);
    private static final byte[] FORMAT_VALUE = ascii(FORMAT);

    private final PageEvents pages;
    private final MallocEvents mallocs;
    private boolean seenRecord;

    /** The current line's values, indexed by key number; {@code op} holds the op number. */
    private final long[] values = new long[KEYS.length];

    Parser(String fileName, PageEvents pages, MallocEvents mallocs, boolean skipBad) {
      super(fileName, skipBad);
      this.pages = pages;
      this.mallocs = mallocs;
    }

    private static int bits(int... keys) {
      int set = 0;
      for (int k : keys) {
        set |= 1 << k;
      }
      return set;
    }

    @Override
    protected void parseLine() {
      skipBlanks();
      if (atEnd()) {
        skipped++;
        return;
      }
      int seen = object();
      boolean first = !seenRecord;
      seenRecord = true;
      if ((seen & HEADER_KEYS) != 0) {
        header(seen, first);
        return;
      }
      if ((seen & (1 << OP)) == 0) {
        throw fail("the object has no \"op\"");
      }
      int op = (int) values[OP];
      boolean pageOp = op <= FREE || op >= ZONE_LOCKED;
      int expected = OP_KEYS[op];
      int optional = pageOp ? 1 << CPU : 0;
      if ((seen & ~optional) != expected) {
        throw fail(keyMismatch(op, seen & ~optional, expected));
      }
      checkRanges(op);
      if ((seen & (1 << CPU)) != 0) {
        atMost(CPU, Integer.MAX_VALUE);
      } else {
        values[CPU] = PageEvents.NO_CPU;
      }
      if (pageOp ? pages == null : mallocs == null) {
        skipped++;
        return;
      }
      events++;
      if (pageOp) {
        pageEvent(op, (int) values[CPU]);
        return;
      }
      switch (op) {
        case MALLOC -> mallocs.malloc(values[ADDR], values[SIZE]);
        case MALLOC_FAILED -> mallocs.failed(values[SIZE]);
        case MFREE -> mallocs.free(values[ADDR]);
        case REALLOC -> mallocs.realloc(values[OLD], values[ADDR], values[SIZE]);
        default -> throw new AssertionError(op);
      }
    }

    private void pageEvent(int op, int cpu) {
      long pfn = values[PFN];
      int order = (int) values[ORDER];
      int mt = (int) values[MT];
      switch (op) {
        case ALLOC -> pages.alloc(cpu, pfn, order, mt, gfp());
        case ALLOC_FAILED -> pages.allocFailed(cpu, order, mt, gfp());
        case FREE -> pages.free(cpu, pfn, order);
        case ZONE_LOCKED -> pages.zoneLocked(cpu, pfn, order, mt, values[PERCPU_REFILL] == 1);
        case PCPU_DRAIN -> pages.pcpuDrain(cpu, pfn, order, mt);
        case EXTFRAG -> pages.extfrag(cpu, pfn, order, (int) values[FALLBACK_ORDER], mt,
            (int) values[FALLBACK_MT], values[CHANGE_OWNERSHIP] == 1);
        default -> throw new AssertionError(op);
      }
    }

    private int gfp() {
      return (int) values[GFP];
    }

    private void header(int seen, boolean first) {
      if (seen != HEADER_KEYS) {
        throw fail("the header has exactly the keys \"format\" and \"version\"");
      }
      if (!first) {
        throw fail("the header {\"format\":...} may only be the first line");
      }
      if (values[VERSION_KEY] < 1 || values[VERSION_KEY] > VERSION) {
        throw fail(
            "version "
                + Long.toUnsignedString(values[VERSION_KEY])
                + " is not supported (this reader knows 1 to "
                + VERSION
                + ")");
      }
      skipped++;
    }

    private String keyMismatch(int op, int seen, int expected) {
      StringBuilder s = new StringBuilder("op \"").append(ascii(OPS[op])).append("\"");
      String missing = keyList(expected & ~seen);
      String extra = keyList(seen & ~expected);
      if (!missing.isEmpty()) {
        s.append(" lacks ").append(missing);
      }
      if (!extra.isEmpty()) {
        s.append(missing.isEmpty() ? "" : " and").append(" does not take ").append(extra);
      }
      return s.append(" (its keys: ").append(keyList(expected)).append(")").toString();
    }

    private static String keyList(int set) {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < KEYS.length; k++) {
        if ((set & (1 << k)) != 0) {
          s.append(s.isEmpty() ? "" : ", ").append('"').append(ascii(KEYS[k])).append('"');
        }
      }
      return s.toString();
    }

    private static String ascii(byte[] bytes) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }

    private void checkRanges(int op) {
      if ((op == ALLOC || op == FREE || op >= ZONE_LOCKED)
          && Long.compareUnsigned(values[PFN], PageEvents.PFN_LIMIT) >= 0) {
        throw fail("pfn " + Long.toUnsignedString(values[PFN]) + " is not below 2^52");
      }
      if (op <= FREE || op >= ZONE_LOCKED) {
        atMost(ORDER, PageEvents.MAX_ORDER);
        if (op != FREE) {
          atMost(MT, Integer.MAX_VALUE);
        }
      }
      if (op == ZONE_LOCKED) {
        atMost(PERCPU_REFILL, 1);
      }
      if (op == EXTFRAG) {
        atMost(FALLBACK_ORDER, PageEvents.MAX_ORDER);
        atMost(FALLBACK_MT, Integer.MAX_VALUE);
        atMost(CHANGE_OWNERSHIP, 1);
      }
      if ((op == MALLOC || op == REALLOC) && values[SIZE] < 0) {
        throw fail(
            "size " + Long.toUnsignedString(values[SIZE]) + " is more than " + Long.MAX_VALUE);
      }
    }

    /** Fails unless the value of {@code key} is at most {@code max}, as an unsigned number. */
    private void atMost(int key, long max) {
      long v = values[key];
      if (Long.compareUnsigned(v, max) > 0) {
        String name = ascii(KEYS[key]);
        throw fail(max == Integer.MAX_VALUE
            ? name + " " + Long.toUnsignedString(v) + " is not an int"
            : name + " " + Long.toUnsignedString(v) + " is out of range (0.." + max + ")");
      }
    }

    /** Parses {@code {...}} and anything after it; the set of keys seen. */
    private int object() {
      if (b[p] != '{') {
        throw fail("expected a JSON object \"{...}\", found " + rest());
      }
      p++;
      int seen = 0;
      skipBlanks();
      if (p < end && b[p] == '}') {
        throw fail("the object is empty");
      }
      while (true) {
        skipBlanks();
        int key = key();
        if ((seen & (1 << key)) != 0) {
          throw fail("key \"" + ascii(KEYS[key]) + "\" appears twice");
        }
        seen |= 1 << key;
        skipBlanks();
        if (atEnd() || b[p] != ':') {
          throw fail("expected \":\" after the key \"" + ascii(KEYS[key]) + "\", found " + rest());
        }
        p++;
        skipBlanks();
        value(key);
        skipBlanks();
        if (atEnd()) {
          throw fail("expected \",\" or \"}\", found end of line");
        }
        byte c = b[p++];
        if (c == '}') {
          break;
        }
        if (c != ',') {
          p--;
          throw fail("expected \",\" or \"}\", found " + rest());
        }
      }
      skipBlanks();
      expectEnd("the object");
      return seen;
    }

    /** A string in quotes without escapes: {@code b[strStart..strEnd)}. */
    private int strStart;

    private int strEnd;

    private void string(String what) {
      if (atEnd() || b[p] != '"') {
        throw fail("expected " + what + " in quotes, found " + rest());
      }
      int from = ++p;
      while (p < end && b[p] != '"') {
        byte c = b[p];
        if (c == '\\') {
          throw fail("escapes are not used in this format: " + quote(from - 1, end));
        }
        if (c >= 0 && c < 0x20) {
          throw fail("control character in a string: " + quote(from - 1, end));
        }
        p++;
      }
      if (atEnd()) {
        throw fail("unterminated string " + quote(from - 1, end));
      }
      strStart = from;
      strEnd = p++;
    }

    private int key() {
      string("a key");
      int k = strEnd > strStart ? candidateKey(b[strStart], strEnd - strStart) : -1;
      if (k >= 0 && sameAs(KEYS[k])) {
        return k;
      }
      throw fail(
          "unknown key "
              + quote(strStart, strEnd)
              + " (known: "
              + keyList((1 << KEYS.length) - 1)
              + ")");
    }

    /** The only key that could be a string of this first byte and length (one compare a key). */
    private static int candidateKey(byte first, int length) {
      return switch (first) {
        case 'o' -> length == 2 ? OP : length == 5 ? ORDER : OLD;
        case 'p' -> length == 3 ? PFN : PERCPU_REFILL;
        case 'm' -> MT;
        case 'g' -> GFP;
        case 'a' -> ADDR;
        case 's' -> SIZE;
        case 'f' -> length == 6 ? FORMAT_KEY : length == 14 ? FALLBACK_ORDER : FALLBACK_MT;
        case 'v' -> VERSION_KEY;
        case 'c' -> length == 3 ? CPU : CHANGE_OWNERSHIP;
        default -> -1;
      };
    }

    private static int candidateOp(byte first, int length) {
      return switch (first) {
        case 'a' -> length == 5 ? ALLOC : ALLOC_FAILED;
        case 'f' -> FREE;
        case 'm' -> length == 6 ? MALLOC : length == 5 ? MFREE : MALLOC_FAILED;
        case 'r' -> REALLOC;
        case 'z' -> ZONE_LOCKED;
        case 'p' -> PCPU_DRAIN;
        case 'e' -> EXTFRAG;
        default -> -1;
      };
    }

    /** Whether the last string read is exactly {@code text}. */
    private boolean sameAs(byte[] text) {
      if (strEnd - strStart != text.length) {
        return false;
      }
      for (int i = 0; i < text.length; i++) {
        if (b[strStart + i] != text[i]) {
          return false;
        }
      }
      return true;
    }

    private void value(int key) {
      switch (key) {
        case OP -> values[OP] = op();
        case GFP -> {
          long v = hexString("gfp");
          if (v >>> 32 != 0) {
            throw fail("gfp 0x" + Long.toHexString(v) + " is more than 32 bits");
          }
          values[GFP] = v;
        }
        case ADDR, OLD -> {
          long v = hexString(key == ADDR ? "addr" : "old");
          if (v == 0) {
            throw fail("\"" + (key == ADDR ? "addr" : "old") + "\" is 0 (a null pointer)");
          }
          values[key] = v;
        }
        case FORMAT_KEY -> {
          string("the format name");
          if (!sameAs(FORMAT_VALUE)) {
            throw fail(
                "format " + quote(strStart, strEnd) + " is not \"" + FORMAT + "\"");
          }
        }
        default -> values[key] = number(ascii(KEYS[key]));
      }
    }

    private int op() {
      string("the op");
      int o = strEnd > strStart ? candidateOp(b[strStart], strEnd - strStart) : -1;
      if (o >= 0 && sameAs(OPS[o])) {
        return o;
      }
      StringBuilder known = new StringBuilder();
      for (byte[] name : OPS) {
        known.append(known.isEmpty() ? "" : ", ").append(ascii(name));
      }
      throw fail("unknown op " + quote(strStart, strEnd) + " (known: " + known + ")");
    }

    /** {@code "0x..."}: 1 to 16 hexadecimal digits. */
    private long hexString(String what) {
      string(what + " (\"0x...\")");
      int close = p;
      int from = strStart - 1;
      p = strStart;
      if (strEnd - p < 2 || b[p] != '0' || b[p + 1] != 'x') {
        throw fail(what + " " + quote(from, close) + " is not \"0x\" and hexadecimal digits");
      }
      p += 2;
      long v = hexDigits(strEnd, what, from);
      p = close;
      return v;
    }

    /** A JSON number that is a whole number of at least 0: its unsigned 64 bits. */
    private long number(String what) {
      int from = p;
      if (p < end && b[p] == '-') {
        throw fail(what + " is negative: " + quote(from, numberEnd()));
      }
      if (p < end && b[p] == '"') {
        throw fail(what + " must be a number, not a string");
      }
      int to = p;
      while (to < end && isDigit(b[to])) {
        to++;
      }
      if (to == p) {
        throw fail("expected a number for " + what + ", found " + rest());
      }
      if (to < end && (b[to] == '.' || b[to] == 'e' || b[to] == 'E')) {
        throw fail(what + " must be a whole number: " + quote(from, numberEnd()));
      }
      if (b[p] == '0' && to - p > 1) {
        throw fail(what + " " + quote(from, to) + " has a leading zero");
      }
      return unsignedDecimal(to, what);
    }

    private int numberEnd() {
      int i = p + 1;
      while (i < end && b[i] != ',' && b[i] != '}' && !isBlank(b[i])) {
        i++;
      }
      return Math.min(i, end);
    }
  }
}
