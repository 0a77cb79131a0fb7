package io.buddykit.view.serve;

import io.buddykit.sim.replay.HeapReplay;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A heap trace (glibc mtrace) replayed on a buddy heap as {@code buddykit replay} does, {@code
 * batch} events a step.
 */
final class HeapTraceStepper implements Stepper {
  private final RecordedTrace trace;
  private final HeapReplay heap;
  private final int batch;

  HeapTraceStepper(RecordedTrace trace, long bytes, long unit, int batch) {
    this.trace = trace;
    this.heap = HeapReplay.sized(bytes, unit);
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
    s.put("trace", trace.stats());
    s.put("heap", heap.stats());
    return s;
  }
}
