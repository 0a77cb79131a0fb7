package io.buddykit.view.serve;

import io.buddykit.sim.replay.HeapNeed;
import io.buddykit.sim.replay.HeapReplay;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.FtraceReader;
import io.buddykit.trace.memory.JsonlTrace;
import io.buddykit.trace.memory.MallocEvents;
import io.buddykit.trace.memory.MemoryTraceFormat;
import io.buddykit.trace.memory.MtraceReader;
import io.buddykit.trace.memory.PageEvents;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * An uploaded trace parsed whole into compact event arrays, then replayed a slice at a time: the
 * readers push every event at once, while the live view wants to pause between slices. Parsing
 * first also means a bad line fails the run before anything is replayed.
 */
final class RecordedTrace implements PageEvents, MallocEvents {
  private static final byte PAGE_ALLOC = 0;
  private static final byte PAGE_FREE = 1;
  private static final byte PAGE_FAILED = 2;
  private static final byte MALLOC = 3;
  private static final byte FREE = 4;
  private static final byte REALLOC = 5;
  private static final byte MALLOC_FAILED = 6;

  private final MemoryTraceFormat format;
  private byte[] kind = new byte[1024];
  private long[] a = new long[1024];
  private long[] b = new long[1024];
  private long[] c = new long[1024];
  private int[] cpu = new int[1024];
  private int size;
  private boolean hasHeapEvents;
  private TraceStats stats;

  private RecordedTrace(MemoryTraceFormat format) {
    this.format = format;
  }

  /**
   * Parses {@code bytes} in {@code format}, or the format detected from the first lines when null.
   *
   * @throws io.buddykit.trace.TraceParseException naming {@code fileName} and the line
   * @throws IllegalArgumentException when the format cannot be told
   */
  static RecordedTrace parse(byte[] bytes, MemoryTraceFormat format, String fileName) {
    MemoryTraceFormat f = format != null ? format
        : MemoryTraceFormat.detect(new ByteArrayInputStream(bytes), fileName).orElseThrow(() ->
        new IllegalArgumentException(fileName + ": cannot tell the trace format from its first lines; choose one"));
    RecordedTrace t = new RecordedTrace(f);
    InputStream in = interruptible(new ByteArrayInputStream(bytes));
    t.stats = switch (f) {
      case FTRACE -> FtraceReader.read(in, fileName, t, false);
      case MTRACE -> MtraceReader.read(in, fileName, t, false);
      case JSONL -> JsonlTrace.read(in, fileName, t, t, false);
    };
    return t;
  }

  /**
   * {@code in}, failing a read once the thread is interrupted: parsing a large upload takes a
   * while, and a run closed meanwhile should not finish it.
   */
  private static InputStream interruptible(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        check();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
      }

      private void check() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("the run was closed");
        }
      }
    };
  }

  MemoryTraceFormat format() {
    return format;
  }

  TraceStats stats() {
    return stats;
  }

  int events() {
    return size;
  }

  boolean hasHeapEvents() {
    return hasHeapEvents;
  }

  /**
   * A heap of {@code unitBytes} units for this trace's heap events, sized from what they need
   * ({@link HeapReplay#fitted}: the whole trace replayed once to find a size it fits in), empty,
   * for the stepper to replay on a slice at a time.
   */
  HeapReplay fittedHeap(long unitBytes) {
    HeapNeed need = new HeapNeed(unitBytes);
    replay(0, size, null, need);
    long bytes = HeapReplay.fitted(need, h -> replay(0, size, null, h)).spaceBytes();
    return HeapReplay.sized(bytes, unitBytes);
  }

  /** Delivers events [from, to) to the sinks; a null sink skips its kind. */
  void replay(int from, int to, PageEvents pages, MallocEvents mallocs) {
    for (int i = from; i < Math.min(to, size); i++) {
      switch (kind[i]) {
        case PAGE_ALLOC -> {
          if (pages != null) {
            pages.alloc(cpu[i], a[i], (int) b[i], (int) (c[i] >>> 32), (int) c[i]);
          }
        }
        case PAGE_FREE -> {
          if (pages != null) {
            pages.free(cpu[i], a[i], (int) b[i]);
          }
        }
        case PAGE_FAILED -> {
          if (pages != null) {
            pages.allocFailed(cpu[i], (int) a[i], (int) (c[i] >>> 32), (int) c[i]);
          }
        }
        case MALLOC -> {
          if (mallocs != null) {
            mallocs.malloc(a[i], b[i]);
          }
        }
        case FREE -> {
          if (mallocs != null) {
            mallocs.free(a[i]);
          }
        }
        case REALLOC -> {
          if (mallocs != null) {
            mallocs.realloc(a[i], b[i], c[i]);
          }
        }
        default -> {
          if (mallocs != null) {
            mallocs.failed(a[i]);
          }
        }
      }
    }
  }

  private void add(byte k, long x, long y, long z) {
    add(k, NO_CPU, x, y, z);
  }

  private void add(byte k, int onCpu, long x, long y, long z) {
    if (size == kind.length) {
      int n = size * 2;
      kind = Arrays.copyOf(kind, n);
      a = Arrays.copyOf(a, n);
      b = Arrays.copyOf(b, n);
      c = Arrays.copyOf(c, n);
      cpu = Arrays.copyOf(cpu, n);
    }
    kind[size] = k;
    cpu[size] = onCpu;
    a[size] = x;
    b[size] = y;
    c[size] = z;
    size++;
  }

  private static long pack(int migratetype, int gfpFlags) {
    return (long) migratetype << 32 | (gfpFlags & 0xffffffffL);
  }

  @Override
  public void alloc(int onCpu, long pfn, int order, int migratetype, int gfpFlags) {
    add(PAGE_ALLOC, onCpu, pfn, order, pack(migratetype, gfpFlags));
  }

  @Override
  public void free(int onCpu, long pfn, int order) {
    add(PAGE_FREE, onCpu, pfn, order, 0);
  }

  @Override
  public void allocFailed(int onCpu, int order, int migratetype, int gfpFlags) {
    add(PAGE_FAILED, onCpu, order, 0, pack(migratetype, gfpFlags));
  }

  @Override
  public void malloc(long addr, long size) {
    hasHeapEvents = true;
    add(MALLOC, addr, size, 0);
  }

  @Override
  public void free(long addr) {
    hasHeapEvents = true;
    add(FREE, addr, 0, 0);
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    hasHeapEvents = true;
    add(REALLOC, oldAddr, newAddr, size);
  }

  @Override
  public void failed(long size) {
    hasHeapEvents = true;
    add(MALLOC_FAILED, size, 0, 0);
  }
}
