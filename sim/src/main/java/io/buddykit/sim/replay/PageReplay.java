package io.buddykit.sim.replay;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Migratetype;
import io.buddykit.sim.PageListener;
import io.buddykit.sim.PageRequest;
import io.buddykit.trace.memory.GfpBits;
import io.buddykit.trace.memory.PageEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays page allocator events (ftrace, JSON lines) on a {@link Machine}, in one of two modes.
 *
 * <ul>
 *   <li>{@link Mode#RECORDED}: each allocation takes exactly the recorded block, checking that the
 *       model has it free; the trace's placement is the truth and the model checks consistency.
 *       Per-CPU lists must be off: the trace's events are already at the page API.
 *   <li>{@link Mode#POLICY}: each allocation asks the model's own allocator with the recorded GFP
 *       flags and order, on the recorded CPU, and each free goes through the recorded CPU's
 *       per-CPU lists; the recorded pfn is only the allocation's name until it is freed. A trace
 *       recorded on more CPUs than the model has maps CPU {@code c} to {@code c % machine.cpus()}
 *       (so two traced CPUs may share one model CPU's lists); an event without a CPU ({@link
 *       PageEvents#NO_CPU}) runs on CPU 0.
 * </ul>
 *
 * An event that cannot be applied is counted in {@link ReplayStats} and changes nothing.
 */
public final class PageReplay implements PageEvents {
  /** Where allocations go. */
  public enum Mode {
    RECORDED,
    POLICY
  }

  private final Machine machine;
  private final Mode mode;
  private final LongIntMap live = new LongIntMap(); // recorded pfn -> slot (POLICY mode)
  private long[] modelPfn = new long[1024];
  private long[] recordedPfn = new long[1024];
  private final Slots slots = new Slots();
  private int gfpSeen;
  private int lastGfpFlags = Integer.MIN_VALUE;
  private Gfp lastGfp;
  private long allocs;
  private long frees;
  private long modelFailures;
  private long busy;
  private long outOfRange;
  private long unknownFrees;
  private long orderMismatches;
  private long tracedFailures;
  /** Where the model's own page events and tracepoints go (see {@link #observeModel}). */
  private PageEvents modelEvents = PageEvents.NONE;

  /**
   * Boots the machine a page trace replays on and the replay over it: at recorded pfns without
   * per-CPU lists (the trace already shows the pages the kernel chose, lists included), through the
   * model's policy with them. Both front ends replay this way.
   */
  public static PageReplay boot(MachineConfig config, Mode mode) {
    return new PageReplay(Machine.booted(config.withPerCpuLists(mode == Mode.POLICY)), mode);
  }

  public PageReplay(Machine machine, Mode mode) {
    this.machine = machine;
    this.mode = mode;
    if (mode == Mode.RECORDED && machine.config().perCpuLists()) {
      throw new IllegalArgumentException("replay at recorded pfns needs a machine without per-CPU lists");
    }
    if (mode == Mode.POLICY) {
      machine.setListener(new Owner());
    }
  }

  /**
   * Sends the model's side of the replay to {@code sink} as the kernel's trace would show it: its
   * per-CPU refills, drains and fallbacks as the machine emits them ({@link
   * Machine#setTracepoints}), each allocation (at the model's pfn, after the refill that served it, as
   * mm_page_alloc follows mm_page_alloc_zone_locked) and each free (before the drain it may cause,
   * as mm_page_free precedes mm_page_pcpu_drain). Policy mode only.
   */
  public void observeModel(PageEvents sink) {
    if (mode != Mode.POLICY) {
      throw new IllegalStateException("only a replay through the model's policy has the model's events");
    }
    modelEvents = java.util.Objects.requireNonNull(sink, "sink");
    machine.setTracepoints(sink);
  }

  /** A live block: the pfn the trace named it by, the pfn the model gave it, its order. */
  public interface LiveBlock {
    void accept(long recordedPfn, long modelPfn, int order);
  }

  /** Visits every block the replay holds now (policy mode; none in recorded mode). */
  public void forEachLive(LiveBlock action) {
    live.forEach((pfn, slot) -> action.accept(pfn, modelPfn[slot], machine.owners().order(modelPfn[slot])));
  }

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
    gfpSeen |= gfpFlags;
    if (order < 0 || order > machine.config().maxOrder() || migratetype < 0 || pfn < 0) {
      outOfRange++;
      return;
    }
    if (mode == Mode.RECORDED) {
      Migratetype mt = migratetype < Migratetype.count() ? Migratetype.of(migratetype) : Migratetype.UNMOVABLE;
      if (machine.zoneOf(pfn) == null) {
        outOfRange++;
      } else if (machine.allocAt(pfn, order, mt, 0)) {
        allocs++;
      } else {
        busy++;
      }
      return;
    }
    if (live.get(pfn) != LongIntMap.MISSING) {
      busy++; // the trace allocates a block it has not freed: it lost events
      return;
    }
    Gfp gfp = gfp(gfpFlags);
    if (gfp == null) {
      outOfRange++; // flags no kernel would pass (a zone or migratetype mix Linux rejects)
      return;
    }
    int slot = slots.take();
    modelPfn = Slots.fit(modelPfn, slots);
    recordedPfn = Slots.fit(recordedPfn, slots);
    long got = machine.allocPages(PageRequest.of(gfp, order).onCpu(modelCpu(cpu)).tagged(slot));
    if (got < 0) {
      slots.release(slot);
      modelFailures++;
      return;
    }
    modelPfn[slot] = got;
    recordedPfn[slot] = pfn;
    live.put(pfn, slot);
    allocs++;
    modelEvents.alloc(modelCpu(cpu), got, order, migratetype, gfpFlags);
  }

  @Override
  public void free(int cpu, long pfn, int order) {
    if (mode == Mode.RECORDED) {
      if (pfn < 0 || pfn >= machine.owners().size() || machine.zoneOf(pfn) == null || !machine.owners().isHead(pfn)) {
        unknownFrees++;
      } else if (machine.owners().order(pfn) != order) {
        orderMismatches++;
      } else {
        machine.freePages(pfn);
        frees++;
      }
      return;
    }
    int slot = live.get(pfn);
    if (slot == LongIntMap.MISSING) {
      unknownFrees++;
      return;
    }
    if (machine.owners().order(modelPfn[slot]) != order) {
      orderMismatches++;
      return;
    }
    live.remove(pfn);
    modelEvents.free(modelCpu(cpu), modelPfn[slot], order);
    machine.freePages(modelPfn[slot], modelCpu(cpu));
    slots.release(slot);
    frees++;
  }

  /** The model's CPU for a recorded one: see the class comment. */
  private int modelCpu(int cpu) {
    return cpu < 0 ? 0 : cpu % machine.cpus();
  }

  @Override
  public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
    tracedFailures++;
  }

  /** The machine's listener: keeps the model's pfns current. */
  private final class Owner implements PageListener {
    @Override
    public void migrated(int tag, long oldPfn, long newPfn, int order) {
      modelPfn[tag] = newPfn;
    }

    @Override
    public void reclaimed(int tag, long pfn, int order) {
      live.remove(recordedPfn[tag]); // not reached: replayed pages are not page cache
      slots.release(tag);
    }
  }

  /** The GFP flags as a request, or null for a combination Linux rejects. */
  private Gfp gfp(int flags) {
    if (flags != lastGfpFlags) {
      lastGfpFlags = flags;
      try {
        lastGfp = new Gfp(flags);
        lastGfp.highestZone();
        lastGfp.migratetype();
      } catch (IllegalArgumentException e) {
        lastGfp = null;
      }
    }
    return lastGfp;
  }

  /**
   * The GFP flags the replayed allocations carried that the model does not interpret (bits
   * outside {@link Gfp#MODELLED}), by the names Linux prints for them ({@code 0x...} for a bit no
   * name covers; bit 24 is 6.6's __GFP_SKIP_ZERO and 6.10+'s __GFP_NO_OBJ_EXT), in bit order.
   */
  public List<String> gfpFlagsNotModelled() {
    List<String> names = new ArrayList<>();
    int rest = gfpSeen & ~Gfp.MODELLED;
    for (int bit = 0; bit < Integer.SIZE; bit++) {
      int b = 1 << bit;
      if ((rest & b) != 0) {
        names.add(nameOf(b));
      }
    }
    return names;
  }

  private static String nameOf(int bit) {
    if (bit == GfpBits.__GFP_NO_OBJ_EXT) {
      return "__GFP_NO_OBJ_EXT|__GFP_SKIP_ZERO";
    }
    if (bit == GfpBits.__GFP_ATOMIC) {
      return "__GFP_ATOMIC";
    }
    if (bit == GfpBits.__GFP_NOLOCKDEP) {
      return "__GFP_NOLOCKDEP";
    }
    for (GfpBits.Flag f : GfpBits.SHOWN) {
      if (f.bits() == bit) {
        return f.name();
      }
    }
    return "0x" + Integer.toHexString(bit);
  }

  /** The machine the trace replays on. */
  public Machine machine() {
    return machine;
  }

  /** Blocks the replay holds now. */
  public int live() {
    return mode == Mode.POLICY ? live.size() : -1;
  }

  public ReplayStats stats() {
    return new ReplayStats(
        allocs, frees, modelFailures, busy, outOfRange, unknownFrees, orderMismatches, tracedFailures);
  }
}
