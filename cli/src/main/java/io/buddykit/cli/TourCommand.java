package io.buddykit.cli;

import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import io.buddykit.view.report.ProgressBar;
import io.buddykit.view.report.Report;
import io.buddykit.view.report.ReportSection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code buddykit tour}: runs every scenario in order, prints each one's figures, and writes the
 * whole as an HTML report with charts.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = {"Runs the whole tour: every scenario of the seed chapter in order,"
        + " each measured against its alternative.",
        "A few scenarios run shorter than their defaults to keep the tour short (seconds); each such section"
        + " names the parameters it shortened, on the console and in the report, and 'buddykit scenario run"
        + " NAME' runs the defaults, which the README quotes."})
final class TourCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Seed of every seeded scenario (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object: each section's result by scenario name.")
  boolean json;

  @Option(names = "--out", defaultValue = "buddykit-report", paramLabel = "DIR",
      description = "Where the HTML report (index.html) and results.json go (default ${DEFAULT-VALUE}).")
  Path out;

  @picocli.CommandLine.Mixin ProgressOptions progressOptions = new ProgressOptions();

  @Option(names = "--full", description = "Print every table and series, not only each section's figures.")
  boolean full;

  @Override
  public Integer call() throws IOException {
    Main.PathChecks.checkDirectory("--out", out);
    PrintWriter stdout = spec.commandLine().getOut();
    Map<String, Result> results = new LinkedHashMap<>();
    List<ReportSection> report = new ArrayList<>();
    PrintWriter progressOut = progressOptions.writer(spec.commandLine().getErr());
    ProgressBar progress = progressOut == null ? null : new ProgressBar(progressOut, Catalogue.entries().size());
    int n = 0;
    for (Catalogue.Entry section : Catalogue.entries()) {
      Scenario s = section.scenario();
      if (progress != null) {
        progress.step(s.name());
      }
      Result r = ScenarioCommand.run(s, params(s, section));
      results.put(s.name(), r);
      report.add(ReportSection.of(section, r, section.shortened()));
      if (!json) {
        stdout.println();
        stdout.println("== " + (++n) + ". " + section.title());
        stdout.println(wrap(section.intro().replace("`", "")));
        printShortened(stdout, section);
        stdout.println();
        if (full) {
          ResultPrinter.print(stdout, r);
        } else {
          ResultPrinter.printSummary(stdout, r);
        }
        stdout.flush();
      }
    }
    if (progress != null) {
      progress.done();
    }
    Report.write(out, report, new Main.Version().getVersion()[0] + "; the tour run at "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " with seed " + seed);
    if (json) {
      Json.print(stdout, results);
    } else {
      stdout.println();
      stdout.println("Report: " + out.resolve("index.html").toAbsolutePath() + " (open it in a browser; "
          + "results.json beside it). --full prints every table here.");
    }
    return 0;
  }

  /**
   * Which parameters the tour set away from the scenario's defaults, and the defaults, so that a
   * reader comparing with the README (which quotes the defaults) knows why the figures differ.
   */
  private static void printShortened(PrintWriter out, Catalogue.Entry section) {
    if (section.shortened().isEmpty()) {
      return;
    }
    List<String> set = section.shortened().entrySet().stream()
        .map(e -> e.getKey() + "=" + section.tourParams().get(e.getKey()) + " (default " + e.getValue() + ")")
        .toList();
    out.println("Shortened for the tour: " + String.join(", ", set) + "; the README's figures are the defaults'"
        + " (buddykit scenario run " + section.name() + ").");
  }

  /** Text in lines of at most 100 characters, broken at spaces: the section's introduction on a terminal. */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (String word : text.split(" ")) {
      if (line > 0 && line + 1 + word.length() > 100) {
        out.append('\n');
        line = 0;
      } else if (line > 0) {
        out.append(' ');
        line++;
      }
      out.append(word);
      line += word.length();
    }
    return out.toString();
  }

  /** The section's parameters, with the tour's seed for scenarios that take one. */
  private Map<String, String> params(Scenario s, Catalogue.Entry section) {
    Map<String, String> p = new HashMap<>(section.tourParams());
    for (Param<?> param : s.params()) {
      if (param.name().equals("seed")) {
        p.put("seed", Long.toString(seed));
      }
    }
    return p;
  }
}
