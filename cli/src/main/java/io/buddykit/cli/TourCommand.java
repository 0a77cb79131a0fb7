package io.buddykit.cli;

import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit tour}: runs every section in order and prints what it measured. */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = "Runs the whole tour: the seed's waste example, split and coalesce, memory aging, a real DMA-style buffer, CPU time, link bandwidth, encrypted memory and flash.")
final class TourCommand implements Callable<Integer> {
  private static final long MACHINE_BYTES = 1L << 30;

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random workloads (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--steps", defaultValue = "48", description = "Steps of the machine's aging workload (default ${DEFAULT-VALUE}: two cycles).")
  long steps;

  @Option(names = "--json", description = "Print one JSON object with every section's results.")
  boolean json;

  @Override
  public Integer call() {
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Long> seedRequests = List.of(62L << 10, 90L << 10, 35L << 10, 10L << 10);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("waste", Waste.of(seedRequests, 1, false));
    results.put("wastePages", Waste.of(seedRequests, 4096, false));
    results.put("wasteExact", Waste.of(seedRequests, 4096, true));
    results.put("splitCoalesce", SplitCoalesceDemo.run());
    results.put("machine", MachineTour.run(MACHINE_BYTES, steps, seed));
    results.put("dmaBuffer", DmaBufferDemo.run());
    results.put("cputime", ScenarioCommand.run(new io.buddykit.share.cpu.CpuTimeScenario(),
        java.util.Map.of("frames", "500", "setsPerDensity", "100", "policy", "aging")));
    results.put("bandwidth", ScenarioCommand.run(new io.buddykit.share.bandwidth.BandwidthScenario(),
        java.util.Map.of("flows", "20000", "loads", "8,16,24,32")));
    results.put("encryption", ScenarioCommand.run(new io.buddykit.crypt.EncryptionScenario(),
        java.util.Map.of("cycles", "20000")));
    results.put("flash", ScenarioCommand.run(new io.buddykit.flash.FlashScenario(),
        java.util.Map.of("blocks", "256", "writes", "100000")));
    if (json) {
      Json.print(out, results);
      return 0;
    }
    heading(out, "1. Internal fragmentation: the seed's four requests (62, 90, 35, 10 KiB)");
    out.println("Byte-granular buddy rounding to the next power of two:");
    WasteCommand.print(out, (Waste) results.get("waste"));
    out.println();
    out.println("A page allocator (4 KiB pages, rounded to a power of two of pages):");
    WasteCommand.print(out, (Waste) results.get("wastePages"));
    out.println();
    out.println("Exact allocation (alloc_pages_exact: whole pages, the tail given back):");
    WasteCommand.print(out, (Waste) results.get("wasteExact"));

    heading(out, "2. Split and coalesce: 64 pages, maxOrder 6 (map: '.' free, letters live)");
    @SuppressWarnings("unchecked")
    List<SplitCoalesceDemo.Step> demo = (List<SplitCoalesceDemo.Step>) results.get("splitCoalesce");
    for (SplitCoalesceDemo.Step s : demo) {
      out.println(s.action());
      out.println("  " + s.map());
      out.println("  " + BuddyInfo.line(0, "Normal", s.buddyInfo()));
    }

    heading(out, String.format(Locale.ROOT,
        "3. A machine's physical memory: 1 GiB x86-64, boot, %,d steps of aging, compaction, seed %d", steps, seed));
    @SuppressWarnings("unchecked")
    List<MachineTour.Stage> stages = (List<MachineTour.Stage>) results.get("machine");
    for (MachineTour.Stage s : stages) {
      out.println(s.stage() + ":");
      s.buddyinfo().forEach(line -> out.println("  " + line));
    }
    Table t = new Table("stage", "free pages", "free 2 MiB blocks", "unusable(9)", "pages migrated", "failed requests");
    for (MachineTour.Stage s : stages) {
      t.row(s.stage(), s.freePages(), s.freePageblocks(), Fragmentation.format(s.unusableIndexPageblock()),
          s.migratedPages(), s.failedRequests());
    }
    t.print(out);
    out.println("unusable(9): the share of free memory in blocks too small for a 2 MiB huge page.");
    out.println("Aging leaves much memory free but few whole 2 MiB blocks: unmovable kernel pages sit in");
    out.println("many pageblocks. Compaction moves the movable pages out of the way; blocks pinned by");
    out.println("unmovable pages stay broken. (`buddykit sim` runs any size, nodes and workload.)");

    heading(out, "4. Real memory: a DMA-style 64 KiB buffer from an off-heap BuddyArena");
    DmaBufferDemo.Result dma = (DmaBufferDemo.Result) results.get("dmaBuffer");
    out.printf(Locale.ROOT, "buffer of %d bytes = %d pages (one order-4 block) at %s%n",
        dma.bytes(), dma.pages(), dma.address());
    out.printf(Locale.ROOT, "address alignment: %d bytes (64 KiB-aligned: %s)%n",
        dma.alignment(), dma.aligned64k() ? "yes" : "NO");
    if (dma.framesKnown() == dma.pages()) {
      out.printf(Locale.ROOT, "physical frames: %d.. (from /proc/self/pagemap), physically contiguous: %s%n",
          dma.firstFrame(), dma.physicallyContiguous() ? "yes" : "no");
    } else {
      out.println("physical frames: not visible to this process (pagemap shows them only with CAP_SYS_ADMIN)");
    }
    out.printf(Locale.ROOT, "huge pages: advised %s, %d bytes of the region backed by huge pages%n",
        dma.hugePagesAdvised() ? "yes" : "no (the kernel refused)", dma.hugePageBytes());

    heading(out, "5. Beyond memory: CPU time in 16 ms buddy frames (scenario cputime, aging policy)");
    io.buddykit.scenario.Result cpu = (io.buddykit.scenario.Result) results.get("cputime");
    out.printf(Locale.ROOT, "a %s ms request gets a %s ms slice%n",
        ResultPrinter.format((Number) cpu.results().get("example.requestMs")),
        ResultPrinter.format((Number) cpu.results().get("example.sliceMs")));
    printTables(out, cpu, "policies", "densitySweep");

    heading(out, "6. Beyond memory: a 1024 Mbit/s link as one buddy block (scenario bandwidth)");
    printTables(out, (io.buddykit.scenario.Result) results.get("bandwidth"), "brokers", "sweep");

    heading(out, "7. Encrypted memory: AES-GCM lines, IV reuse across reallocation (scenario encryption, 20,000 cycles)");
    printTables(out, (io.buddykit.scenario.Result) results.get("encryption"), "schemes", "firstReuses");

    heading(out, "8. Flash: erase blocks as a buddy system with wear-aware coalescing (scenario flash, hot/cold, shortened)");
    printTables(out, (io.buddykit.scenario.Result) results.get("flash"), "policies");
    out.println("(full runs: buddykit scenario run encryption | flash | cputime | bandwidth; buddykit scenario list)");
    return 0;
  }

  /** Prints the named tables of a scenario result. */
  private static void printTables(PrintWriter out, io.buddykit.scenario.Result r, String... names) {
    for (String name : names) {
      io.buddykit.scenario.ResultTable t = (io.buddykit.scenario.ResultTable) r.results().get(name);
      out.println(name + ":");
      Table table = new Table(t.columns().toArray(String[]::new));
      for (java.util.List<Object> row : t.rows()) {
        table.row(row.stream().map(c -> c instanceof Number n ? ResultPrinter.format(n) : c).toArray());
      }
      table.print(out);
      out.println();
    }
  }

  static void heading(PrintWriter out, String title) {
    out.println();
    out.println("== " + title);
    out.println();
  }
}
