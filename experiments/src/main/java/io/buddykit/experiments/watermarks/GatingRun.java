package io.buddykit.experiments.watermarks;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Zone;
import io.buddykit.sim.workload.AgingConfig;
import io.buddykit.sim.workload.AgingWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * One machine under one {@link Gating}: the aging workload plus a low-priority stream, with huge
 * page availability read every step (free pageblocks) and probed every few steps (how many of a
 * few GFP_TRANSHUGE order-9 requests, with direct reclaim and compaction, succeed at once).
 */
public final class GatingRun {
  static final int THP_TAG = Integer.MAX_VALUE - 5;

  /** One step's reading; {@code hugePages} is -1 where no probe ran. */
  public record Sample(long step, long freePages, long freePageblocks, int hugePages, long refused) {}

  private final Gating gating;
  private final List<Sample> samples = new ArrayList<>();
  private long granted;
  private long refused;
  private long mixedPageblocks;

  public GatingRun(Gating gating) {
    this.gating = gating;
  }

  /** Runs {@code steps} steps; the same seed gives every gating the same requests. */
  public GatingRun run(long memoryBytes, long steps, int every, int thpTries, long requestsPerStep, long seed) {
    Machine m = Machine.booted(gating.apply(MachineConfig.of(memoryBytes, 1)));
    AgingWorkload aging = new AgingWorkload(m, AgingConfig.defaults().withSteps(steps), seed);
    LowPriorityStream stream = new LowPriorityStream(m, requestsPerStep, 50, 0.1, seed ^ 0x5eed);
    for (long s = 0; s < steps; s++) {
      aging.step(s);
      stream.step(s);
      m.tick();
      int huge = (s + 1) % every == 0 || s + 1 == steps ? probe(m, thpTries) : -1;
      samples.add(new Sample(s + 1, m.freePages(), freePageblocks(m), huge, stream.refused()));
    }
    granted = stream.granted();
    refused = stream.refused();
    mixedPageblocks = MixedPageblocks.count(m);
    return this;
  }

  /** Up to {@code tries} GFP_TRANSHUGE huge pages held at once; all freed again. */
  static int probe(Machine m, int tries) {
    int order = m.config().pageblockOrder();
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      long pfn = m.allocPages(PageRequest.of(Gfp.GFP_TRANSHUGE, order).tagged(THP_TAG));
      if (pfn < 0) {
        break;
      }
      held.add(pfn);
    }
    for (long pfn : held) {
      m.freePages(pfn, 0);
    }
    m.drainAllPages(); // a freed huge page may sit on a per-CPU list
    return held.size();
  }

  /** Free memory in whole free pageblocks. */
  static long freePageblocks(Machine m) {
    int order = m.config().pageblockOrder();
    long n = 0;
    for (Zone z : m.zones()) {
      n += BuddyInfo.suitableBlocks(z.buddyInfo(), order);
    }
    return n;
  }

  public Gating gating() {
    return gating;
  }

  public List<Sample> samples() {
    return samples;
  }

  public long granted() {
    return granted;
  }

  public long refused() {
    return refused;
  }

  /** Pageblocks holding a page nothing may move at the end: what compaction cannot clear. */
  public long mixedPageblocks() {
    return mixedPageblocks;
  }
}
