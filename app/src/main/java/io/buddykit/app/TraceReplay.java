package io.buddykit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.core.FreeListOrder;
import io.buddykit.core.Fragmentation;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.proc.MachineSnapshot;
import io.buddykit.sim.replay.HeapNeed;
import io.buddykit.sim.replay.HeapReplay;
import io.buddykit.sim.replay.PageReplay;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.MemoryTraceFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One replay of a recorded allocation trace, as {@code buddykit replay FILE} runs it and a
 * {@code traces:} sweep runs it for every file: page traces (ftrace, JSON lines) on a simulated
 * machine, at the recorded pfns or through the model's policy; heap traces (glibc mtrace) on a
 * buddy heap of byte-sized units. The one owner of how a trace is replayed and what its summary
 * holds; the command prints it, the sweep keeps its numbers.
 */
public final class TraceReplay {
  /** The options' names, as the command's long options spell them and a sweep spec's {@code replay:} takes them. */
  public static final List<String> OPTIONS =
      List.of("format", "memory", "nodes", "mode", "unit", "skip-bad", "free-list-order");

  /** The unit of the heap a JSON-lines trace's heap events replay on: byte-granular, as glibc aligns. */
  static final long JSONL_HEAP_UNIT = 16;

  private TraceReplay() {}

  /**
   * How a trace is replayed: its format ({@code null}: detected from its first lines), the RAM of
   * the machine (or the heap, for mtrace; {@link Options#NOT_GIVEN} for the defaults), NUMA nodes,
   * the page replay's mode, mtrace's smallest block in bytes, whether bad lines are skipped, and the
   * zones' free-list order.
   */
  public record Options(MemoryTraceFormat format, long memory, int nodes, PageReplay.Mode mode, long unit,
      boolean skipBad, FreeListOrder freeListOrder) {
    /**
     * {@code memory} when none was given: a machine of {@link #DEFAULT_MACHINE_BYTES}, a heap sized
     * from the trace.
     */
    public static final long NOT_GIVEN = 0;
    /** The machine's RAM when no memory is given. */
    public static final long DEFAULT_MACHINE_BYTES = 16L << 30;
    /**
     * The command's defaults: detected format, memory not given, one node, recorded, 16-byte units,
     * stop at a bad line, linux.
     */
    public static final Options DEFAULTS = new Options(null, NOT_GIVEN, 1, PageReplay.Mode.RECORDED, 16, false,
        FreeListOrder.LINUX);

    /** The simulated machine's RAM: the memory given, else {@link #DEFAULT_MACHINE_BYTES}. */
    public long machineBytes() {
      return memory == NOT_GIVEN ? DEFAULT_MACHINE_BYTES : memory;
    }

    /**
     * The defaults with {@code given} (option name to its text, names from {@link #OPTIONS}) applied;
     * an unknown name or a value that does not read throws, naming {@code prefix + name}.
     */
    public static Options parse(String prefix, Map<String, String> given) {
      Options o = DEFAULTS;
      for (Map.Entry<String, String> e : given.entrySet()) {
        String v = e.getValue();
        try {
          o = switch (e.getKey()) {
            case "format" -> o.with(MemoryTraceFormat.parse(v), o.memory, o.nodes, o.mode, o.unit, o.skipBad);
            case "memory" -> o.with(o.format, positive(Sizes.parse(v)), o.nodes, o.mode, o.unit, o.skipBad);
            case "nodes" -> o.with(o.format, o.memory, Integer.parseInt(v), o.mode, o.unit, o.skipBad);
            case "mode" -> o.with(o.format, o.memory, o.nodes, mode(v), o.unit, o.skipBad);
            case "unit" -> o.with(o.format, o.memory, o.nodes, o.mode, Sizes.parse(v), o.skipBad);
            case "skip-bad" -> o.with(o.format, o.memory, o.nodes, o.mode, o.unit, bool(v));
            case "free-list-order" -> new Options(o.format, o.memory, o.nodes, o.mode, o.unit, o.skipBad,
                FreeListOrders.parse(v));
            default -> throw new IllegalArgumentException("unknown replay option (known: "
                + String.join(", ", OPTIONS) + ")");
          };
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(prefix + e.getKey() + ": " + bad.getMessage(), bad);
        }
      }
      if (o.nodes < 1) {
        throw new IllegalArgumentException(prefix + "nodes: must be at least 1, not " + o.nodes);
      }
      return o;
    }

    private Options with(MemoryTraceFormat f, long mem, int n, PageReplay.Mode m, long u, boolean skip) {
      return new Options(f, mem, n, m, u, skip, freeListOrder);
    }

    /** {@code recorded} or {@code policy}, as {@code --mode} takes them. */
    public static PageReplay.Mode mode(String name) {
      return switch (name) {
        case "recorded" -> PageReplay.Mode.RECORDED;
        case "policy" -> PageReplay.Mode.POLICY;
        default -> throw new IllegalArgumentException("must be recorded or policy, not " + name);
      };
    }

    private static long positive(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("must be positive, not " + bytes);
      }
      return bytes;
    }

    private static boolean bool(String v) {
      if (!Set.of("true", "false").contains(v)) {
        throw new IllegalArgumentException("must be true or false, not " + v);
      }
      return Boolean.parseBoolean(v);
    }
  }

  /**
   * What a replay left: the format read, the machine (page traces; {@code null} for mtrace), the
   * heap ({@code null} when no heap event came), and the summary the command prints.
   */
  public record Outcome(MemoryTraceFormat format, Machine machine, HeapReplay heap, Map<String, Object> summary) {}

  /** {@code given}, or the format detected from {@code file}'s first lines. */
  public static MemoryTraceFormat format(Path file, MemoryTraceFormat given) {
    return given != null ? given : MemoryTraceFormat.detect(file).orElseThrow(() -> new IllegalArgumentException(
        file + ": cannot tell the trace format from its first lines; give the format"));
  }

  /**
   * Replays {@code file} with {@code o}; page traces boot {@code config} (the caller's machine with
   * its tunables; {@code null} for {@code MachineConfig.of(memory, nodes)} with the free-list order).
   */
  public static Outcome run(Path file, Options o, MachineConfig config) {
    MemoryTraceFormat f = format(file, o.format());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("file", file.toString());
    summary.put("format", f.cliName());
    if (f == MemoryTraceFormat.MTRACE) {
      TraceStats[] read = new TraceStats[1];
      HeapReplay heap = heap(file, f, o, h -> read[0] = f.read(file, null, h, o.skipBad()));
      summary.put("trace", read[0]);
      summary.put("heapBytes", heap.spaceBytes());
      summary.put("heap", heap.stats());
      summary.put("peakWaste", heap.stats().peakWaste());
      return new Outcome(f, null, heap, summary);
    }
    MachineConfig c = config != null ? config
        : MachineConfig.of(o.machineBytes(), o.nodes()).withFreeListOrder(o.freeListOrder());
    HeapBudget.require("--memory " + Sizes.format(o.machineBytes()), c.heapBytes());
    PageReplay replay = PageReplay.boot(c, o.mode());
    // JSON lines may carry heap events too: they go to a byte-granular heap sized from them.
    HeapReplay heap = f == MemoryTraceFormat.JSONL ? jsonlHeap(file, f, o.skipBad()) : null;
    TraceStats read = f.read(file, replay, heap, o.skipBad());
    summary.put("mode", o.mode() == PageReplay.Mode.RECORDED ? "recorded" : "policy");
    summary.put("trace", read);
    summary.put("replay", replay.stats());
    // Spelled out, as they change how the trace reads: the second records of batched frees the
    // reader dropped; the GFP names it did not know, whose bits the model never saw; and the
    // flags the model got but does not interpret.
    summary.put("duplicateFrees", read.duplicateFrees());
    summary.put("unknownGfpFlags", read.unknownGfpFlags());
    summary.put("gfpFlagsNotModelled", replay.gfpFlagsNotModelled());
    boolean heapUsed = heap != null && heap.stats().mallocs() + heap.stats().unknownFrees() > 0;
    if (heapUsed) {
      summary.put("heapBytes", heap.spaceBytes());
      summary.put("heap", heap.stats());
    }
    return new Outcome(f, replay.machine(), heapUsed ? heap : null, summary);
  }

  /**
   * The heap a trace's heap events replay on, replayed by {@code replay}: of the memory given, else
   * sized from a first pass over the trace ({@link HeapNeed}, {@link HeapReplay#fitted}). Either
   * way its need of Java heap is checked before it is built, naming what asked for it.
   */
  private static HeapReplay heap(Path file, MemoryTraceFormat f, Options o, Consumer<HeapReplay> replay) {
    if (o.memory() != Options.NOT_GIVEN) {
      HeapBudget.require("--memory " + Sizes.format(o.memory()) + " in --unit " + o.unit() + " B units",
          HeapReplay.heapBytes(o.memory(), o.unit()));
      HeapReplay heap = HeapReplay.sized(o.memory(), o.unit());
      replay.accept(heap);
      return heap;
    }
    HeapNeed need = new HeapNeed(o.unit());
    f.read(file, null, need, o.skipBad());
    long units = need.heapUnits();
    HeapBudget.require(file + " (a peak of " + Sizes.format(need.peakBytes()) + " live in " + o.unit()
        + " B units, on a heap of " + Sizes.format(units * o.unit()) + ")",
        HeapReplay.heapBytes(units * o.unit(), o.unit()));
    return HeapReplay.fitted(need, replay);
  }

  /**
   * An empty heap for a JSON-lines trace's heap events, of the size {@link HeapReplay#fitted}
   * finds for them (their replays on trial heaps are thrown away), so that the page replay reads
   * the trace once with both sinks and counts every event; null when the trace has none.
   */
  private static HeapReplay jsonlHeap(Path file, MemoryTraceFormat f, boolean skipBad) {
    HeapNeed need = new HeapNeed(JSONL_HEAP_UNIT);
    f.read(file, null, need, skipBad);
    if (need.events() == 0) {
      return null;
    }
    long bytes = HeapReplay.fitted(need, h -> f.read(file, null, h, skipBad)).spaceBytes();
    return HeapReplay.sized(bytes, JSONL_HEAP_UNIT);
  }

  /**
   * The replay's named numbers, as a sweep keeps them: every number of the summary under its
   * dotted path ({@code trace.events}, {@code replay.allocs}, {@code heap.peakBytesGranted}), and
   * for page traces the machine's free blocks per order at the end ({@code buddyinfo.order3}, the
   * totals of /proc/buddyinfo) and the unusable free space index at the pageblock order in
   * thousandths ({@code unusableIndex.pageblock}, debugfs {@code unusable_index} as
   * {@code unusable_free_index()} of Linux 6.12 mm/vmstat.c computes it).
   */
  public static Map<String, Object> numbers(Outcome o) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", Json.mapper().valueToTree(o.summary()), out);
    if (o.machine() != null) {
      MachineSnapshot s = MachineSnapshot.of(o.machine());
      JsonNode snap;
      try {
        snap = Json.mapper().readTree(s.toJson());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("machine snapshot is not JSON: " + e.getOriginalMessage(), e);
      }
      JsonNode info = snap.get("totals").get("buddyinfo");
      long[] free = new long[info.size()];
      for (int k = 0; k < free.length; k++) {
        free[k] = info.get(k).asLong();
        out.put("buddyinfo.order" + k, free[k]);
      }
      out.put("freePages", snap.get("totals").get("freePages").asLong());
      out.put("unusableIndex.pageblock", Fragmentation.unusableFreeIndex(free, snap.get("pageblockOrder").asInt()));
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
    } else if (node.isNumber()) {
      String name = prefix.substring(0, prefix.length() - 1);
      out.put(name, node.isIntegralNumber() ? (Object) node.asLong() : (Object) node.asDouble());
    }
  }
}
