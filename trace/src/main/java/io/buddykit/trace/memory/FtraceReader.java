package io.buddykit.trace.memory;

import io.buddykit.trace.ByteScan;
import io.buddykit.trace.LineParser;
import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the page allocator's events from Linux ftrace text, so that a real machine's allocation
 * history can be replayed on the simulator and its per-CPU and fallback activity measured.
 *
 * <p>Accepted layouts: the tracefs {@code trace} and {@code trace_pipe} files, for example
 *
 * <pre>
 *   kworker/0:1-1234  [000] d..1. 12345.678901: mm_page_alloc: page=00000000b5a2c3f0
 *       pfn=0x10a3c4 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_ZERO
 * </pre>
 *
 * (one line), and {@code trace-cmd report} ({@code bash-1234 [001] 12345.678901: mm_page_alloc: page=0x10a3c4
 * pfn=0x10a3c4 ...}). A record is found by its timestamp: the first {@code DIGITS[.DIGITS]:}
 * after a blank and followed by a blank, then the event name ({@code kmem:} in front is allowed)
 * and a colon. So the task name may hold blanks, dashes and colons. The CPU is the {@code [N]}
 * token just before the timestamp or before the irq-flags token in front of it ({@code d..1.},
 * {@code ...1}, {@code d.h2}, absent in trace-cmd), or the digits that start the token before the
 * timestamp in trace-cmd's {@code -l} latency layout ({@code 1.....}); where there is none, the
 * events carry {@link PageEvents#NO_CPU}.
 *
 * <p>Events, with the formats of include/trace/events/kmem.h since Linux 3.3 (earlier kernels
 * named the free events mm_page_free_direct and mm_pagevec_free, which are not read); 6.1, 6.12,
 * 7.3 and the running 6.18 print them alike:
 *
 * <ul>
 *   <li>{@code mm_page_alloc: page=P pfn=N order=O migratetype=M gfp_flags=FLAGS} calls {@link
 *       PageEvents#alloc}. FLAGS is {@code none} or names and {@code 0x} bits joined by {@code |}
 *       (see GfpNames: {@link GfpBits}' values). A name the table does not know is counted in
 *       {@link TraceStats#unknownGfpFlags()} and adds no bits. A null page ({@code (null)}, {@code
 *       (nil)}, all zeros, {@code 0x0}) or pfn 0 is a failed allocation (kernels since 4.x print
 *       pfn 0 for it, and pfn 0 is reserved firmware memory), which calls {@link
 *       PageEvents#allocFailed}.
 *   <li>{@code mm_page_free: page=P pfn=N order=O} calls {@link PageEvents#free}.
 *   <li>{@code mm_page_free_batched: page=P pfn=N order=0} (before 4.15 with {@code cold=C} after)
 *       calls {@link PageEvents#free} with order 0, unless it is the second record of a free (see
 *       below).
 *   <li>{@code mm_page_alloc_zone_locked: page=P pfn=N order=O migratetype=M percpu_refill=R}
 *       calls {@link PageEvents#zoneLocked}.
 *   <li>{@code mm_page_pcpu_drain: page=P pfn=N order=O migratetype=M} calls {@link
 *       PageEvents#pcpuDrain}.
 *   <li>{@code mm_page_alloc_extfrag: page=P pfn=N alloc_order=A fallback_order=F
 *       pageblock_order=B alloc_migratetype=AM fallback_migratetype=FM fragmenting=X
 *       change_ownership=C} calls {@link PageEvents#extfrag} (B and X are derived and not passed).
 * </ul>
 *
 * <p>Batched frees. Every path that frees pages to the buddy allocator or the per-CPU lists goes
 * through free_pages_prepare (7.3: __free_pages_prepare), which emits mm_page_free; the batched
 * paths also emit mm_page_free_batched for the same page:
 *
 * <ul>
 *   <li>3.3 to 4.14, free_hot_cold_page_list (order-0 pages from release_pages and reclaim): for
 *       each page, mm_page_free_batched, then free_hot_cold_page, whose free_pages_prepare emits
 *       mm_page_free: the batched record comes first.
 *   <li>4.15 to 6.9, free_unref_page_list (from release_pages and reclaim): a
 *       prepare loop emits mm_page_free for every page of the list, then a commit loop emits
 *       mm_page_free_batched for each page it puts on a per-CPU list (not for isolated pages or
 *       when the pcp trylock fails): the mm_page_free records come first, the batch as a whole.
 *   <li>6.10 to 7.3, free_unref_folios (from folios_put_refs, which release_pages calls, and
 *       reclaim): the same two loops over a folio batch, and the folios may be large (any order
 *       pcp_allowed_order allows), while mm_page_free_batched still prints {@code order=0}.
 * </ul>
 *
 * So a free record that follows a record of the other kind for the same pfn, with no allocation
 * of that pfn between them, is the same free: the first record is delivered (with its order) and
 * the second is dropped and counted in {@link TraceStats#duplicateFrees()}; where a trace holds
 * only mm_page_free_batched (the other event not enabled), each is the free. The pair is matched
 * by pfn, not CPU, within a window of lines; see BatchedFrees.
 *
 * <p>P is any token (a hashed pointer, {@code (____ptrval____)}, blanks then {@code (null)}); N is
 * {@code 0x} hexadecimal (kernels since 5.x) or decimal (older ones), at most 64 bits, not -1 (the
 * tracepoint's mark for a page without a pfn) and below {@link PageEvents#PFN_LIMIT}; orders are 0
 * to {@link PageEvents#MAX_ORDER}; migratetypes are at least 0; R and C are 0 or 1.
 *
 * <p>Skipped (counted in {@link TraceStats#skipped()}): blank lines, {@code #} comments, other
 * events and trace records without an event name (function tracer lines), trace-cmd's {@code
 * cpus=N} and {@code version = N} lines, and lost-event markers ({@code CPU:1 [LOST 7 EVENTS]},
 * trace-cmd's {@code CPU:1 [7 EVENTS DROPPED]}), whose counts go to {@link
 * TraceStats#lostEvents()}. Anything else, including a malformed mm_page_* record, is a {@link
 * TraceParseException} naming the file, the line and what was expected; with {@code skipBad} such
 * lines are counted instead, and a rejected line never reaches the sink.
 */
public final class FtraceReader {

  private FtraceReader() {}

  /**
   * Reads {@code file}; error messages name it as {@link Path#toString()} gives it.
   *
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static TraceStats read(Path file, PageEvents sink, boolean skipBad) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sink, "sink");
    return new Parser(file.toString(), sink, skipBad, true).run(file);
  }

  /**
   * Reads {@code in} to its end (not closing it), calling {@code sink} as each line is parsed.
   *
   * @param fileName the name used in error messages
   * @throws TraceParseException on the first bad line, unless {@code skipBad}
   * @throws UncheckedIOException if reading fails
   */
  public static TraceStats read(InputStream in, String fileName, PageEvents sink, boolean skipBad) {
    return read(in, fileName, sink, skipBad, true);
  }

  /**
   * As {@link #read(InputStream, String, PageEvents, boolean)}; {@code fastPath} false reads every
   * line with the general parser alone (for the differential test of the fast path).
   */
  static TraceStats read(
      InputStream in, String fileName, PageEvents sink, boolean skipBad, boolean fastPath) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sink, "sink");
    return new Parser(fileName, sink, skipBad, fastPath).run(in);
  }

  /** Whether {@code line} alone is an ftrace line (a comment or header counts), for sniffing. */
  static boolean accepts(String line) {
    if (line.isBlank()) {
      return false;
    }
    try {
      new Parser("sniff", NoEvents.INSTANCE, false, true)
          .run(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (TraceParseException e) {
      return false;
    }
  }

  private static final class Parser extends LineParser {
    private static final byte[] PAGE = ascii("page=");
    private static final byte[] PFN = ascii("pfn=");
    private static final byte[] ORDER = ascii("order=");
    private static final byte[] MIGRATETYPE = ascii("migratetype=");
    private static final byte[] GFP_FLAGS = ascii("gfp_flags=");
    private static final byte[] COLD = ascii("cold=");
    private static final byte[] HEX = ascii("0x");
    private static final byte[] KMEM = ascii("kmem");
    private static final byte[] ALLOC = ascii("mm_page_alloc");
    private static final byte[] FREE = ascii("mm_page_free");
    private static final byte[] FREE_BATCHED = ascii("mm_page_free_batched");
    private static final byte[] ZONE_LOCKED = ascii("mm_page_alloc_zone_locked");
    private static final byte[] PCPU_DRAIN = ascii("mm_page_pcpu_drain");
    private static final byte[] EXTFRAG = ascii("mm_page_alloc_extfrag");
    private static final byte[] PERCPU_REFILL = ascii("percpu_refill=");
    private static final byte[] ALLOC_ORDER = ascii("alloc_order=");
    private static final byte[] FALLBACK_ORDER = ascii("fallback_order=");
    private static final byte[] PAGEBLOCK_ORDER = ascii("pageblock_order=");
    private static final byte[] ALLOC_MIGRATETYPE = ascii("alloc_migratetype=");
    private static final byte[] FALLBACK_MIGRATETYPE = ascii("fallback_migratetype=");
    private static final byte[] FRAGMENTING = ascii("fragmenting=");
    private static final byte[] CHANGE_OWNERSHIP = ascii("change_ownership=");
    private static final byte[] CPU_COLON = ascii("CPU:");
    private static final byte[] LOST = ascii("[LOST ");
    private static final byte[] EVENTS_CLOSE = ascii("EVENTS]");
    private static final byte[] DROPPED_CLOSE = ascii("EVENTS DROPPED]");
    private static final byte[] CPUS = ascii("cpus=");
    private static final byte[] VERSION = ascii("version");
    private static final byte[] EQUALS = ascii("=");

    private static final int KIND_OTHER = 0;
    private static final int KIND_ALLOC = 1;
    private static final int KIND_FREE = 2;
    private static final int KIND_FREE_BATCHED = 3;
    private static final int KIND_ZONE_LOCKED = 4;
    private static final int KIND_PCPU_DRAIN = 5;
    private static final int KIND_EXTFRAG = 6;

    /** Most digits of a CPU number read; more, and the event has no CPU. */
    private static final int CPU_DIGITS = 6;

    private final PageEvents sink;
    private final GfpNames.Cache gfpNames = new GfpNames.Cache();
    private final BatchedFrees batchedFrees = new BatchedFrees();
    private final boolean fastPath;

    /** Unknown GFP names of the current line, counted only if its event is delivered. */
    private final List<String> lineUnknown = new ArrayList<>();

    private final Consumer<String> unknownName = lineUnknown::add;

    /** Where {@link #fastDecimal} stopped. */
    private int fastEnd;

    /** Which event {@link #findRecord} found. */
    private int kind;

    /** The CPU of the record {@link #findRecord} found. */
    private int cpu;

    /** Whether the page value {@link #pagePfn} read was a null pointer. */
    private boolean nullPage;

    Parser(String fileName, PageEvents sink, boolean skipBad, boolean fastPath) {
      super(fileName, skipBad);
      this.sink = sink;
      this.fastPath = fastPath;
    }

    @Override
    protected void parseLine() {
      lineUnknown.clear();
      if (fastPath && fast(b, p, end)) {
        return;
      }
      lineUnknown.clear();
      skipBlanks();
      if (atEnd() || b[p] == '#') {
        skipped++;
        return;
      }
      if (!findRecord()) {
        marker();
        return;
      }
      switch (kind) {
        case KIND_ALLOC -> alloc();
        case KIND_FREE -> free(false);
        case KIND_FREE_BATCHED -> free(true);
        case KIND_ZONE_LOCKED -> zoneLocked();
        case KIND_PCPU_DRAIN -> pcpuDrain();
        case KIND_EXTFRAG -> extfrag();
        default -> skipped++;
      }
    }

    // ------------------------------------------------------------ delivery, shared by both paths

    private void deliverAlloc(int cpu, long pfn, int order, int migratetype, int gfp) {
      countUnknownNames();
      batchedFrees.allocated(pfn);
      events++;
      sink.alloc(cpu, pfn, order, migratetype, gfp);
    }

    private void deliverAllocFailed(int cpu, int order, int migratetype, int gfp) {
      countUnknownNames();
      events++;
      sink.allocFailed(cpu, order, migratetype, gfp);
    }

    private void deliverFree(int cpu, long pfn, int order, boolean batched) {
      if (!batchedFrees.isFree(pfn, batched, line)) {
        duplicateFrees++;
        return;
      }
      events++;
      sink.free(cpu, pfn, order);
    }

    private void countUnknownNames() {
      for (String name : lineUnknown) {
        unknownGfpFlags.merge(name, 1L, Long::sum);
      }
    }

    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long W_MM_PAGE = word("mm_page_");
    private static final long W_ALLOC_P = word("alloc: p");
    private static final long W_AGE_EQ = word("age=");
    private static final long W_FREE_PA = word("free: pa");
    private static final long W_GE_EQ = word("ge=");
    private static final long W_PFN_EQ = word(" pfn=");
    private static final long W_ORDER_EQ = word(" order=");
    private static final long W_MIGRATE = word(" migrate");
    private static final long W_TYPE_EQ = word("type=");
    private static final long W_GFP_FLA = word(" gfp_fla");
    private static final long W_GS_EQ = word("gs=");

    /** Up to eight ASCII bytes as a little-endian long, the rest zero. */
    private static long word(String s) {
      long w = 0;
      for (int i = s.length() - 1; i >= 0; i--) {
        w = (w << 8) | (s.charAt(i) & 0xff);
      }
      return w;
    }

    /** Whether the {@code n} (1 to 8) bytes of {@code w} are at {@code b[i..i+n)} before {@code end}. */
    private static boolean at(byte[] b, int i, int end, long w, int n) {
      if (i + n > end) {
        return false;
      }
      if (i + Long.BYTES <= b.length) {
        long mask = n == Long.BYTES ? -1L : (1L << (n << 3)) - 1;
        return (((long) LONGS.get(b, i) ^ w) & mask) == 0;
      }
      for (int k = 0; k < n; k++) {
        if (b[i + k] != (byte) (w >>> (k << 3))) {
          return false;
        }
      }
      return true;
    }

    /**
     * The canonical tracefs layout of mm_page_alloc and mm_page_free in one left-to-right walk with
     * the cursor in locals: single spaces between the fields, {@code 0x} or short decimal numbers,
     * a cached gfp rendering. Calls the sink and returns true only for a line the general parser
     * reads to the same event; anything else returns false having changed nothing, and the general
     * parser reads the line (and reports its errors). The walk is split into steps of one field
     * group each; C2 inlines them into at most two compiled bodies, and the split measured as fast
     * as the single method it replaced (see BENCHMARKS.md, "The trace module's shared base").
     */
    private boolean fast(byte[] b, int p, int end) {
      if (p < end && isBlank(b[p])) {
        p = ByteScan.skipBlanks(b, p + 1, end);
      }
      if (p >= end || b[p] == '#') {
        return false;
      }
      int c = timestampColon(b, p, end);
      if (c < 0 || b[c + 1] != ' ' || !at(b, c + 2, end, W_MM_PAGE, 8)) {
        return false;
      }
      int i = c + 10;
      if (at(b, i, end, W_ALLOC_P, 8) && at(b, i + 8, end, W_AGE_EQ, 4)) {
        cpu = cpuBefore(b, p, timestampStart(b, c));
        return fastEvent(b, i + 12, end, true);
      }
      if (at(b, i, end, W_FREE_PA, 8) && at(b, i + 8, end, W_GE_EQ, 3)) {
        cpu = cpuBefore(b, p, timestampStart(b, c));
        return fastEvent(b, i + 11, end, false);
      }
      return false;
    }

    /**
     * The fields both events share, from the page value at {@code from}: {@code P pfn=N order=O};
     * then the end of an mm_page_free line, or the rest of an mm_page_alloc one.
     */
    private boolean fastEvent(byte[] b, int from, int end, boolean alloc) {
      // page=P: any token; (null) and friends go the general way.
      if (from >= end || isBlank(b[from]) || b[from] == '(') {
        return false;
      }
      int to = ByteScan.findBlank(b, from, end);
      if (to >= end || !at(b, to, end, W_PFN_EQ, 5)) {
        return false;
      }
      long pfn = fastPfn(b, to + 5, end);
      int i = fastEnd;
      if (pfn == -1L || !at(b, i, end, W_ORDER_EQ, 7)) {
        return false;
      }
      long order = fastDecimal(b, i + 7, end, 2);
      i = fastEnd;
      if (order < 0 || order > PageEvents.MAX_ORDER) {
        return false;
      }
      if (alloc) {
        return fastAlloc(b, i, end, pfn, (int) order, zeroPage(b, from, to));
      }
      if (i != end || Long.compareUnsigned(pfn, PageEvents.PFN_LIMIT) >= 0) {
        return false;
      }
      deliverFree(cpu, pfn, (int) order, false);
      return true;
    }

    /** The rest of an mm_page_alloc line from {@code i}: {@code migratetype=M gfp_flags=FLAGS}. */
    private boolean fastAlloc(byte[] b, int i, int end, long pfn, int order, boolean nullPage) {
      if (!at(b, i, end, W_MIGRATE, 8) || !at(b, i + 8, end, W_TYPE_EQ, 5)) {
        return false;
      }
      long migratetype = fastDecimal(b, i + 13, end, 9);
      i = fastEnd;
      // gfp_flags=FLAGS to the end of the line.
      if (migratetype < 0
          || !at(b, i, end, W_GFP_FLA, 8)
          || !at(b, i + 8, end, W_GS_EQ, 3)
          || i + 11 >= end) {
        return false;
      }
      boolean failed = nullPage || pfn == 0;
      if (!failed && Long.compareUnsigned(pfn, PageEvents.PFN_LIMIT) >= 0) {
        return false;
      }
      int gfp;
      try {
        gfp = gfpNames.bits(b, i + 11, end, unknownName);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (failed) {
        deliverAllocFailed(cpu, order, (int) migratetype, gfp);
      } else {
        deliverAlloc(cpu, pfn, order, (int) migratetype, gfp);
      }
      return true;
    }

    /**
     * The fast path's pfn: {@code 0x} and 1 to 16 hexadecimal digits, or 1 to 16 decimal ones, up
     * to a space or the line's end; -1 for anything else, which includes the tracepoint's -1 mark
     * (the general parser then says what is wrong). {@link #fastEnd} is left just past the digits.
     */
    private long fastPfn(byte[] b, int i, int end) {
      if (i + 1 >= end || b[i] != '0' || b[i + 1] != 'x') {
        return fastDecimal(b, i, end, 16);
      }
      int s = i + 2;
      int invalid = 0;
      long pfn = 0;
      for (i = s; i < end && b[i] != ' '; i++) {
        int d = HEX_VALUES[b[i] & 0xff];
        invalid |= d;
        pfn = (pfn << 4) | (d & 0xf);
      }
      fastEnd = i;
      int n = i - s;
      return invalid < 0 || n == 0 || n > 16 ? -1 : pfn;
    }

    /**
     * The fast path's decimal field: 1 to {@code maxDigits} ASCII digits from {@code i} up to a
     * space or the line's end, or -1 for anything else (the general parser then says what is
     * wrong). {@link #fastEnd} is left just past the digits.
     */
    private long fastDecimal(byte[] b, int i, int end, int maxDigits) {
      int s = i;
      int invalid = 0;
      long value = 0;
      while (i < end && b[i] != ' ') {
        int d = b[i] - '0';
        invalid |= d | (9 - d);
        value = value * 10 + d;
        i++;
      }
      int n = i - s;
      fastEnd = i;
      return invalid < 0 || n == 0 || n > maxDigits ? -1 : value;
    }

    /**
     * The timestamp's colon in the line {@code b[p..end)}: the first colon that ends {@code
     * DIGITS[.DIGITS]} after a blank and is followed by a blank; or -1.
     */
    private static int timestampColon(byte[] b, int p, int end) {
      for (int c = ByteScan.indexOf(b, p, end, (byte) ':');
          c >= 0;
          c = ByteScan.indexOf(b, c + 1, end, (byte) ':')) {
        if (timestampEndsAt(b, p, c) && c + 1 < end && isBlank(b[c + 1])) {
          return c;
        }
      }
      return -1;
    }

    /** Whether {@code DIGITS[.DIGITS]} ends just before {@code colon}, with a blank before it. */
    private static boolean timestampEndsAt(byte[] b, int p, int colon) {
      int j = colon - 1;
      while (j >= p && isDigit(b[j])) {
        j--;
      }
      if (colon - 1 - j == 0) {
        return false;
      }
      if (j >= p && b[j] == '.') {
        int dot = j--;
        while (j >= p && isDigit(b[j])) {
          j--;
        }
        if (dot - 1 - j == 0) {
          return false;
        }
      }
      return j >= p && isBlank(b[j]);
    }

    /** Where the timestamp {@code DIGITS[.DIGITS]} that ends at {@code colon} starts. */
    private static int timestampStart(byte[] b, int colon) {
      int j = colon - 1;
      while (isDigit(b[j]) || b[j] == '.') {
        j--;
      }
      return j + 1;
    }

    /**
     * The CPU of a record whose timestamp starts at {@code ts}: the {@code [N]} token before it or
     * before the irq-flags token in front of it, or the leading digits of the token before it
     * (trace-cmd's latency layout, where the flags follow the CPU: irqs-off, the flags' first
     * column, is never a digit); {@link PageEvents#NO_CPU} if there is none.
     */
    private static int cpuBefore(byte[] b, int p, int ts) {
      int e = ts;
      for (int token = 0; token < 2; token++) {
        while (e > p && isBlank(b[e - 1])) {
          e--;
        }
        int s = e;
        while (s > p && !isBlank(b[s - 1])) {
          s--;
        }
        if (s == e) {
          return PageEvents.NO_CPU;
        }
        if (b[s] == '[' && b[e - 1] == ']') {
          return cpuDigits(b, s + 1, e - 1);
        }
        if (token == 0 && isDigit(b[s])) {
          int d = s;
          while (d < e && isDigit(b[d])) {
            d++;
          }
          if (d < e) {
            return cpuDigits(b, s, d);
          }
        }
        e = s;
      }
      return PageEvents.NO_CPU;
    }

    /** {@code b[from..to)} as a CPU when it is 1 to {@value #CPU_DIGITS} decimal digits, else none. */
    private static int cpuDigits(byte[] b, int from, int to) {
      if (to == from || to - from > CPU_DIGITS) {
        return PageEvents.NO_CPU;
      }
      int cpu = 0;
      for (int i = from; i < to; i++) {
        if (!isDigit(b[i])) {
          return PageEvents.NO_CPU;
        }
        cpu = cpu * 10 + (b[i] - '0');
      }
      return cpu;
    }

    /** Whether the page value {@code b[from..to)} is zeros, with or without {@code 0x}: null. */
    private static boolean zeroPage(byte[] b, int from, int to) {
      int i = from;
      if (to - from > 2 && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
        i += 2;
      }
      for (; i < to; i++) {
        if (b[i] != '0') {
          return false;
        }
      }
      return true;
    }

    /** Which of our events {@code b[from..to)} names (by its length first: one compare a line). */
    private int kindOf(int from, int to) {
      byte[] name;
      int kind;
      switch (to - from) {
        case 13 -> {
          name = ALLOC;
          kind = KIND_ALLOC;
        }
        case 12 -> {
          name = FREE;
          kind = KIND_FREE;
        }
        case 20 -> {
          name = FREE_BATCHED;
          kind = KIND_FREE_BATCHED;
        }
        case 25 -> {
          name = ZONE_LOCKED;
          kind = KIND_ZONE_LOCKED;
        }
        case 18 -> {
          name = PCPU_DRAIN;
          kind = KIND_PCPU_DRAIN;
        }
        case 21 -> {
          name = EXTFRAG;
          kind = KIND_EXTFRAG;
        }
        default -> {
          return KIND_OTHER;
        }
      }
      for (int i = 0; i < name.length; i++) {
        if (b[from + i] != name[i]) {
          return KIND_OTHER;
        }
      }
      return kind;
    }

    /**
     * Finds the timestamp and the event name after it; on success {@code p} is just past the
     * name's colon. A record without a name leaves an empty name (an "other" record).
     */
    private boolean findRecord() {
      int c = timestampColon(b, p, end);
      if (c < 0) {
        return false;
      }
      cpu = cpuBefore(b, p, timestampStart(b, c));
      eventAfter(c + 1);
      return true;
    }

    /** Reads {@code [system:]name:} after the timestamp, checking our own events strictly. */
    private void eventAfter(int from) {
      p = from;
      skipBlanks();
      boolean otherSystem = false;
      int s = p;
      int k = nameEnd(s);
      if (k < end && b[k] == ':' && k + 1 < end && isNameChar(b[k + 1])) {
        otherSystem = !(k - s == KMEM.length && Arrays.equals(b, s, k, KMEM, 0, KMEM.length));
        s = k + 1;
        k = nameEnd(s);
      }
      kind = otherSystem ? KIND_OTHER : kindOf(s, k);
      if (k < end && b[k] == ':' && (k + 1 == end || isBlank(b[k + 1]))) {
        p = k + 1;
        return;
      }
      if (kind != KIND_OTHER) {
        p = k;
        throw fail("expected \":\" and a space after the event name, found " + rest());
      }
      // A record without an event name (a function tracer line or such) counts as another event.
    }

    private int nameEnd(int from) {
      int k = from;
      while (k < end && isNameChar(b[k])) {
        k++;
      }
      return k;
    }

    private static boolean isNameChar(byte c) {
      return NAME_CHARS[c & 0xff];
    }

    /** Letters, digits and {@code _}: a table, since event names are read byte by byte. */
    private static final boolean[] NAME_CHARS = nameChars();

    private static boolean[] nameChars() {
      boolean[] t = new boolean[256];
      for (int c = 0; c < 256; c++) {
        t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      }
      return t;
    }

    /** A line that is no record: trace-cmd's header lines or a lost-events marker. */
    private void marker() {
      int from = p;
      if (take(CPUS)) {
        unsignedDecimal("cpus");
        expectEnd("cpus=N");
        skipped++;
        return;
      }
      if (take(VERSION)) {
        skipBlanks();
        if (take(EQUALS)) {
          skipBlanks();
          unsignedDecimal("version");
          expectEnd("version = N");
          skipped++;
          return;
        }
      }
      p = from;
      if (take(CPU_COLON)) {
        lost();
        return;
      }
      p = from;
      throw fail(
          "expected an ftrace record \"TASK-PID [CPU] TIMESTAMP: EVENT: FIELDS\", a # comment"
              + " or a blank line, found "
              + rest());
    }

    /** {@code CPU:N [LOST M EVENTS]}, {@code [LOST EVENTS]}, {@code [M EVENTS DROPPED]}... */
    private void lost() {
      unsignedDecimal("CPU number");
      separator("the CPU number");
      long count = 1;
      if (take(LOST)) {
        if (p < end && isDigit(b[p])) {
          count = unsignedDecimal("lost event count");
          separator("the lost event count");
        }
        expect(EVENTS_CLOSE, "to end the lost-events marker");
      } else if (take(ascii("["))) {
        if (p < end && isDigit(b[p])) {
          count = unsignedDecimal("dropped event count");
          separator("the dropped event count");
        }
        expect(DROPPED_CLOSE, "to end the dropped-events marker");
      } else {
        throw fail("expected \"[LOST N EVENTS]\" after the CPU, found " + rest());
      }
      expectEnd("the lost-events marker");
      skipped++;
      lostEvents += Math.max(count, 1);
    }

    private void alloc() {
      long pfn = pagePfn();
      boolean failed = nullPage;
      separator("the pfn");
      expect(ORDER, "after the pfn");
      int order = smallInt("order", PageEvents.MAX_ORDER);
      separator("the order");
      expect(MIGRATETYPE, "after the order");
      int migratetype = smallInt("migratetype", Integer.MAX_VALUE);
      separator("the migratetype");
      expect(GFP_FLAGS, "after the migratetype");
      int gfp = gfpFlags();
      expectEnd("gfp_flags");
      notMinusOne(pfn);
      if (failed || pfn == 0) {
        deliverAllocFailed(cpu, order, migratetype, gfp);
        return;
      }
      inRange(pfn);
      deliverAlloc(cpu, pfn, order, migratetype, gfp);
    }

    private void free(boolean batched) {
      long pfn = pagePfn();
      separator("the pfn");
      expect(ORDER, "after the pfn");
      int order = smallInt("order", PageEvents.MAX_ORDER);
      if (batched) {
        if (order != 0) {
          throw fail("mm_page_free_batched frees single pages, but order is " + order);
        }
        if (!atEnd()) {
          separator("the order");
          expect(COLD, "after the order");
          unsignedDecimal("cold");
        }
      }
      expectEnd(batched ? "mm_page_free_batched's fields" : "the order");
      checkPfn(pfn);
      deliverFree(cpu, pfn, order, batched);
    }

    /** {@code mm_page_alloc_zone_locked: page=P pfn=N order=O migratetype=M percpu_refill=R}. */
    private void zoneLocked() {
      long pfn = pagePfn();
      int order = field(ORDER, "order", PageEvents.MAX_ORDER);
      int migratetype = field(MIGRATETYPE, "migratetype", Integer.MAX_VALUE);
      boolean refill = field(PERCPU_REFILL, "percpu_refill", 1) == 1;
      expectEnd("percpu_refill");
      checkPfn(pfn);
      events++;
      sink.zoneLocked(cpu, pfn, order, migratetype, refill);
    }

    /** {@code mm_page_pcpu_drain: page=P pfn=N order=O migratetype=M}. */
    private void pcpuDrain() {
      long pfn = pagePfn();
      int order = field(ORDER, "order", PageEvents.MAX_ORDER);
      int migratetype = field(MIGRATETYPE, "migratetype", Integer.MAX_VALUE);
      expectEnd("migratetype");
      checkPfn(pfn);
      events++;
      sink.pcpuDrain(cpu, pfn, order, migratetype);
    }

    /**
     * {@code mm_page_alloc_extfrag: page=P pfn=N alloc_order=A fallback_order=F pageblock_order=B
     * alloc_migratetype=AM fallback_migratetype=FM fragmenting=X change_ownership=C}.
     */
    private void extfrag() {
      long pfn = pagePfn();
      int allocOrder = field(ALLOC_ORDER, "alloc_order", PageEvents.MAX_ORDER);
      int fallbackOrder = field(FALLBACK_ORDER, "fallback_order", PageEvents.MAX_ORDER);
      field(PAGEBLOCK_ORDER, "pageblock_order", PageEvents.MAX_ORDER);
      int allocMt = field(ALLOC_MIGRATETYPE, "alloc_migratetype", Integer.MAX_VALUE);
      int fallbackMt = field(FALLBACK_MIGRATETYPE, "fallback_migratetype", Integer.MAX_VALUE);
      field(FRAGMENTING, "fragmenting", 1);
      boolean changeOwnership = field(CHANGE_OWNERSHIP, "change_ownership", 1) == 1;
      expectEnd("change_ownership");
      checkPfn(pfn);
      events++;
      sink.extfrag(cpu, pfn, allocOrder, fallbackOrder, allocMt, fallbackMt, changeOwnership);
    }

    /** {@code page=P pfn=N} after the event name: the pfn; {@link #nullPage} says whether P was null. */
    private long pagePfn() {
      skipBlanks();
      nullPage = page();
      separator("the page");
      expect(PFN, "after the page");
      return pfn();
    }

    /** A blank, then {@code name} and a decimal int from 0 to {@code max}. */
    private int field(byte[] name, String what, int max) {
      separator("the previous field");
      expect(name, "next");
      return smallInt(what, max);
    }

    private void checkPfn(long pfn) {
      notMinusOne(pfn);
      inRange(pfn);
    }

    /** Reads {@code page=P}; whether P is a null pointer. */
    private boolean page() {
      expect(PAGE, "after the event name");
      skipBlanks(); // %p pads "(null)" to the pointer width on old kernels
      int from = p;
      int to = tokenEnd();
      if (to == from) {
        throw fail("the page value is missing");
      }
      p = to;
      return equalsAscii(from, to, "(null)")
          || equalsAscii(from, to, "(nil)")
          || zeroPage(b, from, to);
    }

    private boolean equalsAscii(int from, int to, String s) {
      if (to - from != s.length()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        if (b[from + i] != s.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** {@code 0x} hexadecimal or decimal, as the kernel's version printed it. */
    private long pfn() {
      int from = p;
      if (take(HEX)) {
        return hexDigits(tokenEnd(), "pfn", from);
      }
      return unsignedDecimal("pfn");
    }

    private void notMinusOne(long pfn) {
      if (pfn == -1L) {
        throw fail(
            "pfn is -1 (0xffffffffffffffff), the tracepoint's mark for a page without a pfn");
      }
    }

    private void inRange(long pfn) {
      if (Long.compareUnsigned(pfn, PageEvents.PFN_LIMIT) >= 0) {
        throw fail(
            "pfn 0x"
                + Long.toHexString(pfn)
                + " is beyond 2^52 (a 64-bit physical address space in 4 KiB pages)");
      }
    }

    private int gfpFlags() {
      if (atEnd()) {
        throw fail("gfp_flags is empty");
      }
      // The flags end the (trimmed) line. Text with a blank never parses, so is never cached: a
      // hit needs no scan for the end of the token.
      try {
        int bits = gfpNames.bits(b, p, end, unknownName);
        p = end;
        return bits;
      } catch (IllegalArgumentException e) {
        int to = tokenEnd();
        if (to < end) {
          p = to;
          throw fail("unexpected text after gfp_flags: " + rest());
        }
        throw fail("gfp_flags: " + e.getMessage());
      }
    }
  }
}
