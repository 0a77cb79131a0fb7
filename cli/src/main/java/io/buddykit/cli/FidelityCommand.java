package io.buddykit.cli;

import io.buddykit.app.Json;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.Fidelity;
import io.buddykit.sim.replay.FidelityMetric;
import io.buddykit.sim.replay.FidelityReport;
import io.buddykit.trace.record.RecordedShape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code buddykit fidelity}: the kernel against the model on one recorded kmem trace. */
@Command(
    name = "fidelity",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a recorded kmem trace through the model and puts the kernel's per-CPU refills, drains,"
          + " fallbacks and placement beside the model's.",
      "Example: buddykit fidelity sim/src/main/resources/io/buddykit/sim/replay/kernel/build/kmem.trace.gz"
    })
final class FidelityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TRACE", description = "An ftrace kmem trace (plain or gzip), as buddykit record writes it.")
  Path trace;

  @Option(names = "--shape", paramLabel = "FILE",
      description = "The recorded machine's shape (default: TRACE.shape.json when it exists).")
  Path shape;

  @Option(names = "--memory", defaultValue = "16G", converter = SizeConverter.class,
      description = "RAM of the model machine when there is no shape file (default ${DEFAULT-VALUE}).")
  long memory;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(trace) || !Files.isReadable(trace)) {
      throw new IllegalArgumentException("cannot read trace file " + trace);
    }
    Path s = shape != null ? shape : RecordedShape.besides(trace);
    if (shape != null && !Files.isReadable(shape)) {
      throw new IllegalArgumentException("--shape: cannot read " + shape);
    }
    FidelityReport r = Fidelity.run(trace, Files.isReadable(s) ? s : null, MachineConfig.of(memory, 1));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, asJson(r));
    } else {
      print(out, r);
    }
    return 0;
  }

  /** The report as JSON: ratios that do not exist are null. */
  static Map<String, Object> asJson(FidelityReport r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("trace", r.trace());
    o.put("kernel", r.kernel());
    o.put("shaped", r.shaped());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FidelityMetric m : r.metrics()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", m.name());
      row.put("kernel", m.kernel());
      row.put("model", m.model());
      row.put("ratio", Double.isNaN(m.ratio()) ? null : m.ratio());
      rows.add(row);
    }
    o.put("metrics", rows);
    o.put("read", r.read());
    o.put("replay", r.replay());
    o.put("seeded", r.seeded());
    return o;
  }

  static void print(PrintWriter out, FidelityReport r) {
    out.printf(Locale.ROOT, "%s: Linux %s against the model (%s)%n", r.trace(), r.kernel(),
        r.shaped() ? "shaped and seeded from the recorded machine" : "no shape file: a fresh model machine");
    Table t = new Table("metric", "kernel", "model", "model/kernel");
    for (FidelityMetric m : r.metrics()) {
      t.row(m.name(), number(m.kernel()), number(m.model()),
          Double.isNaN(m.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", m.ratio()));
    }
    t.print(out);
    out.printf(Locale.ROOT, "replay: %d allocations, %d frees, %d unknown frees, %d model failures%n",
        r.replay().allocs(), r.replay().frees(), r.replay().unknownFrees(), r.replay().modelFailures());
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
  }
}
