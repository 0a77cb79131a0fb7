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
 * builds) in a child JVM, shows JMH's progress on stderr and prints its results as a table, each
 * score in the unit its benchmark reports (ns/op for average-time benchmarks, ops/s for
 * throughput ones). The patterns are checked against the jar's benchmark list before JMH starts,
 * so a bad regex or one that matches nothing is refused at once.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Runs the JMH benchmarks and prints each score in its benchmark's unit.",
        "Average-time benchmarks report ns/op, throughput benchmarks ops/s; JMH's progress goes to stderr.",
        "buddykit bench offheap: the off-heap arena side by side with Netty's allocators and the JDK's Arena."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = {
      "One fork, 2 warm-up and 3 measurement iterations of 1 s: about 6 s per benchmark and parameter set "
          + "(the whole suite about 5 minutes), wide error bars.",
          "Without it: 2 forks, 5 warm-up iterations of 1 s and 5 of 2 s (the whole suite about half an hour)."})
  boolean quick;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Option(names = "--jar", paramLabel = "FILE",
      description = "The benchmarks jar (default: bench/target/benchmarks.jar under buddykit.home).")
  Path jar;

  @Parameters(arity = "0..*", paramLabel = "REGEX", description = "Only benchmarks matching these patterns.")
  List<String> patterns = new ArrayList<>();

  @Option(names = "--list", description = "List the benchmarks the patterns match, without running them.")
  boolean list;

  private static final String PREFIX = "io.buddykit.bench.";

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
    List<String> all = benchmarkNames(benchmarks);
    if (matching(all, patterns).isEmpty()) {
      throw new IllegalArgumentException("REGEX " + String.join(" ", patterns) + " matches none of the "
          + all.size() + " benchmarks in " + benchmarks + " (they are named like " + (all.isEmpty() ? "-"
          : all.get(0).replace(PREFIX, "")) + "; `buddykit bench --list` lists them)");
    }
    if (list) {
      matching(all, patterns).forEach(n -> spec.commandLine().getOut().println(n.replace(PREFIX, "")));
      return 0;
    }
    Path results = Files.createTempFile("buddykit-jmh", ".json");
    try {
      List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-jar", benchmarks.toString()));
      cmd.addAll(quick ? List.of("-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-r", "1s")
          : List.of("-f", "2", "-wi", "5", "-i", "5", "-w", "1s", "-r", "2s"));
      cmd.addAll(List.of("-rf", "json", "-rff", results.toString()));
      cmd.addAll(patterns);
      int exit = runShowingProgress(cmd);
      if (exit != 0) {
        throw new IllegalStateException("JMH exited with " + exit + " (its output is above)");
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

  /**
   * Runs JMH with its stdout (the progress: forks, iterations, the result table) copied line by
   * line to this command's stderr, so that the user sees it as it comes and --json output stays
   * clean.
   */
  private int runShowingProgress(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    PrintWriter err = spec.commandLine().getErr();
    try (var in = new java.io.BufferedReader(
        new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        err.println(line);
        err.flush();
      }
    }
    return p.waitFor();
  }

  /**
   * The benchmarks in a JMH jar, as JMH names them (class name, dot, method), read from its
   * {@code META-INF/BenchmarkList}. Each line there is a serialised {@code BenchmarkListEntry}
   * (JMH 1.37): {@code JMH S <length> <user class> S <length> <generated class> S <length> <method> ...}.
   */
  static List<String> benchmarkNames(Path jarFile) throws IOException {
    List<String> names = new ArrayList<>();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jarFile.toFile())) {
      java.util.zip.ZipEntry entry = zip.getEntry("META-INF/BenchmarkList");
      if (entry == null) {
        throw new IllegalArgumentException(jarFile + " is not a JMH benchmarks jar (no META-INF/BenchmarkList)");
      }
      String text = new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          String[] f = line.trim().split(" ");
          if (f.length < 10 || !f[0].equals("JMH")) {
            throw new IllegalArgumentException(jarFile + ": unreadable META-INF/BenchmarkList line: " + line);
          }
          names.add(f[3] + "." + f[9]);
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException(jarFile + " is not a jar: " + e.getMessage());
    }
    return names;
  }

  /**
   * The names any pattern finds (JMH's rule: {@code Pattern.find} on the full name; no pattern
   * matches all). A pattern that is not a regex is bad input, refused before JMH starts.
   */
  static List<String> matching(List<String> names, List<String> regexes) {
    List<java.util.regex.Pattern> compiled = new ArrayList<>();
    for (String r : regexes) {
      try {
        compiled.add(java.util.regex.Pattern.compile(r));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("REGEX '" + r + "' is not a regular expression: "
            + e.getDescription() + " near index " + e.getIndex());
      }
    }
    return names.stream().filter(n -> compiled.isEmpty() || compiled.stream().anyMatch(p -> p.matcher(n).find()))
        .toList();
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
    header.addAll(peers);
    header.add("unit");
    Table t = new Table(header.toArray(String[]::new));
    byRow.forEach((name, cells) -> {
      List<Object> row = new ArrayList<>(List.of(name));
      for (String p : peers) {
        Result r = cells.get(p);
        row.add(r == null ? "-" : String.format(Locale.ROOT, "%.1f ± %.1f", r.score(), r.error()));
      }
      row.add(String.join(", ", cells.values().stream().map(Result::unit).distinct().sorted().toList()));
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
