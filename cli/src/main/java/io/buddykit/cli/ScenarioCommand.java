package io.buddykit.cli;

import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Range;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Sizes;
import io.buddykit.view.report.Report;
import io.buddykit.view.report.ReportSection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code buddykit scenario list|run}: the named, seeded runs of every model. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "Lists and runs scenarios: named, deterministic runs of the models.",
    subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.RunCommand.class})
final class ScenarioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code scenario list}: name, description and parameters of each scenario. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the scenarios.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, Catalogue.all().stream()
            .map(s -> Map.of("name", s.name(), "description", s.description(), "params",
                s.params().stream().map(Param::describe).toList()))
            .toList());
        return 0;
      }
      Table t = new Table("scenario", "description");
      for (Scenario s : Catalogue.all()) {
        t.row(s.name(), s.description());
      }
      t.print(out);
      for (Scenario s : Catalogue.all()) {
        out.println();
        out.println(s.name() + " parameters:");
        Table p = new Table("  name", "default", "range", "meaning");
        for (Param<?> param : s.params()) {
          p.row("  " + param.name(), param.defaultText(), range(param), param.description());
        }
        p.print(out);
      }
      return 0;
    }

    /** The values a parameter takes, short enough for a column: {@code [64, 16384] MiB}, {@code (0, 1]}. */
    static String range(Param<?> p) {
      String values = switch (p.kind()) {
        case CHOICE -> String.join("|", p.choices());
        case FLAG -> "true|false";
        case TEXT -> "";
        case SIZE -> p.range().describe(v -> Sizes.format((long) v))
            + (p.choices().isEmpty() ? "" : " or " + String.join("|", p.choices()));
        case INTEGERS, NUMBERS -> "each " + p.range().describe(Range::bound);
        case INTEGER, NUMBER -> p.range().describe(Range::bound);
      };
      values = values.replace("each in ", "each ").replaceFirst("^in ", "");
      return values.isEmpty() || p.unit().isEmpty() ? values : values + " " + p.unit();
    }
  }

  /** {@code scenario run NAME [--param k=v]... [--json] [--html FILE]}. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs one scenario.")
  static final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see `scenario list`).")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter; repeat for more.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print one JSON object: scenario, params, results, series.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write the result as a self-contained HTML page with charts.")
    Path html;

    @Override
    public Integer call() {
      Scenario s = Catalogue.named(name).orElseThrow(() -> new IllegalArgumentException(
          "no scenario '" + name + "' (known: " + String.join(", ",
              Catalogue.all().stream().map(Scenario::name).toList()) + ")"));
      if (html != null) {
        Main.PathChecks.checkFile("--html", html);
      }
      PrintWriter out = spec.commandLine().getOut();
      Result r = run(s, params);
      print(out, r, json);
      if (html != null) {
        try {
          Report.writePage(html, ReportSection.of(Catalogue.entry(s.name()).orElseThrow(), r, Map.of()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + html + ": " + e, e);
        }
        if (!json) {
          out.println();
          out.println("page written to " + html);
        }
      }
      return 0;
    }
  }

  static Result run(Scenario s, Map<String, String> given) {
    return s.run(Scenario.checked(s, given));
  }

  static void print(PrintWriter out, Result r, boolean json) {
    if (json) {
      Json.print(out, r);
    } else {
      ResultPrinter.print(out, r);
    }
  }
}
