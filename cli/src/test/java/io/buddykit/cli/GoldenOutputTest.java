package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code --json} of every scenario and command, with fixed seeds, against outputs captured
 * before the restructure (issue 13): moving code must not change what it computes.
 *
 * <p>{@code golden/commands.txt} names each output and its arguments; {@code {root}} stands for
 * the repository. Two things are not compared: a file argument's directory (outputs name the
 * trace by its base name, so samples can move) and measured throughput (a field or table column
 * named {@code ...PerSecond} or {@code MB/s ...}), which is the machine's, not the model's.
 * {@code dmabuf} is left out: its frames are the kernel's and differ between runs.
 */
class GoldenOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  static Stream<Arguments> commands() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String line : resource("commands.txt").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] nameArgs = line.split("\t", 2);
      out.add(Arguments.of(nameArgs[0], nameArgs[1]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void jsonIsUnchanged(String name, String args) throws IOException {
    String[] argv = args.replace("{root}", ROOT.toString()).split(" ");
    Run run = Run.of(argv);
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    String out = run.out();
    for (String a : argv) {
      if (a.startsWith(ROOT.toString())) {
        out = out.replace(a, Path.of(a).getFileName().toString());
      }
    }
    JsonNode actual = withoutTimings(JSON.readTree(out));
    JsonNode expected = withoutTimings(JSON.readTree(resource(name + ".json")));
    assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GoldenOutputTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Drops measured throughput: object fields and table columns named as rates of the machine. */
  private static JsonNode withoutTimings(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      if (obj.get("columns") instanceof ArrayNode columns && obj.get("rows") instanceof ArrayNode rows) {
        for (int c = columns.size() - 1; c >= 0; c--) {
          if (isTiming(columns.get(c).asText())) {
            columns.remove(c);
            for (JsonNode row : rows) {
              ((ArrayNode) row).remove(c);
            }
          }
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isTiming(e.getKey())) {
          it.remove();
        } else {
          withoutTimings(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode arr) {
      arr.forEach(GoldenOutputTest::withoutTimings);
    }
    return node;
  }

  private static boolean isTiming(String name) {
    return name.endsWith("PerSecond") || name.startsWith("MB/s");
  }
}
