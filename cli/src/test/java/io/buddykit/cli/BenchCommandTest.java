package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  private static final String JMH_JSON = """
      [ {
        "benchmark" : "io.buddykit.bench.PeerWorkload.freeAllocate",
        "mode" : "avgt",
        "params" : { "maxOrder" : "22" },
        "primaryMetric" : { "score" : 12.345, "scoreError" : 0.5, "scoreUnit" : "ns/op" }
      }, {
        "benchmark" : "io.buddykit.bench.Order0SteadyState.freeAllocate",
        "mode" : "avgt",
        "primaryMetric" : { "score" : 3.2, "scoreError" : "NaN", "scoreUnit" : "ns/op" }
      } ]
      """;

  @Test
  void readsJmhResults() throws Exception {
    List<BenchCommand.Result> rows = BenchCommand.parse(Json.mapper().readTree(JMH_JSON));
    assertThat(rows).containsExactly(
        new BenchCommand.Result("PeerWorkload.freeAllocate", "maxOrder=22", 12.345, 0.5, "ns/op"),
        new BenchCommand.Result("Order0SteadyState.freeAllocate", "", 3.2, Double.NaN, "ns/op"));
    StringWriter s = new StringWriter();
    BenchCommand.print(new PrintWriter(s, true), rows);
    assertThat(s.toString()).contains("PeerWorkload.freeAllocate", "maxOrder=22", "12.35", "± 0.50");
  }

  @Test
  void peersAreSideBySide() {
    List<BenchCommand.Result> rows = List.of(
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=buddy,size=64", 20, 1, "ns/op"),
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=nettyPooled,size=64", 40, 2, "ns/op"),
        new BenchCommand.Result("offheap.AllocFree.pair", "allocator=buddy,size=1024", 25, 1, "ns/op"));
    StringWriter s = new StringWriter();
    BenchCommand.print(new PrintWriter(s, true), rows);
    String[] lines = s.toString().split("\n");
    assertThat(lines[0]).contains("buddy (ns/op)", "nettyPooled (ns/op)");
    assertThat(lines[1]).contains("offheap.AllocFree.pair size=64", "20.0 ± 1.0", "40.0 ± 2.0");
    assertThat(lines[2]).contains("size=1024", "25.0 ± 1.0", "-");
  }

  @Test
  void aMissingJarIsAClearError() {
    Run r = Run.of("bench", "--jar", "/nonexistent/benchmarks.jar");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("buddykit: no benchmarks jar at /nonexistent/benchmarks.jar");
  }
}
