package io.buddykit.trace.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MsrTraceTest {
  private static final String HEADER = "Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime";
  private static final String VALID = "128166372003061629,wdev,0,Write,3716632576,4096,2767";

  static List<IoRequest> parse(String text) {
    return parse(text, "test.csv");
  }

  static List<IoRequest> parse(String text, String fileName) {
    List<IoRequest> out = new ArrayList<>();
    BlockTraceFormat.MSR.read(utf8(text), fileName, out::add, false);
    return out;
  }

  static ByteArrayInputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(MsrTraceTest.class.getResource(name).toURI());
  }

  @Test
  void readsTheSampleFileWithTimesRelativeToTheFirstRecordInMilliseconds() throws Exception {
    List<IoRequest> out = new ArrayList<>();
    BlockTraceFormat.MSR.read(resource("msr-sample.csv"), out::add, false);
    // Filetime ticks are 100 ns: +10000 ticks = 1 ms, +13320526 ticks = 1332.0526 ms, +1 = 0.1 us.
    assertThat(out)
        .containsExactly(
            new IoRequest(0.0, 3716632576L, 4096, IoOp.WRITE),
            new IoRequest(1.0, 0, 512, IoOp.READ),
            new IoRequest(1332.0526, 1048576, 65536, IoOp.READ),
            new IoRequest(0.0001, 512, 1024, IoOp.WRITE));
  }

  @Test
  void theFirstRecordIsAtZeroAndEarlierStampsAreNegative() {
    List<IoRequest> out =
        parse("20000,h,0,Read,0,512,0\n30000,h,0,Read,0,512,0\n10000,h,0,Write,0,512,0\n");
    assertThat(out).extracting(IoRequest::timeMs).containsExactly(0.0, 1.0, -1.0);
  }

  @Test
  void theHeaderIsOptional() {
    assertThat(parse(VALID + "\n")).isEqualTo(parse(HEADER + "\n" + VALID + "\n"));
    assertThat(parse(VALID)).hasSize(1); // no final newline
  }

  @Test
  void blankLinesAByteOrderMarkAndSpacesAroundFieldsAreSkipped() {
    assertThat(parse("\uFEFF" + HEADER + "\n\n   \n\t\n" + VALID + "\n\n"))
        .containsExactly(new IoRequest(0.0, 3716632576L, 4096, IoOp.WRITE));
    assertThat(parse(" 5 , host , 2 , rEaD , 1024 , 8192 , 0 "))
        .containsExactly(new IoRequest(0.0, 1024, 8192, IoOp.READ));
  }

  @Test
  void skippingBadLinesCountsThemAndReadsTheRest() {
    List<IoRequest> out = new ArrayList<>();
    String text = HEADER + "\n" + VALID + "\ngarbage\n\n" + VALID + "\n";
    TraceStats stats = BlockTraceFormat.MSR.read(utf8(text), "skip.csv", out::add, true);
    assertThat(out).hasSize(2);
    assertThat(stats).isEqualTo(new TraceStats(5, 2, 2, 1, 0));
  }

  @Test
  void aSkippedBadRecordDoesNotBecomeTheFirst() {
    List<IoRequest> out = new ArrayList<>();
    String text = "5,h,0,Write,9223372036854775807,1,0\n20000,h,0,Read,0,512,0\n";
    BlockTraceFormat.MSR.read(utf8(text), "skip.csv", out::add, true);
    assertThat(out).extracting(IoRequest::timeMs).containsExactly(0.0);
  }

  @Test
  void anEmptyTraceHasNoRequests() {
    assertThat(parse("")).isEmpty();
    assertThat(parse(HEADER + "\n")).isEmpty();
    assertThat(parse("\n\n")).isEmpty();
  }

  @Test
  void aHeaderAfterTheFirstRecordIsAnError() {
    TraceParseException e =
        catchThrowableOfType(
            TraceParseException.class, () -> parse(VALID + "\n" + HEADER + "\n", "two.csv"));
    assertThat(e.file()).isEqualTo("two.csv");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e).hasMessage("two.csv:2: header line after the first record");
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("garbage", "expected 7 comma-separated fields"),
        Arguments.of("1,h,0,Read,0,512", "found 6"),
        Arguments.of("1,h,0,Read,0,512,0,", "found 8"),
        Arguments.of("1;h;0;Read;0;512;0", "found 1"),
        Arguments.of("abc,h,0,Read,0,512,0", "timestamp \"abc\" is not a whole number"),
        Arguments.of("-1,h,0,Read,0,512,0", "timestamp \"-1\" is negative"),
        Arguments.of("1.5,h,0,Read,0,512,0", "timestamp \"1.5\" is not a whole number"),
        Arguments.of("1,,0,Read,0,512,0", "hostname is empty"),
        Arguments.of("1,h,x,Read,0,512,0", "disk number \"x\" is not a whole number"),
        Arguments.of("1,h,0,Trim,0,512,0", "type \"Trim\" is neither Read nor Write"),
        Arguments.of("1,h,0,,0,512,0", "type \"\" is neither Read nor Write"),
        // a dotless i, which String.equalsIgnoreCase would take for an i
        Arguments.of("1,h,0,Wr\u0131te,0,512,0", "type \"Wr\\u0131te\" is neither Read nor Write"),
        Arguments.of("1,h,0,Read,-512,512,0", "offset \"-512\" is negative"),
        Arguments.of("1,h,0,Read,+512,512,0", "offset \"+512\" is not a whole number"),
        Arguments.of("1,h,0,Read,0x10,512,0", "offset \"0x10\" is not a whole number"),
        Arguments.of("1,h,0,Read,,512,0", "offset \"\" is not a whole number"),
        Arguments.of("1,h,0,Read,-,512,0", "offset \"-\" is not a whole number"),
        // Arabic-Indic digits, which Long.parseLong would accept
        Arguments.of("1,h,0,Read,\u0661\u0662,512,0", "offset \"\\u0661\\u0662\" is not a whole"),
        Arguments.of("1,h,0,Read,0,0,0", "size is 0"),
        Arguments.of("1,h,0,Read,0,-0,0", "size is 0"),
        Arguments.of("1,h,0,Read,0,-4096,0", "size \"-4096\" is negative"),
        Arguments.of("1,h,0,Read,0,4k,0", "size \"4k\" is not a whole number"),
        Arguments.of("1,h,0,Read,0,512,1e3", "response time \"1e3\" is not a whole number"),
        Arguments.of("1,h,0,Read,0,512,-5", "response time \"-5\" is negative"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void aMalformedLineNamesTheFileTheLineAndTheFault(String bad, String fault) {
    List<IoRequest> before = new ArrayList<>();
    String text = HEADER + "\n" + VALID + "\n\n" + bad + "\n" + VALID + "\n";
    TraceParseException e =
        catchThrowableOfType(
            TraceParseException.class,
            () -> BlockTraceFormat.MSR.read(utf8(text), "bad.csv", before::add, false));
    assertThat(e).as("no TraceParseException for %s", bad).isNotNull();
    assertThat(e.file()).isEqualTo("bad.csv");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("bad.csv:4: ").contains(fault);
    assertThat(e.reason()).contains(fault);
    assertThat(before).as("the requests before the bad line were delivered").hasSize(1);
  }

  static Stream<Arguments> numbersBeyondLong() {
    return Stream.of(
        Arguments.of("9223372036854775808,h,0,Read,0,512,0", "timestamp \"9223372036854775808\""),
        Arguments.of("99999999999999999999999,h,0,Read,0,512,0", "timestamp"),
        Arguments.of("1,h,99999999999999999999,Read,0,512,0", "disk number"),
        Arguments.of("1,h,0,Read,9223372036854775808,512,0", "offset"),
        Arguments.of("1,h,0,Read,-9223372036854775809,512,0", "offset"),
        Arguments.of("1,h,0,Read,0,18446744073709551616,0", "size"),
        Arguments.of("1,h,0,Read,0,512,9223372036854775808", "response time"));
  }

  @ParameterizedTest
  @MethodSource("numbersBeyondLong")
  void aNumberBeyondALongIsAParseErrorNotANumberFormatException(String bad, String field) {
    assertThatThrownBy(() -> parse(VALID + "\n" + bad, "big.csv"))
        .isExactlyInstanceOf(TraceParseException.class)
        .hasMessageStartingWith("big.csv:2: " + field)
        .hasMessageMatching(".*(out of range|negative).*");
  }

  @Test
  void theLargestValuesThatFitAreAccepted() {
    assertThat(parse("9223372036854775807,h,0,Read,9223372036854775806,1,9223372036854775807"))
        .containsExactly(new IoRequest(0.0, Long.MAX_VALUE - 1, 1, IoOp.READ));
    assertThat(parse("0,h,0,Read,0,512,0\n9223372036854775807,h,0,Read,0,512,0"))
        .extracting(IoRequest::timeMs)
        .containsExactly(0.0, Long.MAX_VALUE / 10_000.0);
  }

  @Test
  void aRequestEndingBeyondALongIsAnError() {
    assertThatThrownBy(() -> parse("1,h,0,Write,9223372036854775807,1,0", "end.csv"))
        .isInstanceOf(TraceParseException.class)
        .hasMessage(
            "end.csv:1: request end (offset 9223372036854775807 + size 1 bytes) overflows a long");
  }

  @Test
  void aLongFieldIsQuotedShortened() {
    String longType = "x".repeat(1000);
    assertThatThrownBy(() -> parse("1,h,0," + longType + ",0,512,0"))
        .hasMessage("test.csv:1: type \"" + "x".repeat(40) + "...\" is neither Read nor Write");
  }

  @Test
  void parsesALargeTrace() {
    int n = 200_000;
    long base = 128166372003061629L;
    StringBuilder b = new StringBuilder(n * 60).append(HEADER).append('\n');
    for (int i = 0; i < n; i++) {
      b.append(base + i * 1234L)
          .append(",prxy,")
          .append(i % 3)
          .append(i % 5 == 0 ? ",Read," : ",Write,")
          .append(i * 4096L * 7)
          .append(',')
          .append(512L * (1 + i % 128))
          .append(',')
          .append(i % 9999)
          .append('\n');
    }
    long[] count = {0};
    long[] bytes = {0};
    long[] reads = {0};
    IoRequest[] last = {null};
    BlockTraceFormat.MSR.read(
            utf8(b.toString()),
            "large.csv",
            r -> {
              count[0]++;
              bytes[0] += r.sizeBytes();
              reads[0] += r.op() == IoOp.READ ? 1 : 0;
              last[0] = r;
            },
            false);
    long expectedBytes = 0;
    for (int i = 0; i < n; i++) {
      expectedBytes += 512L * (1 + i % 128);
    }
    assertThat(count[0]).isEqualTo(n);
    assertThat(bytes[0]).isEqualTo(expectedBytes);
    assertThat(reads[0]).isEqualTo(n / 5);
    assertThat(last[0])
        .isEqualTo(
            new IoRequest(
                (n - 1) * 1234L / 10_000.0,
                (n - 1) * 4096L * 7,
                512L * (1 + (n - 1) % 128),
                IoOp.WRITE));
  }
}
