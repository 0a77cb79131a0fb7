package io.buddykit.view.serve;

import io.buddykit.sim.replay.HeapReplay;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A heap trace (glibc mtrace) replayed on a buddy heap as {@code buddykit replay} does, {@code
 * batch} events a step: on a heap of the bytes asked for, or, when none were, on one sized from
 * what the trace needs ({@link RecordedTrace#fittedHeap}).
 */
final class HeapTraceStepper implements Stepper {
  private final RecordedTrace trace;
  private final HeapReplay heap;
  private final int batch;

  /** @param bytes the heap's size, or -1 to size it from the trace */
  HeapTraceStepper(RecordedTrace trace, long bytes, long unit, int batch) {
    this.trace = trace;
    this.heap = bytes < 0 ? trace.fittedHeap(unit) : HeapReplay.sized(bytes, unit);
    this.batch = batch;
  }

  @Override
  public long total() {
    return (trace.events() + batch - 1) / batch;
  }

  @Override
  public void step(long index) {
    int from = (int) (index * batch);
    trace.replay(from, from + batch, null, heap);
  }

  @Override
  public Snapshot snapshot() {
    return Snapshot.of(heap.space());
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("format", trace.format().cliName());
    s.put("unitBytes", heap.unitBytes());
    s.put("heapBytes", heap.spaceBytes());
    s.put("trace", trace.stats());
    s.put("heap", heap.stats());
    return s;
  }
}
