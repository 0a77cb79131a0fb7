package io.buddykit.sim.replay;

import io.buddykit.sim.FreeListSeed;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneFreeLists;
import io.buddykit.sim.proc.PagetypeInfoView;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.FtraceReader;
import io.buddykit.trace.memory.KmemActivity;
import io.buddykit.trace.memory.PageEvents;
import io.buddykit.trace.record.ProcSnapshot;
import io.buddykit.trace.record.RecordedShape;
import io.buddykit.trace.TraceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel against the model on one recorded trace: the trace's page allocations and frees are
 * replayed through the model's own policy ({@link PageReplay.Mode#POLICY}, per-CPU lists on), on a
 * machine shaped like the recorded one whose free lists start as the kernel's did; the kernel's own
 * observation tracepoints (per-CPU refills and drains, zone-locked allocations, fallbacks) are
 * counted by one {@link KmemActivity} and the model's, emitted at the same places in its code, by
 * another of the same class, so that both sides are measured by one definition.
 *
 * <p>Feed it a trace reader's events ({@link PageEvents}), then read {@link #metrics}.
 */
public final class Fidelity implements PageEvents {
  /** The recordings {@link #bundled} knows, in the order the scorecard shows them. */
  public static final List<String> RECORDINGS = List.of("build", "churn", "copy");

  private final PageReplay replay;
  private final KmemActivity kernel = new KmemActivity();
  private final KmemActivity model = new KmemActivity();
  /** Kernel view: blocks the trace allocated and has not freed, by recorded pfn -> order. */
  private final LongIntMap kernelLive = new LongIntMap();
  private long kernelUnknownFrees;
  private final List<FreeListSeed.Outcome> seeded;

  private Fidelity(Machine machine, List<FreeListSeed.Outcome> seeded) {
    this.replay = new PageReplay(machine, PageReplay.Mode.POLICY);
    this.replay.observeModel(model);
    this.seeded = List.copyOf(seeded);
  }

  /**
   * Boots {@code config} with per-CPU lists and seeds each zone named in {@code before} (the
   * recorded /proc/pagetypeinfo at the trace's start; empty to start from a fresh boot).
   */
  public static Fidelity boot(MachineConfig config, List<ZoneFreeLists> before) {
    Machine machine = Machine.booted(config.withPerCpuLists(true));
    List<FreeListSeed.Outcome> outcomes = new ArrayList<>();
    for (ZoneFreeLists zone : before) {
      if (zone.node() < machine.nodes().size() && machine.node(zone.node()).zone(zone.zone()) != null) {
        outcomes.add(FreeListSeed.apply(machine, zone, 1));
      }
    }
    return new Fidelity(machine, outcomes);
  }

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
    kernel.alloc(cpu, pfn, order, migratetype, gfpFlags);
    if (pfn >= 0 && order >= 0 && order <= PageEvents.MAX_ORDER) {
      kernelLive.put(pfn, order);
    }
    replay.alloc(cpu, pfn, order, migratetype, gfpFlags);
  }

  @Override
  public void free(int cpu, long pfn, int order) {
    kernel.free(cpu, pfn, order);
    if (kernelLive.get(pfn) == LongIntMap.MISSING) {
      kernelUnknownFrees++;
    } else {
      kernelLive.remove(pfn);
    }
    replay.free(cpu, pfn, order);
  }

  @Override
  public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
    kernel.allocFailed(cpu, order, migratetype, gfpFlags);
    replay.allocFailed(cpu, order, migratetype, gfpFlags);
  }

  @Override
  public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
    kernel.zoneLocked(cpu, pfn, order, migratetype, percpuRefill);
  }

  @Override
  public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
    kernel.pcpuDrain(cpu, pfn, order, migratetype);
  }

  @Override
  public void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMigratetype,
      int fallbackMigratetype, boolean changeOwnership) {
    kernel.extfrag(cpu, pfn, allocOrder, fallbackOrder, allocMigratetype, fallbackMigratetype, changeOwnership);
  }

  /**
   * Reads the ftrace {@code trace} (plain or gzip) and compares: on the machine its shape file
   * describes when {@code shape} is given (then the free lists start as the kernel's did and the
   * end is compared with the recorded /proc/buddyinfo), else on {@code withoutShape} booted fresh.
   *
   * @throws IllegalArgumentException naming the file when the shape or the trace cannot be read
   */
  public static FidelityReport run(Path trace, Path shape, MachineConfig withoutShape) {
    RecordedShape recorded = shape == null ? null : RecordedShape.read(shape);
    try (InputStream in = TraceFiles.open(trace)) {
      return run(in, trace.getFileName().toString(), recorded, withoutShape);
    } catch (IOException e) {
      throw new UncheckedIOException(trace + ": cannot read: " + e, e);
    }
  }

  /** As {@link #run(Path, Path, MachineConfig)} on a trace stream (plain) and a shape read already (or null). */
  public static FidelityReport run(InputStream trace, String name, RecordedShape recorded,
      MachineConfig withoutShape) {
    Fidelity f = recorded == null ? boot(withoutShape, List.of())
        : boot(RecordedMachine.config(recorded), PagetypeInfoView.parse(recorded.before().pagetypeinfo()));
    TraceStats read = FtraceReader.read(trace, name, f, false);
    Map<String, long[]> after = null;
    if (recorded != null && recorded.after() != null) {
      after = new LinkedHashMap<>();
      for (ProcSnapshot.FreeArea a : recorded.after().freeAreas()) {
        after.put(a.node() + " " + a.zone(), a.counts());
      }
    }
    return new FidelityReport(name, recorded == null ? "unknown" : recorded.kernel(), recorded != null, read,
        f.replay.stats(), f.seeded, f.metrics(after));
  }

  /**
   * One of the recordings this project ships ({@link #RECORDINGS}: {@code build}, {@code churn},
   * {@code copy}; see the README beside them), compared as {@link #run(Path, Path, MachineConfig)}
   * compares a file.
   */
  public static FidelityReport bundled(String recording) {
    if (!RECORDINGS.contains(recording)) {
      throw new IllegalArgumentException("no bundled recording " + recording + "; there are " + RECORDINGS);
    }
    String dir = "kernel/" + recording + "/kmem.trace.gz";
    try (InputStream shape = resource(dir + RecordedShape.SUFFIX);
        InputStream trace = TraceFiles.decompressed(resource(dir))) {
      return run(trace, recording + "/kmem.trace.gz", RecordedShape.read(shape, dir + RecordedShape.SUFFIX), null);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled recording " + recording + ": " + e, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Fidelity.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the sim jar lacks its resource " + name);
    }
    return in;
  }

  /** The replay underneath (its stats, its machine). */
  public PageReplay replay() {
    return replay;
  }

  /** What seeding the free lists did, per seeded zone. */
  public List<FreeListSeed.Outcome> seeded() {
    return seeded;
  }

  /**
   * Kernel against model, one row per metric, in a fixed order: the activity metrics of {@link
   * KmemActivity}, then unknown frees and the pageblocks spanned by the blocks live at the end, then
   * (when {@code after} is given: the recorded /proc/buddyinfo at the end, per zone) free blocks per
   * zone and order.
   */
  public List<FidelityMetric> metrics(Map<String, long[]> after) {
    List<FidelityMetric> rows = new ArrayList<>();
    Map<String, Number> k = kernel.metrics();
    Map<String, Number> m = model.metrics();
    for (var e : k.entrySet()) {
      rows.add(new FidelityMetric(e.getKey(), e.getValue().doubleValue(), m.get(e.getKey()).doubleValue()));
    }
    rows.add(new FidelityMetric("unknownFrees", kernelUnknownFrees, replay.stats().unknownFrees()));
    int pbOrder = replay.machine().config().pageblockOrder();
    BitSet kernelBlocks = new BitSet();
    kernelLive.forEach((pfn, order) -> span(kernelBlocks, pfn, order, pbOrder));
    BitSet modelBlocks = new BitSet();
    replay.forEachLive((recorded, modelPfn, order) -> span(modelBlocks, modelPfn, order, pbOrder));
    rows.add(new FidelityMetric("livePageblocks", kernelBlocks.cardinality(), modelBlocks.cardinality()));
    if (after != null) {
      for (Zone z : replay.machine().zones()) {
        long[] recorded = after.get(z.node().id() + " " + z.type().procName());
        if (recorded == null || !z.populated()) {
          continue;
        }
        long[] modelled = z.buddyInfo();
        for (int order = 0; order < Math.min(recorded.length, modelled.length); order++) {
          rows.add(new FidelityMetric("buddyinfo." + z.type().procName() + ".order" + order,
              recorded[order], modelled[order]));
        }
      }
    }
    return rows;
  }

  private static void span(BitSet blocks, long pfn, int order, int pbOrder) {
    long first = pfn >>> pbOrder;
    long last = (pfn + (1L << order) - 1) >>> pbOrder;
    for (long b = first; b <= last; b++) {
      blocks.set((int) b);
    }
  }
}
