package io.buddykit.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  static List<String> lines(byte[] bytes, int capacity) throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream(bytes), capacity);
    List<String> out = new ArrayList<>();
    while (r.next()) {
      assertThat(r.number()).isEqualTo(out.size() + 1);
      out.add(
          r.overlong()
              ? "<overlong>"
              : new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
    }
    return out;
  }

  static List<String> lines(String text) throws IOException {
    return lines(text.getBytes(StandardCharsets.UTF_8), 16);
  }

  @Test
  void splitsAtNewlinesDroppingCarriageReturnsAndTheByteOrderMark() throws IOException {
    assertThat(lines("")).isEmpty();
    assertThat(lines("\n")).containsExactly("");
    assertThat(lines("a\nb")).containsExactly("a", "b");
    assertThat(lines("a\r\n\r\nb\r\n")).containsExactly("a", "", "b");
    assertThat(lines("a\rb\n")).containsExactly("a\rb");
    assertThat(lines("\uFEFFa\n\uFEFFb\n")).containsExactly("a", "\uFEFFb");
  }

  @Test
  void linesLongerThanTheBufferGrowItAndShortOnesSurviveCompaction() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String line = "x".repeat(i % 97) + i;
      expected.add(line);
      text.append(line).append('\n');
    }
    assertThat(lines(text.toString())).isEqualTo(expected);
  }

  @Test
  void aLineBeyondTheLimitIsReportedWithoutBeingKept() throws IOException {
    byte[] huge = new byte[LineReader.MAX_LINE + 10];
    java.util.Arrays.fill(huge, (byte) 'y');
    byte[] text = ("a\n" + new String(huge, StandardCharsets.US_ASCII) + "\nb\n"
            + new String(huge, StandardCharsets.US_ASCII))
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(lines(text, 1 << 16)).containsExactly("a", "<overlong>", "b", "<overlong>");
  }
}
