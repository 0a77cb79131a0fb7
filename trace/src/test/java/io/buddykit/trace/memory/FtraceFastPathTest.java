package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.trace.TraceParseException;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's fast path for the canonical layout against the general parser alone: for generated
 * and mutated lines, the same events, the same statistics and the same errors.
 */
class FtraceFastPathTest {
  private static final String[] PREFIXES = {
    "           bench-1234    [001] d..1. 1000.000000: ",
    "            bash-23819   [000] .....  8171.658181: ",
    "     kworker/0:1-1234    [000] d..1. 12345.678901: ",
    "bash-1234 [001] 12345.678901: ",
    "  <idle>-0  [003] 1.5: ",
    "task 1: 2 [000] 10: ",
    "",
    "   ",
    "#",
  };

  private static final String[] PAGES = {
    "0000000012345678", "00000000f8af7393", "0000000000000000", "0x0", "0X0", "0x", "0", "(null)",
    "(nil)", "  (null)", "(____ptrval____)", "", "0x10a3c4", "00",
  };

  private static final String[] PFNS = {
    "0x40123", "0x10a0f7", "0X40123", "0x40ABC", "0x40abc", "0x0", "0", "1234", "0x",
    "0xffffffffffffffff", "18446744073709551615", "0x0000000000000000040123",
    "0x10000000000000", "0xfffffffffffff", "4503599627370496", "4503599627370495",
    "99999999999999999999", "0x1g", "-1", "0x12345678901234567", "12a", "007",
    "9999999999999999", "12345678901234567",
  };

  private static final String[] ORDERS = {
    "0", "3", "10", "30", "31", "007", "-1", "99", "", "1a", "00", "4294967296",
  };

  private static final String[] MIGRATETYPES = {
    "1", "0", "2147483647", "2147483648", "-1", "", "123456789", "1234567890", "0001", "x",
  };

  private static final String[] GFPS = {
    "GFP_HIGHUSER_MOVABLE", "GFP_KERNEL_ACCOUNT|__GFP_ZERO|__GFP_COMP", "none", "0x10",
    "GFP_KERNEL|0x4000000", "GFP_BOGUS", "GFP_KERNEL|", "", "GFP_KERNEL extra", "0x123456789",
    "GFP_KERNEL\t", "GFP_NOWAIT|__GFP_NOWARN",
  };

  private static final String[] SEPS = {" ", " ", " ", " ", "  ", "\t", ""};

  private static final String[] EVENTS = {
    "mm_page_alloc", "mm_page_free", "mm_page_free_batched", "kmem:mm_page_alloc",
    "kmem:mm_page_free", "mm_page_alloc_zone_locked", "sched_switch", "mm_page_allo",
    "foo:mm_page_free", "mm_page_alloc_extfrag",
  };

  private static String pick(SplittableRandom r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  /** A canonical line, or (often) one with a field or separator varied. */
  private static String line(SplittableRandom r) {
    boolean vary = r.nextInt(3) == 0;
    String prefix = vary && r.nextInt(4) == 0 ? pick(r, PREFIXES) : PREFIXES[r.nextInt(2)];
    String event =
        vary && r.nextInt(4) == 0 ? pick(r, EVENTS) : r.nextBoolean() ? EVENTS[0] : EVENTS[1];
    StringBuilder s = new StringBuilder(prefix).append(event).append(":");
    s.append(vary && r.nextInt(8) == 0 ? pick(r, SEPS) : " ");
    s.append(vary && r.nextInt(10) == 0 ? "Page=" : "page=");
    s.append(vary && r.nextInt(3) == 0 ? pick(r, PAGES) : "0000000012345678");
    s.append(vary && r.nextInt(8) == 0 ? pick(r, SEPS) : " ");
    s.append(vary && r.nextInt(10) == 0 ? "pfn:" : "pfn=");
    s.append(vary && r.nextInt(2) == 0 ? pick(r, PFNS) : "0x" + Long.toHexString(r.nextLong(1L << 30)));
    s.append(vary && r.nextInt(8) == 0 ? pick(r, SEPS) : " ");
    s.append("order=").append(vary && r.nextInt(3) == 0 ? pick(r, ORDERS) : r.nextInt(4));
    boolean alloc = event.endsWith("alloc");
    if (alloc != (vary && r.nextInt(8) == 0)) {
      s.append(vary && r.nextInt(8) == 0 ? pick(r, SEPS) : " ");
      s.append("migratetype=").append(vary && r.nextInt(3) == 0 ? pick(r, MIGRATETYPES) : "1");
      s.append(vary && r.nextInt(8) == 0 ? pick(r, SEPS) : " ");
      s.append(vary && r.nextInt(12) == 0 ? "gfp_flag=" : "gfp_flags=");
      s.append(vary && r.nextInt(3) == 0 ? pick(r, GFPS) : "GFP_HIGHUSER_MOVABLE");
    } else if (vary && r.nextInt(6) == 0) {
      s.append(r.nextBoolean() ? " cold=0" : " x");
    }
    if (vary && r.nextInt(6) == 0) {
      s.append(pick(r, new String[] {" ", "  ", "\t", "\r", " junk", "x"}));
    }
    String text = s.toString();
    if (vary && r.nextInt(5) == 0) {
      text = text.substring(0, r.nextInt(text.length() + 1));
    }
    if (vary && r.nextInt(5) == 0) {
      text = mutate(r, text);
    }
    return text;
  }

  /** One byte changed, inserted or deleted. */
  private static String mutate(SplittableRandom r, String text) {
    StringBuilder s = new StringBuilder(text);
    String alphabet = " \t:=x0179afAFX-_|()#.\u00e9";
    int at = r.nextInt(s.length() + 1);
    switch (r.nextInt(3)) {
      case 0 -> s.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
      case 1 -> {
        if (at < s.length()) {
          s.deleteCharAt(at);
        }
      }
      default -> {
        if (at < s.length()) {
          s.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
    }
    return s.toString();
  }

  /** The events, the statistics, or the error, as text. */
  private static List<String> outcome(String text, boolean skipBad, boolean fastPath) {
    Recorder r = new Recorder(e -> {}, true);
    List<String> out = new ArrayList<>();
    try {
      TraceStats stats =
          FtraceReader.read(
              new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
              "fast.trace",
              r,
              skipBad,
              fastPath);
      out.addAll(r.events);
      out.add(stats.toString());
    } catch (TraceParseException e) {
      out.addAll(r.events);
      out.add("error " + e.getMessage());
    }
    return out;
  }

  @Test
  void singleLinesReadAsTheGeneralParserReadsThem() {
    SplittableRandom r = new SplittableRandom(20261128);
    int fastOnes = 0;
    for (int n = 0; n < 100_000; n++) {
      String text = line(r);
      List<String> general = outcome(text, false, false);
      assertThat(outcome(text, false, true)).as("%s", text).isEqualTo(general);
      if (general.size() == 2 && !general.get(1).startsWith("error")) {
        fastOnes++;
      }
    }
    assertThat(fastOnes).isGreaterThan(25_000);
  }

  @Test
  void wholeTracesReadAsTheGeneralParserReadsThem() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder text = new StringBuilder();
      int lines = 1 + r.nextInt(40);
      for (int i = 0; i < lines; i++) {
        text.append(line(r)).append(r.nextInt(10) == 0 ? "\r\n" : "\n");
      }
      if (r.nextBoolean()) {
        text.setLength(text.length() - 1);
      }
      String t = text.toString();
      for (boolean skipBad : new boolean[] {false, true}) {
        assertThat(outcome(t, skipBad, true))
            .as("%s", t)
            .isEqualTo(outcome(t, skipBad, false));
      }
    }
  }

  @Test
  void canonicalLinesTakeTheFastPathAndGiveTheirEvents() {
    String text =
        "           bench-1234    [001] d..1. 1000.000000: mm_page_alloc: page=0000000012345678"
            + " pfn=0x40123 order=2 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE\n"
            + "           bench-1234    [001] d..1. 1000.001000: mm_page_free:"
            + " page=0000000012345678 pfn=0x40123 order=2\n"
            + "           bench-1234    [001] d..1. 1000.002000: mm_page_alloc: page=0000000000000000"
            + " pfn=0x0 order=0 migratetype=1 gfp_flags=GFP_KERNEL\n";
    assertThat(outcome(text, false, true))
        .containsExactly(
            "alloc@1 0x40123 2 1 0x" + Integer.toHexString(GfpBits.GFP_HIGHUSER_MOVABLE),
            "free@1 0x40123 2",
            "allocFailed@1 0 1 0x" + Integer.toHexString(GfpBits.GFP_KERNEL),
            outcome(text, false, false).get(3));
  }
}
