package io.buddykit.trace.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeCopyTest {
  private static final String ALLOC = "  memfd:sealed-91-1234  [001] d..1.  11106.992835: mm_page_alloc: "
      + "page=000000004b7f9d6f pfn=0x20526e order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_ZERO\n";
  private static final String FREE = "            <idle>-0       [000] ..s1.  11106.992900: mm_page_free: "
      + "page=000000006cab51b6 pfn=0x20526f order=0\n";
  private static final String LOST = "CPU:1 [LOST 17 EVENTS]\n";
  private static final String MARK = "    java-77      [000] .....  11107.000000: tracing_mark_write: end-77-1\n";
  private static final String AFTER = "    <idle>-0       [000] ..s1.  11107.1: mm_page_free: page=0 pfn=0x1 order=0\n";

  private static PipeCopy copy(Path dir, String text, long maxBytes, ByteArrayOutputStream out) throws Exception {
    Path f = dir.resolve("pipe");
    Files.writeString(f, text, StandardCharsets.ISO_8859_1);
    CountDownLatch stop = new CountDownLatch(1);
    try (FileChannel ch = FileChannel.open(f)) {
      PipeCopy c = new PipeCopy(ch, out, maxBytes, "end-77-1", stop);
      c.run();
      assertThat(stop.getCount()).isZero();
      return c;
    }
  }

  @Test
  void copiesEventLinesUpToTheMarkerCountingThemByName(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipeCopy c = copy(dir, ALLOC + LOST + FREE + ALLOC + MARK + AFTER, 1 << 20, out);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(ALLOC + FREE + ALLOC);
    assertThat(c.events()).containsExactly(java.util.Map.entry("mm_page_alloc", 2L),
        java.util.Map.entry("mm_page_free", 1L));
    assertThat(c.bytes()).isEqualTo(2L * ALLOC.length() + FREE.length());
    assertThat(c.sawMarker()).isTrue();
    assertThat(c.full()).isFalse();
    assertThat(c.failure()).isNull();
  }

  @Test
  void pastTheByteLimitItWritesNoMoreWholeLinesButKeepsCounting(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipeCopy c = copy(dir, ALLOC + FREE + ALLOC + MARK, ALLOC.length() + 10, out);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(ALLOC);
    assertThat(c.full()).isTrue();
    assertThat(c.events().get("mm_page_alloc")).isEqualTo(2);
  }

  @Test
  void withoutAMarkerItStopsAtTheEndOfTheStream(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipeCopy c = copy(dir, FREE + "half a line", 1 << 20, out);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(FREE);
    assertThat(c.sawMarker()).isFalse();
  }

  @Test
  void theEventNameIsTheWordAfterTheTimestamp() {
    byte[] b = ALLOC.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PipeCopy.eventName(b, 0, b.length)).isEqualTo("mm_page_alloc");
    byte[] m = MARK.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PipeCopy.eventName(m, 0, m.length)).isEqualTo("tracing_mark_write");
    byte[] junk = "no event here\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PipeCopy.eventName(junk, 0, junk.length)).isEqualTo("other");
  }
}
