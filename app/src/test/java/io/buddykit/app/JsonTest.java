package io.buddykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Lifetime(double hostWrites, Double ratio) {}

  @Test
  void valuesThatAreNotFiniteAreNullNotStrings() throws Exception {
    // Issue 16, defect 18: "projectedLifetimeHostWrites" : "Infinity".
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lifetime", new Lifetime(Double.POSITIVE_INFINITY, Double.NaN));
    m.put("row", List.of(1.5, Double.NaN));
    String json = Json.mapper().writeValueAsString(m).replaceAll("\\s+", "");
    assertThat(json).isEqualTo("{\"lifetime\":{\"hostWrites\":null,\"ratio\":null},\"row\":[1.5,null]}");
  }
}
