package io.buddykit.cli;

import io.buddykit.app.Json;
import io.buddykit.scenario.Sizes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code buddykit waste}: internal fragmentation of requests under buddy rounding. */
@Command(
    name = "waste",
    mixinStandardHelpOptions = true,
    description = {
      "Rounds each request as the buddy system does and prints what it grants and wastes.",
      "Example (the seed's): buddykit waste 62K 90K 35K 10K"
    })
final class WasteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Request sizes: 4096, 62K, 62KiB, 2M, 1GiB.")
  List<Long> sizes;

  @Option(names = "--unit", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1",
      description = "Allocation unit; each request first rounds to whole units (4K: a page allocator)."
          + " Default: ${DEFAULT-VALUE} byte.")
  long unit;

  @Option(names = "--exact",
      description = "Exact allocation (alloc_pages_exact): keep whole units, give the tail back.")
  boolean exact;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    WasteReport w;
    try {
      w = WasteReport.of(sizes, unit, exact);
    } catch (IllegalArgumentException e) { // "request N...": the Nth SIZE
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith("request ") ? "SIZE " + m.substring(8) : m, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, w);
    } else {
      print(out, w);
    }
    return 0;
  }

  static void print(PrintWriter out, WasteReport w) {
    Table t = new Table("request", "granted", "order", "wasted");
    for (WasteReport.Request r : w.requests()) {
      t.row(Sizes.format(r.requestedBytes()), Sizes.format(r.grantedBytes()),
          w.exact() ? "exact" : r.order(), Sizes.format(r.wastedBytes()));
    }
    t.print(out);
    out.printf(Locale.ROOT, "requested %s, allocated %s, wasted %s, %.1f%% (unit %s%s)%n",
        Sizes.format(w.requestedBytes()), Sizes.format(w.grantedBytes()),
        Sizes.format(w.wastedBytes()), 100 * w.wasteFraction(), Sizes.format(w.unitBytes()),
        w.exact() ? ", exact" : "");
  }
}
