package io.buddykit.trace.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buddykit.trace.TraceParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiskSimTraceTest {
  private static final String VALID = "0.5 0 8 8 1";

  static List<IoRequest> parse(String text) {
    return parse(text, "test.trace");
  }

  static List<IoRequest> parse(String text, String fileName) {
    List<IoRequest> out = new ArrayList<>();
    BlockTraceFormat.DISKSIM.read(MsrTraceTest.utf8(text), fileName, out::add, false);
    return out;
  }

  @Test
  void readsTheSampleFile() throws Exception {
    List<IoRequest> out = new ArrayList<>();
    BlockTraceFormat.DISKSIM.read(MsrTraceTest.resource("disksim-sample.trace"), out::add, false);
    assertThat(out)
        .containsExactly(
            new IoRequest(0.0, 1024 * 512, 8 * 512, IoOp.READ),
            new IoRequest(1.5, 2048 * 512, 16 * 512, IoOp.WRITE),
            new IoRequest(12.25, 0, 512, IoOp.READ),
            new IoRequest(100.0, 4294967296L * 512, 256 * 512, IoOp.WRITE),
            new IoRequest(250.0, 7 * 512, 512, IoOp.READ));
  }

  @Test
  void flagBitZeroIsReadAndTheFlagsAreHexadecimalAsDiskSimReadsThem() {
    assertThat(parse("0 0 0 1 0\n0 0 0 1 1\n0 0 0 1 2\n0 0 0 1 3\n0 0 0 1 10\n0 0 0 1 11"))
        .extracting(IoRequest::op)
        .containsExactly(IoOp.WRITE, IoOp.READ, IoOp.WRITE, IoOp.READ, IoOp.WRITE, IoOp.READ);
    assertThat(parse("0 0 0 1 a\n0 0 0 1 B\n0 0 0 1 0x1F\n0 0 0 1 0X40\n0 0 0 1 ffffffffffffffff"))
        .extracting(IoRequest::op)
        .containsExactly(IoOp.WRITE, IoOp.READ, IoOp.READ, IoOp.WRITE, IoOp.READ);
  }

  @Test
  void timesAreDecimalMilliseconds() {
    assertThat(parse("0 0 0 1 0\n.5 0 0 1 0\n7. 0 0 1 0\n1.25e3 0 0 1 0\n+2E-1 0 0 1 0\n-0 0 0 1 0"))
        .extracting(IoRequest::timeMs)
        .containsExactly(0.0, 0.5, 7.0, 1250.0, 0.2, 0.0);
    assertThat(parse("-0.0 0 0 1 0").get(0).timeMs()).isEqualTo(0.0).isNotNegative();
  }

  @Test
  void blankLinesCommentsAndExtraWhitespaceAreSkipped() {
    assertThat(parse("# header\n\n  \t\n  # indented\n\t 3.0 \t 1   16  2\t0x3  \n#"))
        .containsExactly(new IoRequest(3.0, 16 * 512, 1024, IoOp.READ));
    assertThat(parse("\uFEFF" + VALID)).hasSize(1);
    assertThat(parse("")).isEmpty();
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("0.5 0 8 8", "expected 5 whitespace-separated fields"),
        Arguments.of("0.5 0 8 8 1 9", "found 6"),
        Arguments.of("0.5,0,8,8,1", "found 1"),
        Arguments.of("0.5 0 8 8 1 # trailing comment", "found 8"),
        Arguments.of("abc 0 8 8 1", "time \"abc\" is not a decimal number"),
        Arguments.of(". 0 8 8 1", "time \".\" is not a decimal number"),
        Arguments.of("1e 0 8 8 1", "time \"1e\" is not a decimal number"),
        Arguments.of("1.2.3 0 8 8 1", "time \"1.2.3\" is not a decimal number"),
        // Double.parseDouble would take these
        Arguments.of("NaN 0 8 8 1", "time \"NaN\" is not a decimal number"),
        Arguments.of("Infinity 0 8 8 1", "time \"Infinity\" is not a decimal number"),
        Arguments.of("1d 0 8 8 1", "time \"1d\" is not a decimal number"),
        Arguments.of("0x1p3 0 8 8 1", "time \"0x1p3\" is not a decimal number"),
        Arguments.of("1e400 0 8 8 1", "time \"1e400\" is out of range"),
        Arguments.of("-1.5 0 8 8 1", "time \"-1.5\" is negative"),
        Arguments.of("0.5 -1 8 8 1", "devno \"-1\" is negative"),
        Arguments.of("0.5 d0 8 8 1", "devno \"d0\" is not a whole number"),
        Arguments.of("0.5 0 -8 8 1", "lba \"-8\" is negative"),
        Arguments.of("0.5 0 8.0 8 1", "lba \"8.0\" is not a whole number"),
        Arguments.of("0.5 0 8 0 1", "sectors is 0"),
        Arguments.of("0.5 0 8 -8 1", "sectors \"-8\" is negative"),
        Arguments.of("0.5 0 8 8 R", "flags \"R\" is not a hexadecimal number"),
        Arguments.of("0.5 0 8 8 -1", "flags \"-1\" is not a hexadecimal number"),
        Arguments.of("0.5 0 8 8 0x", "flags \"0x\" is not a hexadecimal number"),
        // fullwidth 1, which Character.digit would take
        Arguments.of("0.5 0 8 8 \uFF11", "flags \"\\uff11\" is not a hexadecimal number"),
        Arguments.of("0.5 0 8 8 10000000000000000", "flags \"10000000000000000\" is out of range"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void aMalformedLineNamesTheFileTheLineAndTheFault(String bad, String fault) {
    List<IoRequest> before = new ArrayList<>();
    String text = "# trace\n" + VALID + "\n\n" + bad + "\n" + VALID + "\n";
    TraceParseException e =
        catchThrowableOfType(
            TraceParseException.class,
            () -> BlockTraceFormat.DISKSIM.read(MsrTraceTest.utf8(text), "bad.trace", before::add, false));
    assertThat(e).as("no TraceParseException for %s", bad).isNotNull();
    assertThat(e.file()).isEqualTo("bad.trace");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("bad.trace:4: ").contains(fault);
    assertThat(before).as("the requests before the bad line were delivered").hasSize(1);
  }

  static Stream<Arguments> numbersBeyondLong() {
    return Stream.of(
        Arguments.of("0 99999999999999999999 0 1 0", "devno \"99999999999999999999\" is out of range"),
        Arguments.of("0 0 9223372036854775808 1 0", "lba \"9223372036854775808\" is out of range"),
        Arguments.of("0 0 0 9223372036854775808 0", "sectors \"9223372036854775808\" is out of"),
        // fits a long, but not once multiplied by 512
        Arguments.of("0 0 18014398509481984 1 0", "lba 18014398509481984 * 512 overflows a long"),
        Arguments.of("0 0 0 18014398509481984 0", "sectors 18014398509481984 * 512 overflows"),
        // both fit, their sum does not
        Arguments.of(
            "0 0 18014398509481983 1 0",
            "request end (offset 9223372036854775296 + size 512 bytes) overflows a long"));
  }

  @ParameterizedTest
  @MethodSource("numbersBeyondLong")
  void aNumberBeyondALongIsAParseErrorNotANumberFormatException(String bad, String fault) {
    assertThatThrownBy(() -> parse(VALID + "\n" + bad, "big.trace"))
        .isExactlyInstanceOf(TraceParseException.class)
        .hasMessageStartingWith("big.trace:2: " + fault);
  }

  @Test
  void theLargestRangeThatFitsIsAccepted() {
    assertThat(parse("0 0 18014398509481982 1 0"))
        .containsExactly(new IoRequest(0.0, 9223372036854774784L, 512, IoOp.WRITE));
  }

  @Test
  void parsesALargeTrace() {
    int n = 200_000;
    StringBuilder b = new StringBuilder(n * 30).append("# generated\n");
    for (int i = 0; i < n; i++) {
      b.append(i * 0.25)
          .append(' ')
          .append(i % 4)
          .append(' ')
          .append(i * 64L)
          .append(' ')
          .append(1 + i % 64)
          .append(' ')
          .append(i % 2 == 0 ? "1" : "0")
          .append('\n');
    }
    long[] count = {0};
    long[] sectors = {0};
    long[] reads = {0};
    IoRequest[] last = {null};
    BlockTraceFormat.DISKSIM.read(
            MsrTraceTest.utf8(b.toString()),
            "large.trace",
            r -> {
              count[0]++;
              sectors[0] += r.sizeBytes() / 512;
              reads[0] += r.op() == IoOp.READ ? 1 : 0;
              last[0] = r;
            },
            false);
    long expectedSectors = 0;
    for (int i = 0; i < n; i++) {
      expectedSectors += 1 + i % 64;
    }
    assertThat(count[0]).isEqualTo(n);
    assertThat(sectors[0]).isEqualTo(expectedSectors);
    assertThat(reads[0]).isEqualTo(n / 2);
    assertThat(last[0])
        .isEqualTo(
            new IoRequest(
                (n - 1) * 0.25, (n - 1) * 64L * 512, 512L * (1 + (n - 1) % 64), IoOp.WRITE));
  }
}
