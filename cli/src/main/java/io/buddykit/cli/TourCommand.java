package io.buddykit.cli;

import io.buddykit.cli.report.ProgressBar;
import io.buddykit.cli.report.Report;
import io.buddykit.cli.report.ReportSection;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    description = "Runs the whole tour: every scenario of the seed chapter in order, each measured against its alternative.")
final class TourCommand implements Callable<Integer> {
  /** The tour, in the order the seed chapter tells it. */
  static final List<TourSection> SECTIONS = List.of(
      new TourSection("frag", "Internal fragmentation: the seed's four requests, exact runs, growing arrays, slabs",
          Map.of("appends", "200000")),
      new TourSection("splitcoalesce", "Split and coalesce, step by step", Map.of()),
      new TourSection("boot", "Boot: memblock, the hand-over, and what freeing init memory coalesces",
          Map.of("memory", "1G")),
      new TourSection("aging", "A machine's physical memory: boot, aging, compaction", Map.of()),
      new TourSection("stacks", "Thread stacks: guard pages, growth in place or by moving", Map.of()),
      new TourSection("dma", "DMA buffers: contiguous, aligned, below 4 GiB, as memory ages", Map.of()),
      new TourSection("dmabuf", "Real memory: a DMA-style 64 KiB buffer from an off-heap arena", Map.of()),
      new TourSection("thp", "Huge pages: grouping, compaction and the TLB reach they buy",
          Map.of("memoryMiB", "256", "accesses", "100000")),
      new TourSection("watermarks", "Watermarks: who may dig into the reserve, and gating that saves huge pages",
          Map.of()),
      new TourSection("numa", "NUMA: local-first, interleave, and protecting high orders", Map.of()),
      new TourSection("tier", "DRAM and NVM: hot and cold pages, migrated only when it pays", Map.of()),
      new TourSection("balloon", "Ballooning a guest for one huge page: targeted, random, compaction",
          Map.of("trials", "20")),
      new TourSection("cputime", "Beyond memory: CPU time in buddy frames",
          Map.of("frames", "500", "setsPerDensity", "100", "policy", "aging")),
      new TourSection("bandwidth", "Beyond memory: link bandwidth in buddy blocks",
          Map.of("flows", "20000", "loads", "8,16,24,32")),
      new TourSection("encryption", "Encrypted memory: IVs that never repeat across reallocation",
          Map.of("cycles", "20000")),
      new TourSection("flash", "Flash: wear-aware coalescing of erase blocks",
          Map.of("blocks", "256", "writes", "100000")));

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every seeded scenario (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object: each section's result by scenario name.")
  boolean json;

  @Option(names = "--out", defaultValue = "buddykit-report", paramLabel = "DIR",
      description = "Where the HTML report (index.html) and results.json go (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--full", description = "Print every table and series, not only each section's figures.")
  boolean full;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Map<String, Result> results = new LinkedHashMap<>();
    List<ReportSection> report = new ArrayList<>();
    ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), SECTIONS.size());
    int n = 0;
    for (TourSection section : SECTIONS) {
      Scenario s = Scenarios.named(section.scenario())
          .orElseThrow(() -> new IllegalStateException("the tour names an unknown scenario " + section.scenario()));
      progress.step(s.name());
      Result r = ScenarioCommand.run(s, params(s, section));
      results.put(s.name(), r);
      report.add(new ReportSection(s.name(), section.title(), s.description(), r));
      if (!json) {
        stdout.println();
        stdout.println("== " + (++n) + ". " + section.title());
        stdout.println(s.description());
        stdout.println();
        if (full) {
          ResultPrinter.print(stdout, r);
        } else {
          ResultPrinter.printSummary(stdout, r);
        }
        stdout.flush();
      }
    }
    progress.done();
    Report.write(out, report);
    if (json) {
      Json.print(stdout, results);
    } else {
      stdout.println();
      stdout.println("Report: " + out.resolve("index.html").toAbsolutePath() + " (open it in a browser; "
          + "results.json beside it). --full prints every table here.");
    }
    return 0;
  }

  /** The section's parameters, with the tour's seed for scenarios that take one. */
  private Map<String, String> params(Scenario s, TourSection section) {
    Map<String, String> p = new HashMap<>(section.params());
    for (Param param : s.params()) {
      if (param.name().equals("seed")) {
        p.put("seed", Long.toString(seed));
      }
    }
    return p;
  }
}
