package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FtraceReaderTest {
  private static final String PREFIX = "            bash-23819   [000] .....  8171.658181: ";
  private static final String ALLOC =
      PREFIX
          + "mm_page_alloc: page=00000000f8af7393 pfn=0x10a0f7 order=0 migratetype=0"
          + " gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO|__GFP_COMP";

  static List<String> parse(String text) {
    Recorder r = new Recorder();
    read(text, r, false);
    return r.events;
  }

  static TraceStats read(String text, Recorder r, boolean skipBad) {
    return FtraceReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.trace", r, skipBad);
  }

  static TraceParseException error(String text) {
    return catchThrowableOfType(TraceParseException.class, () -> parse(text));
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(FtraceReaderTest.class.getResource(name).toURI());
  }

  @Test
  void readsTheTracefsLayout() {
    assertThat(
            parse(
                "  kworker/0:1-1234  [000] d..1. 12345.678901: mm_page_alloc:"
                    + " page=00000000b5a2c3f0 pfn=0x10a3c4 order=0 migratetype=1"
                    + " gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_ZERO\n"))
        // GFP_HIGHUSER_MOVABLE is 0x100cca in 6.6 (without KASAN_HW_TAGS), __GFP_ZERO 0x100.
        .containsExactly("alloc 0x10a3c4 0 1 0x100dca");
  }

  @Test
  void readsTheTraceCmdReportLayout() {
    assertThat(
            parse(
                "  bash-1234  [001] 12345.678901: mm_page_alloc:        page=0xffffea0004283c40"
                    + " pfn=1090500 order=0 migratetype=1 gfp_flags=GFP_KERNEL\n"))
        .containsExactly("alloc 0x10a3c4 0 1 0xcc0");
  }

  @Test
  void readsLinesRecordedOnALinux618Machine() {
    // Verbatim from the recordings in src/test/resources/ftrace: a task name with a colon and a
    // dash, a five-column irq field, trace-cmd's page=pfn and its -l latency layout.
    String text =
        "memfd:sealed-91-22669   [001] ...1.  8171.686510: mm_page_free:"
            + " page=000000007f51a754 pfn=0x1082e1 order=0\n"
            + "             gcc-23866   [000] d..1.  8171.870522: mm_page_alloc:"
            + " page=00000000b222f705 pfn=0x172900 order=1 migratetype=2"
            + " gfp_flags=GFP_NOWAIT|__GFP_RECLAIMABLE|__GFP_NORETRY|__GFP_COMP\n"
            + "            bash-23819   [000] ...4.  8171.658344: mm_page_free_batched:"
            + " page=00000000c050f903 pfn=0x117bac order=0\n"
            + "            bash-24251 [001]  8216.002183: mm_page_alloc:        page=0x103ccc"
            + " pfn=0x103ccc order=0 migratetype=0"
            + " gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO|__GFP_COMP\n"
            + "    bash-24251   1.....  8216.002214: mm_page_alloc:        page=0x108f62"
            + " pfn=0x108f62 order=0 migratetype=0"
            + " gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO|__GFP_COMP\n";
    assertThat(parse(text))
        .containsExactly(
            "free 0x1082e1 0",
            "alloc 0x172900 1 2 0x50810",
            "free 0x117bac 0",
            "alloc 0x103ccc 0 0 0x440dc0",
            "alloc 0x108f62 0 0 0x440dc0");
  }

  @Test
  void theIrqFlagsAndTgidColumnsMayTakeAnyShapeOrBeAbsent() {
    String fields = "mm_page_free: page=ffffea0000a7c000 pfn=0x29f0 order=2\n";
    for (String prefix :
        List.of(
            "  <idle>-0     [003] d.h2 1.000001: ",
            "  sh-7 [000] ...1  12.5: ",
            "  sh-7 (    7) [000] d..1. 12.500000: ",
            "  sh-7 (-------) [000] ..... 12.500000: ",
            "  sh-7 [000] 12.500000: ",
            "  Web Content-4242 [002] ..s.. 99.000000: ",
            "  sh-7 [000] ..... 123456789: ")) {
      assertThat(parse(prefix + fields)).as(prefix).containsExactly("free 0x29f0 2");
    }
  }

  @Test
  void oldKernelsPrintThePfnInDecimalAndBatchedFreesWithCold() {
    // 4.14's free_hot_cold_page_list: mm_page_free_batched, then free_pages_prepare's mm_page_free.
    assertThat(
            parse(
                "  sh-7 [000] ...1 100.000001: mm_page_alloc: page=ffffea0001c3a0c0 pfn=462083"
                    + " order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
                    + "  sh-7 [000] ...1 100.000002: mm_page_free_batched: page=ffffea0001c3a0c0"
                    + " pfn=462083 order=0 cold=0\n"
                    + "  sh-7 [000] ...1 100.000003: mm_page_free: page=ffffea0001c3a0c0"
                    + " pfn=462083 order=0\n"))
        .containsExactly("alloc 0x70d03 0 0 0xcc0", "free 0x70d03 0");
  }

  @Test
  void aNullPageOrPfnZeroIsAFailedAllocation() {
    String tail = " order=3 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_NOWARN";
    assertThat(
            parse(
                PREFIX + "mm_page_alloc: page=0000000000000000 pfn=0x0" + tail + "\n"
                    + PREFIX + "mm_page_alloc: page=          (null) pfn=0" + tail + "\n"
                    + PREFIX + "mm_page_alloc: page=(null) pfn=18446612682702848000" + tail + "\n"
                    + PREFIX + "mm_page_alloc: page=0x0 pfn=0x0" + tail + "\n"
                    + PREFIX + "mm_page_alloc: page=(____ptrval____) pfn=0x0" + tail + "\n"
                    + PREFIX + "mm_page_alloc: page=(____ptrval____) pfn=0x1234" + tail + "\n"))
        .containsExactly(
            "allocFailed 3 0 0x2cc0",
            "allocFailed 3 0 0x2cc0",
            "allocFailed 3 0 0x2cc0",
            "allocFailed 3 0 0x2cc0",
            "allocFailed 3 0 0x2cc0",
            "alloc 0x1234 3 0 0x2cc0");
  }

  @Test
  void gfpFlagsMayBeNoneOrCarryLeftoverBits() {
    String head = PREFIX + "mm_page_alloc: page=1 pfn=0x10 order=0 migratetype=2 gfp_flags=";
    assertThat(parse(head + "none\n" + head + "GFP_KERNEL|0x1000000\n" + head + "0x3\n"))
        .containsExactly(
            "alloc 0x10 0 2 0x0", "alloc 0x10 0 2 0x1000cc0", "alloc 0x10 0 2 0x3");
  }

  @Test
  void perfScriptsSystemPrefixIsAccepted() {
    assertThat(
            parse(
                "   bash  1234 [001] 12345.678901: kmem:mm_page_alloc: page=0xffffea0004283c40"
                    + " pfn=0x10a3c4 order=0 migratetype=1 gfp_flags=GFP_KERNEL\n"))
        .containsExactly("alloc 0x10a3c4 0 1 0xcc0");
  }

  @Test
  void commentsBlankLinesHeadersMarkersAndOtherEventsAreSkippedAndCounted() {
    String text =
        "# tracer: nop\n"
            + "#\n"
            + "\n"
            + "   \t\n"
            + "cpus=2\n"
            + "version = 6\n"
            + "##### CPU 1 buffer started ####\n"
            + PREFIX + "mm_page_alloc_zone_locked_v2: page=1 pfn=0x10 order=0 migratetype=1\n"
            + PREFIX + "mm_page_pcpu_drained: page=1 pfn=0x10 order=0 migratetype=1\n"
            + PREFIX + "sched_switch: prev_comm=bash prev_pid=1 ==> next_comm=x next_pid=2\n"
            + PREFIX + "tracing_mark_write: hello: world\n"
            + PREFIX + "do_sys_open <-__x64_sys_openat\n"
            + PREFIX + "foo:mm_page_alloc: not ours\n"
            + "CPU:1 [LOST 7 EVENTS]\n"
            + "CPU:0 [LOST EVENTS]\n"
            + "CPU:7 [204600 EVENTS DROPPED]\n"
            + "CPU:7 [EVENTS DROPPED]\n"
            + ALLOC + "\n";
    Recorder r = new Recorder();
    TraceStats stats = read(text, r, false);
    assertThat(r.events).containsExactly("alloc 0x10a0f7 0 0 0x440dc0");
    assertThat(stats).isEqualTo(new TraceStats(18, 1, 17, 0, 7 + 1 + 204600 + 1));
  }

  @Test
  void crlfAByteOrderMarkAndAMissingFinalNewlineAreFine() {
    assertThat(parse("\uFEFF# tracer: nop\r\n" + ALLOC + "\r\n" + ALLOC))
        .containsExactly("alloc 0x10a0f7 0 0 0x440dc0", "alloc 0x10a0f7 0 0 0x440dc0");
  }

  static Stream<Arguments> malformed() {
    String alloc = PREFIX + "mm_page_alloc: ";
    String free = PREFIX + "mm_page_free: ";
    String batched = PREFIX + "mm_page_free_batched: ";
    String rest = " order=0 migratetype=1 gfp_flags=GFP_KERNEL";
    return Stream.of(
        Arguments.of("hello world", "expected an ftrace record"),
        Arguments.of("bash-1 [000] .... : mm_page_alloc: x", "expected an ftrace record"),
        Arguments.of(PREFIX + "mm_page_alloc page=1 pfn=0x1" + rest, "expected \":\""),
        Arguments.of(alloc + "pfn=0x1" + rest, "expected \"page=\""),
        Arguments.of(alloc + "page=" , "the page value is missing"),
        Arguments.of(alloc + "page=1 order=0 migratetype=1 gfp_flags=none", "expected \"pfn=\""),
        Arguments.of(alloc + "page=1 pfn=0x" + rest, "has no hexadecimal digits"),
        Arguments.of(alloc + "page=1 pfn=0xzz" + rest, "is not a hexadecimal number"),
        Arguments.of(alloc + "page=1 pfn=12a" + rest, "is not a decimal number"),
        Arguments.of(alloc + "page=1 pfn=0x10000000000000000" + rest, "more than 64 bits"),
        Arguments.of(alloc + "page=1 pfn=18446744073709551616" + rest, "more than 64 bits"),
        Arguments.of(alloc + "page=1 pfn=0xffffffffffffffff" + rest, "pfn is -1"),
        Arguments.of(alloc + "page=1 pfn=18446744073709551615" + rest, "pfn is -1"),
        Arguments.of(free + "page=1 pfn=0xffffffffffffffff order=0", "pfn is -1"),
        Arguments.of(free + "page=1 pfn=0x10000000000000 order=0", "beyond 2^52"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=31 migratetype=1 gfp_flags=none",
            "order \"31\" is out of range (0..30)"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=-1 migratetype=1 gfp_flags=none",
            "order \"-1\" is negative"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=-1 gfp_flags=none",
            "migratetype \"-1\" is negative"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1", "expected a space after"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1 gfp_flags=",
            "gfp_flags is empty"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1 gfp_flags=GFP-BOGUS",
            "gfp flag \"GFP-BOGUS\" is not a flag name"),
        Arguments.of(PREFIX + "mm_page_alloc_zone_locked: page=1 pfn=0x1 order=0 migratetype=1",
            "expected a space after the previous field"),
        Arguments.of(PREFIX + "mm_page_alloc_zone_locked: page=1 pfn=0x1 order=0 migratetype=1"
            + " percpu_refill=2", "percpu_refill \"2\" is out of range (0..1)"),
        Arguments.of(PREFIX + "mm_page_pcpu_drain: page=1 pfn=0x1 order=0 mt=1",
            "expected \"migratetype=\" next"),
        Arguments.of(PREFIX + "mm_page_pcpu_drain: page=1 pfn=0xffffffffffffffff order=0"
            + " migratetype=1", "pfn is -1"),
        Arguments.of(PREFIX + "mm_page_alloc_extfrag: page=1 pfn=0x1 alloc_order=0"
            + " fallback_order=10 pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1"
            + " fragmenting=0", "expected a space after the previous field"),
        Arguments.of(PREFIX + "mm_page_alloc_extfrag: page=1 pfn=0x1 alloc_order=0"
            + " fallback_order=10 pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1"
            + " fragmenting=0 change_ownership=1 x", "unexpected text after change_ownership"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1 gfp_flags=GFP_KERNEL|",
            "empty flag"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1 gfp_flags=0x123456789",
            "1 to 8 hexadecimal digits"),
        Arguments.of(alloc + "page=1 pfn=0x1 order=0 migratetype=1 gfp_flags=none x",
            "unexpected text after gfp_flags"),
        Arguments.of(free + "page=1 pfn=0x1", "expected a space after the pfn"),
        Arguments.of(free + "page=1 pfn=0x1 order=0 migratetype=1", "unexpected text"),
        Arguments.of(batched + "page=1 pfn=0x1 order=1", "frees single pages"),
        Arguments.of(batched + "page=1 pfn=0x1 order=0 hot=1", "expected \"cold=\""),
        Arguments.of("CPU:1 [LOST x EVENTS]", "expected \"EVENTS]\""),
        Arguments.of("CPU:1 lost", "expected \"[LOST N EVENTS]\""),
        Arguments.of("cpus=two", "is not a decimal number"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedLineIsAnErrorNamingFileLineAndWhatWasExpected(String bad, String reason) {
    TraceParseException e = error("# tracer: nop\n" + ALLOC + "\n" + bad + "\n" + ALLOC + "\n");
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo("test.trace");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("test.trace:3: ");
  }

  @Test
  void theEventsBeforeABadLineAreDeliveredAndTheBadLineNever() {
    Recorder r = new Recorder();
    String bad = PREFIX + "mm_page_alloc: page=1 pfn=0x77 order=0 migratetype=1 gfp_flags=0xZZ";
    catchThrowableOfType(
        TraceParseException.class, () -> read(ALLOC + "\n" + bad + "\n", r, false));
    assertThat(r.events).containsExactly("alloc 0x10a0f7 0 0 0x440dc0");
  }

  @Test
  void skipBadCountsBadLinesAndNeverHalfAppliesThem() {
    String text =
        ALLOC + "\n"
            + PREFIX + "mm_page_alloc: page=1 pfn=0x77 order=0 migratetype=1 gfp_flags=B-D\n"
            + PREFIX + "mm_page_free: page=1 pfn=0x77 order=0 junk\n"
            + "garbage\n"
            + PREFIX + "mm_page_free: page=1 pfn=0x10a0f7 order=0\n";
    Recorder r = new Recorder();
    TraceStats stats = read(text, r, true);
    assertThat(r.events).containsExactly("alloc 0x10a0f7 0 0 0x440dc0", "free 0x10a0f7 0");
    assertThat(stats).isEqualTo(new TraceStats(5, 2, 0, 3, 0));
  }

  @Test
  void readsTheRecordedTracefsSample() throws Exception {
    Recorder r = new Recorder();
    TraceStats stats = FtraceReader.read(resource("/ftrace/sample.trace"), r, false);
    // 12 header comments and the first 800 records of the recording (see its README): each of
    // the 185 mm_page_free_batched records follows an mm_page_free of its page (6.18's
    // free_unref_folios), so it is a duplicate and not a second free.
    assertThat(stats).isEqualTo(new TraceStats(812, 615, 12, 0, 0, 185, Map.of()));
    assertThat(r.events).filteredOn(e -> e.startsWith("alloc ")).hasSize(384);
    assertThat(r.events).filteredOn(e -> e.startsWith("free ")).hasSize(231);
    assertThat(r.events.getFirst()).isEqualTo("alloc 0x10a0f7 0 0 0x440dc0");
    assertThat(r.events).contains("alloc 0x1729f8 2 2 0xd2050");
  }

  @Test
  void readsTheRecordedTraceCmdSample() throws Exception {
    Recorder r = new Recorder();
    TraceStats stats = FtraceReader.read(resource("/ftrace/trace-cmd-report.txt"), r, false);
    // "cpus=2" and the first 700 records; all 203 mm_page_free_batched records are duplicates.
    assertThat(stats).isEqualTo(new TraceStats(701, 497, 1, 0, 0, 203, Map.of()));
    assertThat(r.events).filteredOn(e -> e.startsWith("alloc ")).hasSize(286);
    assertThat(r.events).filteredOn(e -> e.startsWith("free ")).hasSize(211);
    assertThat(r.events.getFirst()).isEqualTo("alloc 0x103ccc 0 0 0x440dc0");
  }

  static List<String> parseWithCpus(String text) {
    Recorder r = new Recorder(e -> {}, true);
    read(text, r, false);
    return r.events;
  }

  @Test
  void everyLayoutGivesTheCpuItPrints() {
    String fields = "mm_page_free: page=ffffea0000a7c000 pfn=0x29f0 order=2\n";
    assertThat(parseWithCpus("  <idle>-0     [003] d.h2 1.000001: " + fields))
        .containsExactly("free@3 0x29f0 2");
    assertThat(parseWithCpus("  sh-7 (    7) [012] d..1. 12.500000: " + fields))
        .containsExactly("free@12 0x29f0 2");
    assertThat(parseWithCpus("  bash-24251 [001]  8216.002183: " + fields))
        .containsExactly("free@1 0x29f0 2");
    // trace-cmd -l: the CPU, then the latency flags, in one token.
    assertThat(parseWithCpus("    bash-24251   1.....  8216.002214: " + fields))
        .containsExactly("free@1 0x29f0 2");
    // No CPU column: the pid before the timestamp is not taken for one.
    assertThat(parseWithCpus("  sh 7 12.5: " + fields)).containsExactly("free@-1 0x29f0 2");
    assertThat(parseWithCpus("  sh-7 [1234567] ..... 12.5: " + fields))
        .containsExactly("free@-1 0x29f0 2");
  }

  @Test
  void readsTheObservationTracepointsOfLinux6() {
    // Verbatim from a 6.18 recording (tar c /usr/lib), but for the third line's order.
    String text =
        "             tar-16243   [001] d..1. 10769.964482: mm_page_alloc_zone_locked:"
            + " page=00000000e2538d71 pfn=0x24bd00 order=4 migratetype=1 percpu_refill=0\n"
            + "              xz-16149   [000] d..3. 10771.112279: mm_page_alloc_zone_locked:"
            + " page=00000000c32a2d9c pfn=0x305efe order=0 migratetype=0 percpu_refill=1\n"
            + "     GC Thread#0-16104   [001] d..3. 10770.518634: mm_page_pcpu_drain:"
            + " page=000000002b81f5e3 pfn=0x1d0c38 order=3 migratetype=1\n"
            + "              xz-16149   [000] d..3. 10771.112282: mm_page_alloc_extfrag:"
            + " page=00000000050b6f4b pfn=0x2e9c00 alloc_order=0 fallback_order=10"
            + " pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1 fragmenting=0"
            + " change_ownership=1\n";
    assertThat(parseWithCpus(text))
        .containsExactly(
            "zoneLocked@1 0x24bd00 4 1 0",
            "zoneLocked@0 0x305efe 0 0 1",
            "pcpuDrain@1 0x1d0c38 3 1",
            "extfrag@0 0x2e9c00 0 10 0 1 1");
  }

  @Test
  void readsTheObservationTracepointsOfOldKernelsWithDecimalPfns() {
    String text =
        "  sh-7 [002] d..1 5.000001: mm_page_alloc_zone_locked: page=ffffea0001c3a0c0"
            + " pfn=462083 order=0 migratetype=2 percpu_refill=1\n"
            + "  sh-7 [002] d..1 5.000002: mm_page_pcpu_drain: page=ffffea0001c3a0c0 pfn=462083"
            + " order=0 migratetype=2\n"
            + "  sh-7 [002] d..1 5.000003: mm_page_alloc_extfrag: page=ffffea0001c3a0c0"
            + " pfn=462083 alloc_order=1 fallback_order=3 pageblock_order=9"
            + " alloc_migratetype=2 fallback_migratetype=1 fragmenting=1 change_ownership=0\n";
    assertThat(parseWithCpus(text))
        .containsExactly(
            "zoneLocked@2 0x70d03 0 2 1",
            "pcpuDrain@2 0x70d03 0 2",
            "extfrag@2 0x70d03 1 3 2 1 0");
  }

  private static String freeLine(int cpu, String event, long pfn, int order) {
    return "  sh-7 [00" + cpu + "] ...1. 1.5: " + event + ": page=0000000012345678 pfn=0x"
        + Long.toHexString(pfn) + " order=" + order + "\n";
  }

  @Test
  void aBatchedFreeOfLinux6IsOneFreeAndTheDuplicateIsCounted() {
    // free_unref_folios: the prepare loop's mm_page_free records, then the commit loop's
    // mm_page_free_batched records; a large folio's batched record still says order=0, and an
    // interrupt's allocation on the other CPU may come between.
    String text =
        freeLine(0, "mm_page_free", 0x100, 0)
            + freeLine(0, "mm_page_free", 0x200, 2)
            + PREFIX.replace("[000]", "[001]") + "mm_page_alloc: page=1 pfn=0x300 order=0"
            + " migratetype=0 gfp_flags=GFP_ATOMIC\n"
            + freeLine(0, "mm_page_free_batched", 0x100, 0)
            + freeLine(0, "mm_page_free_batched", 0x200, 0);
    Recorder r = new Recorder(e -> {}, true);
    TraceStats stats = read(text, r, false);
    assertThat(r.events)
        .containsExactly("free@0 0x100 0", "free@0 0x200 2", "alloc@1 0x300 0 0 0x820");
    assertThat(stats).isEqualTo(new TraceStats(5, 3, 0, 0, 0, 2, Map.of()));
  }

  @Test
  void aBatchedFreeOfLinux4IsOneFreeToo() {
    // free_hot_cold_page_list (up to 4.14): per page, mm_page_free_batched, then mm_page_free.
    String text =
        freeLine(1, "mm_page_free_batched", 0x100, 0)
            + freeLine(1, "mm_page_free", 0x100, 0)
            + freeLine(1, "mm_page_free_batched", 0x101, 0)
            + freeLine(1, "mm_page_free", 0x101, 0);
    Recorder r = new Recorder(e -> {}, true);
    TraceStats stats = read(text, r, false);
    assertThat(r.events).containsExactly("free@1 0x100 0", "free@1 0x101 0");
    assertThat(stats.duplicateFrees()).isEqualTo(2);
  }

  @Test
  void batchedRecordsAloneAreTheFreesAndAnAllocationEndsAPair() {
    String text =
        // A trace with only mm_page_free_batched enabled: each record is a free.
        freeLine(0, "mm_page_free_batched", 0x100, 0)
            + freeLine(0, "mm_page_free_batched", 0x101, 0)
            // Freed, allocated again, then freed by a batch: the batched record pairs with the
            // second mm_page_free only.
            + freeLine(0, "mm_page_free", 0x200, 0)
            + PREFIX + "mm_page_alloc: page=1 pfn=0x200 order=0 migratetype=0 gfp_flags=none\n"
            + freeLine(1, "mm_page_free", 0x200, 0)
            + freeLine(0, "mm_page_free_batched", 0x200, 0)
            // Two frees of one kind are two frees (the trace lost the allocation between them).
            + freeLine(0, "mm_page_free", 0x300, 0)
            + freeLine(0, "mm_page_free", 0x300, 0);
    Recorder r = new Recorder(e -> {}, true);
    TraceStats stats = read(text, r, false);
    assertThat(r.events)
        .containsExactly(
            "free@0 0x100 0",
            "free@0 0x101 0",
            "free@0 0x200 0",
            "alloc@0 0x200 0 0 0x0",
            "free@1 0x200 0",
            "free@0 0x300 0",
            "free@0 0x300 0");
    assertThat(stats.duplicateFrees()).isEqualTo(1);
  }

  @Test
  void aPairFartherApartThanTheWindowIsTwoFrees() {
    StringBuilder text = new StringBuilder(freeLine(0, "mm_page_free", 0x100, 0));
    for (long i = 0; i < BatchedFrees.WINDOW; i++) {
      text.append("# filler\n");
    }
    text.append(freeLine(0, "mm_page_free_batched", 0x100, 0));
    Recorder r = new Recorder();
    assertThat(read(text.toString(), r, false).duplicateFrees()).isZero();
    assertThat(r.events).containsExactly("free 0x100 0", "free 0x100 0");
  }

  @Test
  void unknownGfpNamesAreCountedNotFatal() {
    String head = PREFIX + "mm_page_alloc: page=1 pfn=0x10 order=0 migratetype=0 gfp_flags=";
    Recorder r = new Recorder();
    TraceStats stats =
        read(
            head + "GFP_KERNEL|__GFP_NO_OBJ_EXT\n"
                + head + "GFP_KERNEL|__GFP_COLD|__GFP_NOTRACK\n"
                + head + "GFP_TEMPORARY|__GFP_COLD\n"
                // A bad line's names are not counted.
                + head + "__GFP_COLD junk\n",
            r,
            true);
    assertThat(r.events)
        .containsExactly("alloc 0x10 0 0 0x1000cc0", "alloc 0x10 0 0 0xcc0", "alloc 0x10 0 0 0x0");
    assertThat(stats.unknownGfpFlags())
        .containsExactly(
            Map.entry("GFP_TEMPORARY", 1L), Map.entry("__GFP_COLD", 2L), Map.entry("__GFP_NOTRACK", 1L));
    assertThat(stats.bad()).isEqualTo(1);
  }
}
