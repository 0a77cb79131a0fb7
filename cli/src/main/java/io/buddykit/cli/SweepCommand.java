package io.buddykit.cli;

import io.buddykit.sweep.EngineLoader;
import io.buddykit.sweep.ResultsFile;
import io.buddykit.sweep.Summary;
import io.buddykit.sweep.SweepRunner;
import io.buddykit.sweep.SweepSpec;
import io.buddykit.view.report.ProgressBar;
import io.buddykit.view.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code buddykit sweep SPEC --out DIR [--threads N]}: every (point, seed) of a sweep spec on the
 * embedded runner, then the summary and the page; {@code buddykit sweep report DIR} rebuilds the
 * summary and the page from a sweep's results.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {"Runs a scenario over a parameter grid and seeds on a thread pool, resumably, and summarises"
        + " each point's metrics with 95%% confidence intervals.",
        "SPEC (YAML or JSON): scenario: NAME, seeds: [1, 2, 3] or {from: 1, count: 30},"
            + " grid: {PARAM: [VALUE, ...], ...}, and optionally keep: [RESULT, ...].",
        "Or a fleet of recordings: traces: DIR, GLOB or [FILE, ...] (relative to SPEC's directory) and"
            + " replay: {OPTION: VALUE, ...} (buddykit replay's long options), one replay and row per trace;"
            + " block traces (msr, disksim) with flash: {OPTION: VALUE, ...} (buddykit flash's), one flash run"
            + " and row per trace. One kind of trace per spec.",
        "Writes DIR/results.jsonl (a line per run), DIR/summary.json, DIR/summary.csv and DIR/index.html;"
            + " run it again with the same --out to finish an interrupted sweep."},
    subcommands = SweepCommand.ReportCommand.class)
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "The sweep spec, YAML or JSON.")
  Path specFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the results, summary and page go.")
  Path out;

  @Option(names = "--threads", paramLabel = "N",
      description = "Runs at a time (default: the machine's processors).")
  Integer threads;

  @Option(names = "--engine", paramLabel = "NAME", defaultValue = "embedded",
      description = "embedded (a thread pool in this process, resumable) or spark (Apache Spark in this process,"
          + " on --master; needs the spark module built: " + EngineLoader.BUILD + ") (default ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "With --engine spark: Spark's master (default local[N], N as --threads).")
  String master;

  @Mixin ProgressOptions progressOptions = new ProgressOptions();

  @Override
  public Integer call() throws IOException {
    if (specFile == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'SPEC'");
    }
    if (out == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new IllegalArgumentException("--threads " + n + ": must be at least 1");
    }
    Main.PathChecks.checkInputFile("SPEC", specFile);
    Main.PathChecks.checkDirectory("--out", out);
    SweepSpec sweep = SweepSpec.read(specFile);
    if (!engine.equals("embedded")) {
      return onEngine(sweep, master == null ? "local[" + n + "]" : master);
    }
    if (master != null) {
      throw new IllegalArgumentException("--master " + master + ": only with --engine spark");
    }
    PrintWriter progressOut = progressOptions.writer(spec.commandLine().getErr());
    Bar bar = new Bar(progressOut);
    long start = System.nanoTime();
    SweepRunner.Outcome o = SweepRunner.run(sweep, out, n, bar::ran);
    bar.done();
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    String shape = sweep.traces() ? "one " + sweep.scenario() + " run per trace"
        : sweep.points().size() + " points x " + sweep.seeds().size() + " seeds";
    stdout.printf(Locale.ROOT, "sweep %s: %d runs (%s); %d already in %s, %d run now on %d"
        + " thread%s in %.1f s%n", sweep.scenario(), o.runs(), shape,
        o.skipped(), ResultsFile.NAME, o.ran(), n, n == 1 ? "" : "s", seconds);
    summarise(stdout, out);
    return 0;
  }

  /**
   * The sweep on another engine (Spark), in this process: its own outputs go to {@code DIR/spark},
   * its rows, sorted, to {@code DIR/results.jsonl}, then the summary and page as for the embedded runner.
   * A fresh {@code DIR} only: that engine does not resume.
   */
  private int onEngine(SweepSpec sweep, String on) throws IOException {
    if (Files.exists(out.resolve(ResultsFile.NAME)) || Files.exists(out.resolve("spark"))) {
      throw new IllegalArgumentException("--out " + out + ": holds a sweep already; --engine " + engine
          + " starts afresh, give a new directory");
    }
    EngineLoader.Loaded loaded = EngineLoader.load(engine, System.getProperty("buddykit.home"));
    long start = System.nanoTime();
    Thread self = Thread.currentThread();
    ClassLoader before = self.getContextClassLoader();
    java.util.List<String> lines;
    self.setContextClassLoader(loaded.loader());
    try {
      lines = loaded.engine().run(sweep, out.resolve("spark").toAbsolutePath().toUri().toString(), on);
    } finally {
      self.setContextClassLoader(before);
    }
    SweepRunner.record(sweep, out, lines);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "sweep %s: %d runs on %s (%s) in %.1f s; its Parquet and JSON lines in %s%n",
        sweep.scenario(), lines.size(), engine, on, (System.nanoTime() - start) / 1e9, out.resolve("spark"));
    summarise(stdout, out);
    return 0;
  }

  /** Writes the summary and the page of the sweep in {@code dir} and says where they are. */
  static void summarise(PrintWriter stdout, Path dir) throws IOException {
    Summary s = Summary.of(dir);
    s.write(dir);
    Report.writeSweep(dir, s);
    stdout.println("results  " + dir.resolve(ResultsFile.NAME));
    stdout.println("summary  " + dir.resolve("summary.json") + ", " + dir.resolve("summary.csv") + " ("
        + s.points().size() + " points x " + s.metrics().size() + " metrics)");
    stdout.println("page     " + dir.resolve("index.html").toAbsolutePath());
  }

  /** The progress line: runs done of those to do, the rate, and the time left at that rate. */
  private static final class Bar {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    Bar(PrintWriter err) {
      this.err = err;
    }

    void ran(int done, int todo) {
      if (err == null) {
        return;
      }
      if (bar == null) {
        bar = new ProgressBar(err, todo);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = done / Math.max(seconds, 1e-9);
      bar.finished(done, String.format(Locale.ROOT, "runs, %.1f/s, %s left", rate,
          duration((todo - done) / rate)));
    }

    void done() {
      if (bar != null) {
        bar.done();
      }
    }

    static String duration(double seconds) {
      long s = Math.round(seconds);
      if (s < 60) {
        return s + " s";
      }
      return s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }
  }

  /** {@code sweep report DIR}: the summary and page again, from the results already there. */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Rebuilds DIR/summary.json, DIR/summary.csv and DIR/index.html from DIR/results.jsonl.")
  static final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep's --out directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("DIR " + dir + ": no such directory");
      }
      Main.PathChecks.checkDirectory("DIR", dir);
      summarise(spec.commandLine().getOut(), dir);
      return 0;
    }
  }
}
