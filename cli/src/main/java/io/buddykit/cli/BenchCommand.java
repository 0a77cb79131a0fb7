package io.buddykit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code buddykit bench}: runs the JMH suite (bench/target/benchmarks.jar, which the launcher
 * builds) in a child JVM and prints its results as a table.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Runs the JMH benchmarks and prints ns per operation.",
        "buddykit bench offheap: the off-heap arena side by side with Netty's allocators and the JDK's Arena."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "One short fork: about a minute, wide error bars.")
  boolean quick;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Option(names = "--jar", paramLabel = "FILE",
      description = "The benchmarks jar (default: bench/target/benchmarks.jar under buddykit.home).")
  Path jar;

  @Parameters(arity = "0..*", paramLabel = "REGEX", description = "Only benchmarks matching these patterns.")
  List<String> patterns = new ArrayList<>();

  /** One benchmark result. */
  record Result(String benchmark, String params, double score, double error, String unit) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path benchmarks = jar != null ? jar : defaultJar();
    if (!Files.isRegularFile(benchmarks)) {
      throw new IllegalArgumentException(
          "no benchmarks jar at " + benchmarks + ": run `./buddykit bench` (it builds the jar) or "
              + "`mvn -B -pl bench -am package -DskipTests`");
    }
    Path results = Files.createTempFile("buddykit-jmh", ".json");
    try {
      List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-jar", benchmarks.toString()));
      cmd.addAll(quick ? List.of("-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-r", "1s")
          : List.of("-f", "2", "-wi", "5", "-i", "5", "-w", "1s", "-r", "2s"));
      cmd.addAll(List.of("-rf", "json", "-rff", results.toString()));
      cmd.addAll(patterns);
      // JMH's own progress goes to stderr so that --json output stays clean.
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.to(
          Path.of(results + ".log").toFile())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      int exit = p.waitFor();
      if (exit != 0) {
        System.err.print(Files.readString(Path.of(results + ".log")));
        throw new IllegalStateException("JMH exited with " + exit);
      }
      List<Result> rows = parse(Json.mapper().readTree(results.toFile()));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, rows);
      } else {
        print(out, rows);
      }
      return 0;
    } finally {
      Files.deleteIfExists(results);
      Files.deleteIfExists(Path.of(results + ".log"));
    }
  }

  static List<Result> parse(JsonNode root) {
    List<Result> rows = new ArrayList<>();
    for (JsonNode run : root) {
      StringBuilder params = new StringBuilder();
      JsonNode ps = run.path("params");
      for (Map.Entry<String, JsonNode> e : ps.properties()) {
        params.append(params.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
      }
      JsonNode metric = run.path("primaryMetric");
      String name = run.path("benchmark").asText();
      rows.add(new Result(name.replace("io.buddykit.bench.", ""), params.toString(),
          metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN),
          metric.path("scoreUnit").asText()));
    }
    return rows;
  }

  static void print(PrintWriter out, List<Result> rows) {
    if (rows.stream().anyMatch(r -> r.params().contains("allocator="))) {
      printSideBySide(out, rows);
      return;
    }
    Table t = new Table("benchmark", "params", "score", "error", "unit");
    for (Result r : rows) {
      t.row(r.benchmark(), r.params().isEmpty() ? "-" : r.params(),
          String.format(Locale.ROOT, "%.2f", r.score()),
          Double.isNaN(r.error()) ? "-" : String.format(Locale.ROOT, "± %.2f", r.error()), r.unit());
    }
    t.print(out);
  }

  /**
   * Peers side by side: one row per benchmark and its other parameters, one column per value of
   * the {@code allocator} parameter, in the order they first appear.
   */
  static void printSideBySide(PrintWriter out, List<Result> rows) {
    java.util.LinkedHashSet<String> peers = new java.util.LinkedHashSet<>();
    java.util.LinkedHashMap<String, java.util.Map<String, Result>> byRow = new java.util.LinkedHashMap<>();
    for (Result r : rows) {
      String peer = "-";
      StringBuilder rest = new StringBuilder();
      for (String p : r.params().split(",")) {
        if (p.startsWith("allocator=")) {
          peer = p.substring("allocator=".length());
        } else if (!p.isEmpty()) {
          rest.append(rest.isEmpty() ? "" : ",").append(p);
        }
      }
      peers.add(peer);
      byRow.computeIfAbsent(r.benchmark() + (rest.isEmpty() ? "" : " " + rest),
          k -> new java.util.HashMap<>()).put(peer, r);
    }
    List<String> header = new ArrayList<>(List.of("benchmark"));
    peers.forEach(p -> header.add(p + " (ns/op)"));
    Table t = new Table(header.toArray(String[]::new));
    byRow.forEach((name, cells) -> {
      List<Object> row = new ArrayList<>(List.of(name));
      for (String p : peers) {
        Result r = cells.get(p);
        row.add(r == null ? "-" : String.format(Locale.ROOT, "%.1f ± %.1f", r.score(), r.error()));
      }
      t.row(row.toArray());
    });
    t.print(out);
  }

  private static Path defaultJar() {
    String home = System.getProperty("buddykit.home", ".");
    return Path.of(home, "bench", "target", "benchmarks.jar");
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
