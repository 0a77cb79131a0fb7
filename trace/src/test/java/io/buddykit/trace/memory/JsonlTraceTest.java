package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonlTraceTest {
  private static final String HEADER = "{\"format\":\"buddykit-trace\",\"version\":2}";

  static TraceStats read(String text, Recorder r, boolean skipBad) {
    return read(text.getBytes(StandardCharsets.UTF_8), r, r, skipBad);
  }

  static TraceStats read(byte[] bytes, PageEvents pages, MallocEvents mallocs, boolean skipBad) {
    return JsonlTrace.read(
        new ByteArrayInputStream(bytes), "test.jsonl", pages, mallocs, skipBad);
  }

  static List<String> parse(String text) {
    Recorder r = new Recorder();
    read(text, r, false);
    return r.events;
  }

  static TraceParseException error(String text) {
    return catchThrowableOfType(TraceParseException.class, () -> parse(text));
  }

  static Path resource(String name) throws Exception {
    return Path.of(JsonlTraceTest.class.getResource(name).toURI());
  }

  @Test
  void readsEveryOpOfTheDocumentedSchema() {
    String text =
        HEADER + "\n"
            + "{\"op\":\"alloc\",\"pfn\":4660,\"order\":0,\"mt\":1,\"gfp\":\"0xcc0\"}\n"
            + "{\"op\":\"alloc_failed\",\"order\":3,\"mt\":0,\"gfp\":\"0x2cc0\"}\n"
            + "{\"op\":\"free\",\"pfn\":4660,\"order\":0}\n"
            + "{\"op\":\"malloc\",\"addr\":\"0x55d0c0a2b2a0\",\"size\":32}\n"
            + "{\"op\":\"malloc_failed\",\"size\":18446744073709551615}\n"
            + "{\"op\":\"mfree\",\"addr\":\"0x55d0c0a2b2a0\"}\n"
            + "{\"op\":\"realloc\",\"old\":\"0x55d0c0a2b2a0\",\"addr\":\"0x55d0c0a2c000\","
            + "\"size\":64}\n";
    Recorder r = new Recorder();
    TraceStats stats = read(text, r, false);
    assertThat(r.events)
        .containsExactly(
            "alloc 0x1234 0 1 0xcc0",
            "allocFailed 3 0 0x2cc0",
            "free 0x1234 0",
            "malloc 0x55d0c0a2b2a0 32",
            "failed 18446744073709551615",
            "mfree 0x55d0c0a2b2a0",
            "realloc 0x55d0c0a2b2a0 0x55d0c0a2c000 64");
    assertThat(stats).isEqualTo(new TraceStats(8, 7, 1, 0, 0));
  }

  @Test
  void readsTheCpuAndTheObservationOpsAndVersion1Files() {
    String text =
        "{\"format\":\"buddykit-trace\",\"version\":1}\n"
            + "{\"op\":\"alloc\",\"cpu\":3,\"pfn\":4660,\"order\":0,\"mt\":1,\"gfp\":\"0xcc0\"}\n"
            + "{\"op\":\"free\",\"pfn\":4660,\"order\":0}\n"
            + "{\"op\":\"zone_locked\",\"cpu\":0,\"pfn\":4672,\"order\":0,\"mt\":1,"
            + "\"percpu_refill\":1}\n"
            + "{\"op\":\"pcpu_drain\",\"cpu\":0,\"pfn\":4660,\"order\":2,\"mt\":1}\n"
            + "{\"change_ownership\":0,\"fallback_mt\":1,\"mt\":0,\"fallback_order\":10,"
            + "\"order\":0,\"pfn\":9216,\"cpu\":1,\"op\":\"extfrag\"}\n";
    Recorder r = new Recorder(e -> {}, true);
    read(text, r, false);
    assertThat(r.events)
        .containsExactly(
            "alloc@3 0x1234 0 1 0xcc0",
            "free@-1 0x1234 0",
            "zoneLocked@0 0x1240 0 1 1",
            "pcpuDrain@0 0x1234 2 1",
            "extfrag@1 0x2400 0 10 0 1 0");
  }

  @Test
  void keysComeInAnyOrderWithWhitespaceAndTheHeaderIsOptional() {
    assertThat(
            parse(
                "\n  { \"gfp\" : \"0xCC0\" ,\t\"mt\":1, \"order\": 2 ,\"pfn\":0,\"op\":\"alloc\" }"
                    + "  \r\n"))
        .containsExactly("alloc 0x0 2 1 0xcc0");
  }

  @Test
  void aNullSinkSkipsItsKindOfEvents() {
    String text =
        "{\"op\":\"free\",\"pfn\":1,\"order\":0}\n{\"op\":\"mfree\",\"addr\":\"0x10\"}\n";
    Recorder r = new Recorder();
    TraceStats stats = read(text.getBytes(StandardCharsets.UTF_8), null, r, false);
    assertThat(r.events).containsExactly("mfree 0x10");
    assertThat(stats).isEqualTo(new TraceStats(2, 1, 1, 0, 0));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("op=alloc", "expected a JSON object"),
        Arguments.of("{}", "the object is empty"),
        Arguments.of("{\"pfn\":1}", "the object has no \"op\""),
        Arguments.of("{\"op\":\"free\",\"pfn\":1}", "op \"free\" lacks \"order\""),
        Arguments.of(
            "{\"op\":\"free\",\"pfn\":1,\"order\":0,\"mt\":1}",
            "op \"free\" does not take \"mt\""),
        Arguments.of("{\"op\":\"free\",\"pfn\":1,\"pfn\":2,\"order\":0}", "appears twice"),
        Arguments.of("{\"op\":\"swap\"}", "unknown op \"swap\""),
        Arguments.of("{\"op\":\"free\",\"pfn\":1,\"order\":0,\"x\":1}", "unknown key \"x\""),
        Arguments.of("{\"op\":\"free\",\"pfn\":01,\"order\":0}", "has a leading zero"),
        Arguments.of("{\"op\":\"free\",\"pfn\":-1,\"order\":0}", "pfn is negative"),
        Arguments.of("{\"op\":\"free\",\"pfn\":1.5,\"order\":0}", "must be a whole number"),
        Arguments.of("{\"op\":\"free\",\"pfn\":1e3,\"order\":0}", "must be a whole number"),
        Arguments.of("{\"op\":\"free\",\"pfn\":\"1\",\"order\":0}", "must be a number"),
        Arguments.of("{\"op\":\"free\",\"pfn\":null,\"order\":0}", "expected a number for pfn"),
        Arguments.of("{\"op\":\"free\",\"pfn\":4503599627370496,\"order\":0}", "not below 2^52"),
        Arguments.of("{\"op\":\"free\",\"pfn\":1,\"order\":31}", "order 31 is out of range"),
        Arguments.of(
            "{\"op\":\"free\",\"pfn\":18446744073709551616,\"order\":0}", "more than 64 bits"),
        Arguments.of(
            "{\"op\":\"alloc_failed\",\"order\":0,\"mt\":2147483648,\"gfp\":\"0x0\"}",
            "is not an int"),
        Arguments.of(
            "{\"op\":\"alloc_failed\",\"order\":0,\"mt\":0,\"gfp\":3264}", "expected gfp"),
        Arguments.of(
            "{\"op\":\"alloc_failed\",\"order\":0,\"mt\":0,\"gfp\":\"cc0\"}",
            "is not \"0x\" and hexadecimal digits"),
        Arguments.of(
            "{\"op\":\"alloc_failed\",\"order\":0,\"mt\":0,\"gfp\":\"0x100000000\"}",
            "more than 32 bits"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x10\",\"cpu\":1}", "op \"mfree\" does not take \"cpu\""),
        Arguments.of("{\"op\":\"free\",\"cpu\":2147483648,\"pfn\":1,\"order\":0}",
            "cpu 2147483648 is not an int"),
        Arguments.of("{\"op\":\"zone_locked\",\"pfn\":1,\"order\":0,\"mt\":0,\"percpu_refill\":2}",
            "percpu_refill 2 is out of range (0..1)"),
        Arguments.of("{\"op\":\"pcpu_drain\",\"pfn\":1,\"order\":0}", "op \"pcpu_drain\" lacks \"mt\""),
        Arguments.of("{\"op\":\"extfrag\",\"pfn\":1,\"order\":0,\"fallback_order\":31,\"mt\":0,"
            + "\"fallback_mt\":1,\"change_ownership\":0}", "fallback_order 31 is out of range"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x0\"}", "is 0 (a null pointer)"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x1\\u0032\"}", "escapes are not used"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x12", "unterminated string"),
        Arguments.of(
            "{\"op\":\"malloc\",\"addr\":\"0x10\",\"size\":9223372036854775808}",
            "is more than 9223372036854775807"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x10\"} x", "unexpected text after the object"),
        Arguments.of("{\"op\":\"mfree\",\"addr\":\"0x10\"", "expected \",\" or \"}\""),
        Arguments.of("{\"op\":\"mfree\" \"addr\":\"0x10\"}", "expected \",\" or \"}\""),
        Arguments.of("{\"op\" \"mfree\"}", "expected \":\" after the key \"op\""),
        Arguments.of("{op:\"mfree\"}", "expected a key in quotes"),
        Arguments.of(HEADER, "may only be the first line"),
        Arguments.of(
            "{\"format\":\"buddykit-trace\",\"version\":1,\"op\":\"mfree\"}",
            "the header has exactly the keys"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedLineIsAnErrorNamingFileLineAndWhatWasExpected(String bad, String reason) {
    String good = "{\"op\":\"mfree\",\"addr\":\"0x10\"}";
    TraceParseException e = error(good + "\n\n" + bad + "\n" + good + "\n");
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo("test.jsonl");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("test.jsonl:3: ");
  }

  @Test
  void theHeaderMustNameTheFormatAndAKnownVersion() {
    assertThat(error("{\"format\":\"other\",\"version\":1}").reason())
        .contains("format \"other\" is not \"buddykit-trace\"");
    assertThat(error("{\"format\":\"buddykit-trace\",\"version\":3}").reason())
        .isEqualTo("version 3 is not supported (this reader knows 1 to 2)");
  }

  @Test
  void skipBadCountsBadLinesAndNeverHalfAppliesThem() {
    Recorder r = new Recorder();
    TraceStats stats =
        read(
            "{\"op\":\"mfree\",\"addr\":\"0x10\"}\n"
                + "{\"op\":\"malloc\",\"addr\":\"0x20\",\"size\":-1}\n"
                + "{\"op\":\"malloc\",\"addr\":\"0x20\",\"size\":1,\"old\":\"0x1\"}\n"
                + "{\"op\":\"mfree\",\"addr\":\"0x30\"}\n",
            r,
            true);
    assertThat(r.events).containsExactly("mfree 0x10", "mfree 0x30");
    assertThat(stats).isEqualTo(new TraceStats(4, 2, 0, 2, 0));
  }

  @Test
  void whatTheWriterWritesReadsBackAsTheSameEvents() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Recorder direct = new Recorder(e -> {}, true);
    try (JsonlWriter w = new JsonlWriter(bytes)) {
      for (Object sink : List.of(direct, w)) {
        PageEvents pages = (PageEvents) sink;
        MallocEvents mallocs = (MallocEvents) sink;
        pages.alloc(PageEvents.NO_CPU, 0, 0, 0, 0);
        pages.alloc(Integer.MAX_VALUE, PageEvents.PFN_LIMIT - 1, PageEvents.MAX_ORDER,
            Integer.MAX_VALUE, -1);
        pages.allocFailed(3, 9, 4, 0x2cc0);
        pages.free(0, 0x10a3c4, 3);
        pages.zoneLocked(1, 0x2e9c01, 0, 0, true);
        pages.pcpuDrain(PageEvents.NO_CPU, 0x1d0c38, 3, 1);
        pages.extfrag(Integer.MAX_VALUE, PageEvents.PFN_LIMIT - 1, PageEvents.MAX_ORDER,
            PageEvents.MAX_ORDER, Integer.MAX_VALUE, Integer.MAX_VALUE, true);
        mallocs.malloc(0x55d0c0a2b2a0L, 0);
        mallocs.malloc(-1L, Long.MAX_VALUE);
        mallocs.failed(-1L);
        mallocs.failed(0);
        mallocs.realloc(0x55d0c0a2b2a0L, Long.MIN_VALUE, 4096);
        mallocs.free(1);
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().findFirst()).contains(HEADER);
    assertThat(text)
        .contains("{\"op\":\"alloc\",\"pfn\":0,\"order\":0,\"mt\":0,\"gfp\":\"0x0\"}\n")
        .contains("{\"op\":\"alloc\",\"cpu\":2147483647,\"pfn\":4503599627370495,\"order\":30,"
            + "\"mt\":2147483647,\"gfp\":\"0xffffffff\"}\n")
        .contains("{\"op\":\"zone_locked\",\"cpu\":1,\"pfn\":3054593,\"order\":0,\"mt\":0,"
            + "\"percpu_refill\":1}\n")
        .contains("{\"op\":\"pcpu_drain\",\"pfn\":1903672,\"order\":3,\"mt\":1}\n")
        .contains("{\"op\":\"extfrag\",\"cpu\":2147483647,\"pfn\":4503599627370495,\"order\":30,"
            + "\"fallback_order\":30,\"mt\":2147483647,\"fallback_mt\":2147483647,"
            + "\"change_ownership\":1}\n")
        .contains("{\"op\":\"malloc_failed\",\"size\":18446744073709551615}\n")
        .contains("{\"op\":\"realloc\",\"old\":\"0x55d0c0a2b2a0\",\"addr\":\"0x8000000000000000\","
            + "\"size\":4096}\n");
    Recorder back = new Recorder(e -> {}, true);
    TraceStats stats = read(bytes.toByteArray(), back, back, false);
    assertThat(back.events).isEqualTo(direct.events).hasSize(13);
    assertThat(stats).isEqualTo(new TraceStats(14, 13, 1, 0, 0));
  }

  @Test
  void theRealSamplesSurviveARoundTrip() throws Exception {
    Recorder direct = new Recorder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonlWriter w = new JsonlWriter(bytes)) {
      FtraceReader.read(resource("/ftrace/sample.trace"), direct, false);
      FtraceReader.read(resource("/ftrace/sample.trace"), w, false);
      MtraceReader.read(resource("/mtrace/tar.mtrace"), direct, false);
      MtraceReader.read(resource("/mtrace/tar.mtrace"), w, false);
    }
    Recorder back = new Recorder();
    read(bytes.toByteArray(), back, back, false);
    assertThat(back.events).hasSize(615 + 4102).isEqualTo(direct.events);
  }

  @Test
  void theWriterRejectsWhatTheFormatCannotHoldAndWritesNothingForIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonlWriter w = new JsonlWriter(bytes, false);
    assertThatThrownBy(() -> w.alloc(0, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.alloc(0, PageEvents.PFN_LIMIT, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.alloc(-2, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.free(0, 1, 31)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.allocFailed(0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.extfrag(0, 1, 0, 31, 0, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.pcpuDrain(0, 1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.malloc(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.malloc(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.realloc(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.free(0L)).isInstanceOf(IllegalArgumentException.class);
    w.flush();
    assertThat(bytes.size()).isZero();
  }

  @Test
  void theWriterFlushesAsItsBufferFills() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonlWriter w = new JsonlWriter(bytes, false);
    for (int i = 0; i < 10_000; i++) {
      w.free(PageEvents.NO_CPU, i, 0);
    }
    assertThat(bytes.size()).isPositive();
    w.flush();
    Recorder back = new Recorder();
    assertThat(read(bytes.toByteArray(), back, back, false).events()).isEqualTo(10_000);
  }
}
