package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MtraceReaderTest {
  private static final String LIBC = "@ /lib/x86_64-linux-gnu/libc.so.6:";

  static List<String> parse(String text) {
    Recorder r = new Recorder();
    read(text, r, false);
    return r.events;
  }

  static TraceStats read(String text, MallocEvents sink, boolean skipBad) {
    return MtraceReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "test.mtrace",
        sink,
        skipBad);
  }

  static TraceParseException error(String text) {
    return catchThrowableOfType(TraceParseException.class, () -> parse(text));
  }

  @Test
  void readsGlibcLinesWithEveryKindOfCaller() {
    // The first four are verbatim from the tar sample; the rest have the shapes of tr_where.
    String text =
        "= Start\n"
            + LIBC + "[0x39221] + 0x5594d7a712a0 0x5\n"
            + LIBC + "[0x33bcd] - 0x5594d7a712a0\n"
            + LIBC + "(_IO_file_doallocate+8c)[0x758cc] + 0x5594d7a71b10 0x1000\n"
            + "@ tar:[0x4edc1] < 0x5594d7a75480\n"
            + "@ tar:[0x4edc1] > 0x5594d7a75480 0xa\n"
            + "@ ./prog:[0x401136] + 0x55d0c0a2b2a0 0x20\n"
            + "@ /lib/x86_64-linux-gnu/libc.so.6:(__libc_start_main+0xf3)[0x7f0a1b2c3d4e]"
            + " - 0x55d0c0a2b2a0\n"
            + "@ [0x7f0a1b2c3d4e] + 0x55d0c0a2b2a0 0\n"
            + "@ /opt/my app/lib[1].so:(f-10)[0x1234] - 0x55d0c0a2b2a0\n"
            + "+ 0x10 0x8\n"
            + "- 0x10\n"
            + "= End\n";
    assertThat(parse(text))
        .containsExactly(
            "malloc 0x5594d7a712a0 5",
            "mfree 0x5594d7a712a0",
            "malloc 0x5594d7a71b10 4096",
            "realloc 0x5594d7a75480 0x5594d7a75480 10",
            "malloc 0x55d0c0a2b2a0 32",
            "mfree 0x55d0c0a2b2a0",
            "malloc 0x55d0c0a2b2a0 0",
            "mfree 0x55d0c0a2b2a0",
            "malloc 0x10 8",
            "mfree 0x10");
  }

  @Test
  void failedRequestsAndFreesOfNullAreTold() {
    Recorder r = new Recorder();
    TraceStats stats =
        read(
            "+ (nil) 0x20\n"
                + "! 0x55d0c0a2b2a0 0x40\n"
                + "! (nil) 0xffffffffffffffff\n"
                + "- (nil)\n"
                + "+ 0xffffffffffffffff 0x7fffffffffffffff\n",
            r,
            false);
    assertThat(r.events)
        .containsExactly(
            "failed 32",
            "failed 64",
            "failed 18446744073709551615",
            "malloc 0xffffffffffffffff 9223372036854775807");
    assertThat(stats).isEqualTo(new TraceStats(5, 4, 1, 0, 0));
  }

  @Test
  void blankLinesAndMarkersAreSkippedAndCounted() {
    Recorder r = new Recorder();
    TraceStats stats = read("= Start\n\n  \n+ 0x10 0x8\r\n= End", r, false);
    assertThat(r.events).containsExactly("malloc 0x10 8");
    assertThat(stats).isEqualTo(new TraceStats(5, 1, 4, 0, 0));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("= Begin", "expected \"= Start\" or \"= End\""),
        Arguments.of("= Start now", "unexpected text after the = Start or = End marker"),
        Arguments.of("* 0x10 0x8", "expected one of + - < > !"),
        Arguments.of("@ no-bracket + 0x10 0x8", "the caller has no \"[address]\""),
        Arguments.of("@ [0x1234]+ 0x10 0x8", "expected a space after the caller"),
        Arguments.of("@ [0x1234]", "expected a space after the caller"),
        Arguments.of("@ [0x1234] ", "expected a space after the caller"),
        Arguments.of("+0x10 0x8", "expected a space after \"+\""),
        Arguments.of("+ 0x10", "expected a space after the address"),
        Arguments.of("+ 0x10 32", "size \"32\" is not a 0x-prefixed hexadecimal number"),
        Arguments.of("+ 0x10 0x", "has no hexadecimal digits"),
        Arguments.of("+ 0x10 0x8000000000000000", "is more than 9223372036854775807 bytes"),
        Arguments.of("+ 0x0 0x8", "is 0, which glibc prints as (nil)"),
        Arguments.of("+ 4096 0x8", "is not a 0x-prefixed hexadecimal number"),
        Arguments.of("+ 0x1g 0x8", "is not a hexadecimal number"),
        Arguments.of("+ 0x10000000000000000 0x8", "more than 64 bits"),
        Arguments.of("+ (nil)x 0x8", "is neither 0x... nor (nil)"),
        Arguments.of("+ 0x10 0x8 0x9", "unexpected text after the size"),
        Arguments.of("- 0x10 0x8", "unexpected text after the address"),
        Arguments.of("< (nil)", "a realloc's \"<\" or \">\" address is (nil)"),
        Arguments.of("> 0x20 0x8", "\">\" (realloc's new block) without the \"<\" line"),
        Arguments.of("! 0x10", "expected a space after the address"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedLineIsAnErrorNamingFileLineAndWhatWasExpected(String bad, String reason) {
    TraceParseException e = error("= Start\n+ 0x10 0x8\n" + bad + "\n- 0x10\n");
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo("test.mtrace");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("test.mtrace:3: ");
  }

  @Test
  void aReallocsTwoLinesMustBeAdjacent() {
    String lonely = "\"<\" (realloc's old block) is not followed by its \">\" line";
    TraceParseException e = error("+ 0x10 0x8\n< 0x10\n+ 0x20 0x8\n> 0x30 0x10\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.reason()).isEqualTo(lonely);
    e = error("+ 0x10 0x8\n< 0x10\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.reason()).isEqualTo(lonely);
    e = error("< 0x10\n< 0x20\n> 0x30 0x8\n");
    assertThat(e.line()).isEqualTo(1);
    e = error("< 0x10\n= End\n");
    assertThat(e.line()).isEqualTo(1);
    e = error("< 0x10\n\n> 0x30 0x8\n");
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void aLoneLessThanNeverReachesTheSinkAndTheEventsBeforeItDo() {
    Recorder r = new Recorder();
    catchThrowableOfType(
        TraceParseException.class, () -> read("+ 0x10 0x8\n< 0x10\n+ 0x20 0x8\n", r, false));
    assertThat(r.events).containsExactly("malloc 0x10 8");
  }

  @Test
  void skipBadCountsBadLinesIncludingBrokenReallocPairs() {
    Recorder r = new Recorder();
    TraceStats stats =
        read(
            "+ 0x10 0x8\n"
                + "< 0x10\n" // lonely: bad
                + "+ 0x20 0x8\n"
                + "< 0x20\n" // its '>' is malformed: both bad
                + "> 0x30 zz\n"
                + "junk\n" // bad
                + "< 0x10\n"
                + "> 0x40 0x18\n"
                + "< 0x40\n", // lonely at the end: bad
            r,
            true);
    assertThat(r.events)
        .containsExactly("malloc 0x10 8", "malloc 0x20 8", "realloc 0x10 0x40 24");
    assertThat(stats).isEqualTo(new TraceStats(9, 3, 0, 5, 0));
  }

  /** Replays heap events on a map of live blocks, to check the sample is self-consistent. */
  private static final class Heap implements MallocEvents {
    final Map<Long, Long> live = new HashMap<>();
    long mallocs;
    long frees;
    long reallocs;
    long failed;
    long unknownFrees;
    long doubleMallocs;
    long peakLive;

    @Override
    public void malloc(long addr, long size) {
      mallocs++;
      if (live.put(addr, size) != null) {
        doubleMallocs++;
      }
      peakLive = Math.max(peakLive, live.size());
    }

    @Override
    public void free(long addr) {
      frees++;
      if (live.remove(addr) == null) {
        unknownFrees++;
      }
    }

    @Override
    public void realloc(long oldAddr, long newAddr, long size) {
      reallocs++;
      if (live.remove(oldAddr) == null) {
        unknownFrees++;
      }
      live.put(newAddr, size);
    }

    @Override
    public void failed(long size) {
      failed++;
    }
  }

  @Test
  void readsTheRealTarSampleCompletelyAndConsistently() throws Exception {
    Heap heap = new Heap();
    Path file = Path.of(MtraceReaderTest.class.getResource("/mtrace/tar.mtrace").toURI());
    TraceStats stats = MtraceReader.read(file, heap, false);
    // 4134 lines: "= Start", 2039 "+", 2032 "-" and 31 "<"/">" pairs; glibc wrote no "= End"
    // because tar exits without calling muntrace.
    assertThat(stats).isEqualTo(new TraceStats(4134, 2039 + 2032 + 31, 1, 0, 0));
    assertThat(heap.mallocs).isEqualTo(2039);
    assertThat(heap.frees).isEqualTo(2032);
    assertThat(heap.reallocs).isEqualTo(31);
    assertThat(heap.failed).isZero();
    // mtrace starts in a constructor before main, so tar frees nothing it allocated before: every
    // free and realloc names a live block, and no block is handed out twice.
    assertThat(heap.unknownFrees).isZero();
    assertThat(heap.doubleMallocs).isZero();
    // What stays live is what tar and libc did not free before exit (__libc_freeres ran).
    assertThat(heap.live).hasSize((int) (heap.mallocs - heap.frees)).hasSize(7);
    assertThat(heap.live.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4348);
    assertThat(heap.peakLive).isEqualTo(204);
  }
}
