package io.buddykit.trace.memory;

import io.buddykit.trace.TraceFuzzing;
import io.buddykit.trace.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A page or heap reader as {@link TraceFuzzing} sees it, with the property only these readers
 * have: whatever a reader delivers survives a round trip through {@link JsonlWriter}. Each event is
 * written down as {@link Recorder} writes it and to JSON lines, and every read that completes
 * checks that the JSON lines read back to the same events.
 */
final class JsonlRoundTrip implements TraceFuzzing.Reader<String> {

  /** A reader under test, with one sink for both kinds of events. */
  interface Reader {
    TraceStats read(InputStream in, String fileName, Tee sink, boolean skipBad);
  }

  private final Reader reader;

  JsonlRoundTrip(Reader reader) {
    this.reader = reader;
  }

  @Override
  public TraceStats read(InputStream in, String fileName, Consumer<String> events, boolean skipBad) {
    Recorder seen = new Recorder(events, true);
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    TraceStats stats;
    try (JsonlWriter writer = new JsonlWriter(jsonl)) {
      stats = reader.read(in, fileName, new Tee(seen, writer), skipBad);
    }
    Recorder back = new Recorder(e -> {}, true);
    JsonlTrace.read(new ByteArrayInputStream(jsonl.toByteArray()), "back.jsonl", back, back, false);
    if (!back.events.equals(seen.events)) {
      throw new AssertionError("the JSONL round trip changed " + seen.events + " to " + back.events);
    }
    return stats;
  }

  /** Passes every event to a recorder and a writer. */
  static final class Tee implements PageEvents, MallocEvents {
    private final Recorder recorder;
    private final JsonlWriter writer;

    Tee(Recorder recorder, JsonlWriter writer) {
      this.recorder = recorder;
      this.writer = writer;
    }

    @Override
    public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
      recorder.alloc(cpu, pfn, order, migratetype, gfpFlags);
      writer.alloc(cpu, pfn, order, migratetype, gfpFlags);
    }

    @Override
    public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
      recorder.allocFailed(cpu, order, migratetype, gfpFlags);
      writer.allocFailed(cpu, order, migratetype, gfpFlags);
    }

    @Override
    public void free(int cpu, long pfn, int order) {
      recorder.free(cpu, pfn, order);
      writer.free(cpu, pfn, order);
    }

    @Override
    public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
      recorder.zoneLocked(cpu, pfn, order, migratetype, percpuRefill);
      writer.zoneLocked(cpu, pfn, order, migratetype, percpuRefill);
    }

    @Override
    public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
      recorder.pcpuDrain(cpu, pfn, order, migratetype);
      writer.pcpuDrain(cpu, pfn, order, migratetype);
    }

    @Override
    public void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMigratetype,
        int fallbackMigratetype, boolean changeOwnership) {
      recorder.extfrag(cpu, pfn, allocOrder, fallbackOrder, allocMigratetype, fallbackMigratetype,
          changeOwnership);
      writer.extfrag(cpu, pfn, allocOrder, fallbackOrder, allocMigratetype, fallbackMigratetype,
          changeOwnership);
    }

    @Override
    public void malloc(long addr, long size) {
      recorder.malloc(addr, size);
      writer.malloc(addr, size);
    }

    @Override
    public void free(long addr) {
      recorder.free(addr);
      writer.free(addr);
    }

    @Override
    public void realloc(long oldAddr, long newAddr, long size) {
      recorder.realloc(oldAddr, newAddr, size);
      writer.realloc(oldAddr, newAddr, size);
    }

    @Override
    public void failed(long size) {
      recorder.failed(size);
      writer.failed(size);
    }
  }
}
