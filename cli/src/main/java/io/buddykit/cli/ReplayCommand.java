package io.buddykit.cli;

import io.buddykit.app.Json;
import io.buddykit.core.BuddyInfo;
import io.buddykit.core.FreeListOrder;
import io.buddykit.core.Fragmentation;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.HeapNeed;
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
import java.util.function.Consumer;
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

  /** The unit of the heap a JSON-lines trace's heap events replay on: byte-granular, as glibc aligns. */
  static final long JSONL_HEAP_UNIT = 16;

  /** The machine's RAM when --memory is not given. */
  static final long DEFAULT_MACHINE_BYTES = 16L << 30;

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
    Main.PathChecks.checkInputFile("FILE", file);
    MemoryTraceFormat f = format != null ? MemoryTraceFormat.parse(format) : MemoryTraceFormat.detect(file)
        .orElseThrow(() -> new IllegalArgumentException(
            file + ": cannot tell the trace format from its first lines; give --format"));
    PageReplay.Mode m = switch (mode) {
      case "recorded" -> PageReplay.Mode.RECORDED;
      case "policy" -> PageReplay.Mode.POLICY;
      default -> throw new IllegalArgumentException("--mode must be recorded or policy, not " + mode);
    };
    PrintWriter out = spec.commandLine().getOut();
    if (writeJsonl != null) {
      return convert(out, f);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("file", file.toString());
    summary.put("format", f.cliName());
    if (f == MemoryTraceFormat.MTRACE) {
      TraceStats[] read = new TraceStats[1];
      HeapReplay heap = heap(f, unit, h -> read[0] = f.read(file, null, h, skipBad));
      summary.put("trace", read[0]);
      summary.put("heapBytes", heap.spaceBytes());
      summary.put("heap", heap.stats());
      summary.put("peakWaste", heap.stats().peakWaste());
      printHeap(out, heap, summary);
      return 0;
    }
    long ram = memory == null ? DEFAULT_MACHINE_BYTES : memory;
    MachineConfig config = tunables.apply(MachineConfig.of(ram, nodes).withFreeListOrder(freeListOrder));
    HeapBudget.require("--memory " + Sizes.format(ram), config.heapBytes());
    // JSON lines may carry heap events too: they go to a byte-granular heap sized from them.
    HeapReplay heap = f == MemoryTraceFormat.JSONL ? jsonlHeap(f) : null;
    PageReplay replay = PageReplay.boot(config, m);
    Machine machine = replay.machine();
    TraceStats read = f.read(file, replay, heap, skipBad);
    summary.put("mode", mode);
    summary.put("trace", read);
    summary.put("replay", replay.stats());
    // Spelled out, as they change how the trace reads: the second records of batched frees the
    // reader dropped; the GFP names it did not know, whose bits the model never saw; and the
    // flags the model got but does not interpret.
    summary.put("duplicateFrees", read.duplicateFrees());
    summary.put("unknownGfpFlags", read.unknownGfpFlags());
    summary.put("gfpFlagsNotModelled", replay.gfpFlagsNotModelled());
    if (heap != null) {
      summary.put("heapBytes", heap.spaceBytes());
      summary.put("heap", heap.stats());
    }
    MachineReport.print(out, machine, summary, json);
    return 0;
  }

  /**
   * The heap a trace's heap events replay on, replayed by {@code replay}: of {@code --memory} bytes
   * when given, else sized from a first pass over the trace ({@link HeapNeed}, {@link
   * HeapReplay#fitted}). Either way its need of Java heap is checked before it is built, naming
   * what asked for it.
   */
  private HeapReplay heap(MemoryTraceFormat f, long unitBytes, Consumer<HeapReplay> replay) {
    if (memory != null) {
      HeapBudget.require("--memory " + Sizes.format(memory) + " in --unit " + unitBytes + " B units",
          HeapReplay.heapBytes(memory, unitBytes));
      HeapReplay heap = HeapReplay.sized(memory, unitBytes);
      replay.accept(heap);
      return heap;
    }
    HeapNeed need = new HeapNeed(unitBytes);
    f.read(file, null, need, skipBad);
    long units = need.heapUnits();
    HeapBudget.require(file + " (a peak of " + Sizes.format(need.peakBytes()) + " live in " + unitBytes
        + " B units, on a heap of " + Sizes.format(units * unitBytes) + ")", HeapReplay.heapBytes(units * unitBytes,
        unitBytes));
    return HeapReplay.fitted(need, replay);
  }

  /**
   * An empty heap for a JSON-lines trace's heap events, of the size {@link HeapReplay#fitted}
   * finds for them (their replays on trial heaps are thrown away), so that the page replay reads
   * the trace once with both sinks and counts every event; null when the trace has none.
   */
  private HeapReplay jsonlHeap(MemoryTraceFormat f) {
    HeapNeed need = new HeapNeed(JSONL_HEAP_UNIT);
    f.read(file, null, need, skipBad);
    if (need.events() == 0) {
      return null;
    }
    long bytes = HeapReplay.fitted(need, h -> f.read(file, null, h, skipBad)).spaceBytes();
    return HeapReplay.sized(bytes, JSONL_HEAP_UNIT);
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
    out.println("wrote " + read.events() + " events of " + file + " (" + f.cliName() + ", " + read.lines()
        + " lines, " + read.skipped() + " skipped) to " + writeJsonl + " as JSON lines");
    return 0;
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
