package io.buddykit.cli;

import io.buddykit.app.Json;
import io.buddykit.app.TraceReplay;
import io.buddykit.core.BuddyInfo;
import io.buddykit.core.FreeListOrder;
import io.buddykit.core.Fragmentation;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.HeapReplay;
import io.buddykit.sim.replay.PageReplay;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.JsonlWriter;
import io.buddykit.trace.memory.MemoryTraceFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code buddykit replay FILE}: replays a real allocation trace. Page traces (ftrace, JSON lines)
 * run on a simulated machine, at the recorded pfns or through the model's policy; heap traces
 * (glibc mtrace) run on a buddy heap of byte-sized units.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replays an allocation trace: Linux ftrace (kmem:mm_page_alloc/free), glibc mtrace,"
        + " or buddykit's JSON lines; prints buddyinfo, pagetypeinfo, the fragmentation indices and a summary.")
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The trace file.")
  Path file;

  @Option(names = "--format", description = "ftrace, mtrace or jsonl (default: detected from the first lines).")
  String format;

  @Option(names = "--memory", converter = SizeConverter.class,
      description = "RAM of the simulated machine (default 16G), or the heap for mtrace (default: sized from"
          + " the trace, 2 to 4 times its peak of live blocks).")
  Long memory;

  @Option(names = "--nodes", defaultValue = "1", description = "NUMA nodes (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--mode", defaultValue = "recorded",
      description = "Page traces: recorded (take the traced pfns, checking consistency) or policy (the model chooses)"
          + " (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--unit", defaultValue = "16", converter = SizeConverter.class,
      description = "mtrace: smallest heap block in bytes, a power of two; 4096 maps requests onto pages"
          + " (default ${DEFAULT-VALUE}).")
  long unit;

  @Option(names = "--skip-bad", description = "Count and skip malformed lines instead of stopping at the first.")
  boolean skipBad;

  @Option(names = "--free-list-order", defaultValue = "linux", converter = FreeListOrderConverter.class,
      description = "Which free block of an order the zones hand out: linux (the kernel's LIFO lists) or"
          + " lowest-address (live pages pack towards pfn 0) (default ${DEFAULT-VALUE}).")
  FreeListOrder freeListOrder;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--write-jsonl", paramLabel = "OUT",
      description = "Convert instead of replaying: write the trace's events to OUT as buddykit's JSON lines"
          + " (the format README describes), which `replay OUT` then reads.")
  Path writeJsonl;

  @Mixin VmTunables tunables;

  @Override
  public Integer call() throws IOException {
    Main.PathChecks.checkTraceFile("FILE", file);
    MemoryTraceFormat f = format != null ? MemoryTraceFormat.parse(format) : MemoryTraceFormat.detect(file)
        .orElseThrow(() -> new IllegalArgumentException(
            file + ": cannot tell the trace format from its first lines; give --format"));
    PageReplay.Mode m;
    try {
      m = TraceReplay.Options.mode(mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mode " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (writeJsonl != null) {
      return convert(out, f);
    }
    TraceReplay.Options o = new TraceReplay.Options(f, memory == null ? TraceReplay.Options.NOT_GIVEN : memory,
        nodes, m, unit, skipBad, freeListOrder);
    MachineConfig config = f == MemoryTraceFormat.MTRACE ? null
        : tunables.apply(MachineConfig.of(o.machineBytes(), nodes).withFreeListOrder(freeListOrder));
    TraceReplay.Outcome r = TraceReplay.run(file, o, config);
    requireEvents(f, (TraceStats) r.summary().get("trace"));
    if (r.machine() == null) {
      printHeap(out, r.heap(), r.summary());
    } else {
      MachineReport.print(out, r.machine(), r.summary(), json);
    }
    return 0;
  }

  /**
   * The trace's events through {@link JsonlWriter}, which checks each against the format's ranges:
   * ftrace's page events (with the kmem observations) and mtrace's heap events alike.
   */
  private int convert(PrintWriter out, MemoryTraceFormat f) throws IOException {
    Main.PathChecks.checkFile("--write-jsonl", writeJsonl);
    if (Files.exists(writeJsonl) && Files.isSameFile(writeJsonl, file)) {
      throw new IllegalArgumentException("--write-jsonl " + writeJsonl + ": is the trace being read");
    }
    TraceStats read;
    try (JsonlWriter w = new JsonlWriter(new BufferedOutputStream(Files.newOutputStream(writeJsonl)))) {
      read = f.read(file, w, w, skipBad);
    }
    if (read.events() == 0 && read.bad() == 0) {
      Files.delete(writeJsonl);
      requireEvents(f, read);
    }
    out.println("wrote " + read.events() + " events of " + file + " (" + f.cliName() + ", " + read.lines()
        + " lines, " + read.skipped() + " skipped) to " + writeJsonl + " as JSON lines");
    return 0;
  }

  /**
   * A trace with lines but no event of its format (comments, another tool's output) is bad input
   * too. One whose events were all malformed and skipped ({@code --skip-bad}) is not: its summary
   * counts them.
   */
  private TraceStats requireEvents(MemoryTraceFormat f, TraceStats read) {
    if (read.events() == 0 && read.bad() == 0) {
      throw new IllegalArgumentException("FILE " + file + ": no " + f.cliName() + " events in its " + read.lines()
          + " lines" + (read.skipped() > 0 ? " (" + read.skipped() + " skipped)" : ""));
    }
    return read;
  }

  private void printHeap(PrintWriter out, HeapReplay heap, Map<String, Object> summary) {
    long[] info = heap.space().buddyInfo();
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("buddyinfo", Map.of("heap", info));
      int[] extfrag = new int[info.length];
      int[] unusable = new int[info.length];
      for (int k = 0; k < info.length; k++) {
        extfrag[k] = Fragmentation.fragmentationIndex(info, k);
        unusable[k] = Fragmentation.unusableFreeIndex(info, k);
      }
      all.put("extfragIndex", Map.of("heap", extfrag));
      all.put("unusableIndex", Map.of("heap", unusable));
      all.put("summary", summary);
      Json.print(out, all);
      return;
    }
    MachineReport.section(out, "heap buddyinfo (" + heap.unitBytes() + "-byte units)", BuddyInfo.line(0, "Heap", info));
    MachineReport.section(out, "extfrag_index", Fragmentation.extfragLine(0, "Heap", info));
    MachineReport.section(out, "unusable_index", Fragmentation.unusableLine(0, "Heap", info));
    out.println("== summary");
    HeapReplay.Stats s = heap.stats();
    Table t = new Table("what", "value")
        .row("heap", Sizes.format(heap.spaceBytes()) + (memory == null ? " (sized from the trace)" : ""))
        .row("mallocs", s.mallocs()).row("frees", s.frees()).row("reallocs", s.reallocs())
        .row("reallocs in place", s.reallocsInPlace()).row("bytes copied by reallocs", s.bytesCopied())
        .row("failures", s.failures()).row("traced failures", s.tracedFailures())
        .row("frees of unknown blocks", s.unknownFrees()).row("frees implied by a reused address", s.impliedFrees())
        .row("peak bytes requested", s.peakBytesRequested()).row("peak bytes granted", s.peakBytesGranted())
        .row("peak waste", String.format(java.util.Locale.ROOT, "%.1f%%", 100 * s.peakWaste()));
    SummaryPrinter.rows(t, "trace", summary.get("trace"));
    t.print(out);
  }
}
