package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer's escaping, number forms and key order. */
class JsonWriterTest {
  @Test
  void keepsInsertionOrderAndWritesArraysAsNumbers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", new long[] {-1, Long.MAX_VALUE});
    m.put("i", new int[] {});
    m.put("l", Arrays.asList("x", null, true, 2.5));
    assertThat(JsonWriter.write(m))
        .isEqualTo("{\"z\":1,\"a\":[-1,9223372036854775807],\"i\":[],\"l\":[\"x\",null,true,2.5]}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonWriter.write("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  @Test
  void refusesWhatJsonCannotSay() {
    assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(List.of(new Object())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
