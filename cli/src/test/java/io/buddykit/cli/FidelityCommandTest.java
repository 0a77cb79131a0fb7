package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityCommandTest {
  private static final String COPY = "../sim/src/main/resources/io/buddykit/sim/replay/kernel/copy/kmem.trace.gz";

  @Test
  void jsonHasEveryMetricTheIssueNamesWithKernelModelAndRatio() throws Exception {
    Run r = Run.of("fidelity", COPY, "--json");
    assertThat(r.exit()).isZero();
    JsonNode o = Json.mapper().readTree(r.out());
    assertThat(o.at("/shaped").asBoolean()).isTrue();
    List<String> names = new ArrayList<>();
    o.get("metrics").forEach(m -> names.add(m.get("name").asText()));
    assertThat(names).contains("pcpRefills", "pcpRefillPagesMean", "pcpDrains", "zoneLockedAllocs", "fallbacks",
        "unknownFrees", "livePageblocks", "buddyinfo.Normal.order0");
    JsonNode first = o.get("metrics").get(0);
    assertThat(first.get("ratio").asDouble()).isEqualTo(first.get("model").asDouble() / first.get("kernel").asDouble());
  }

  @Test
  void theTableNamesTheKernelAndEveryMetric() {
    Run r = Run.of("fidelity", COPY);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Linux 6.18.44", "shaped and seeded", "livePageblocks", "model/kernel");
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"fidelity", "no-such.trace"}, {"fidelity", COPY, "--shape", "no-such.json"},
        {"fidelity", "../README.md", "--shape", "../README.md"}}) {
      Run r = Run.of(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines()).as(String.join(" ", args)).hasSize(1).first().asString().startsWith("buddykit: ");
    }
  }
}
