package io.buddykit.view.serve;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.HeapReplay;
import io.buddykit.sim.replay.PageReplay;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page trace (ftrace, JSON lines) replayed on a simulated machine as {@code buddykit replay}
 * does, {@code batch} events a step; heap events of a JSON-lines trace go to a byte-granular heap
 * sized from what they need, as there.
 */
final class PageTraceStepper implements Stepper {
  private final RecordedTrace trace;
  private final Machine machine;
  private final PageReplay replay;
  private final HeapReplay heap;
  private final int batch;

  PageTraceStepper(RecordedTrace trace, MachineConfig config, PageReplay.Mode mode, int batch) {
    this.trace = trace;
    this.replay = PageReplay.boot(config, mode);
    this.machine = replay.machine();
    this.heap = trace.hasHeapEvents() ? trace.fittedHeap(16) : null;
    this.batch = batch;
  }

  @Override
  public long total() {
    return (trace.events() + batch - 1) / batch;
  }

  @Override
  public void step(long index) {
    int from = (int) (index * batch);
    trace.replay(from, from + batch, replay, heap);
  }

  @Override
  public Snapshot snapshot() {
    return Snapshot.of(machine);
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("format", trace.format().cliName());
    s.put("trace", trace.stats());
    s.put("replay", replay.stats());
    if (heap != null) {
      s.put("heap", heap.stats());
    }
    return s;
  }
}
