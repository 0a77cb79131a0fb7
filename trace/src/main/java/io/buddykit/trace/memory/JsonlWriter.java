package io.buddykit.trace.memory;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A sink that writes every event it is given as a line of {@link JsonlTrace}'s format, so that any
 * reader (ftrace, mtrace, a generator) can convert its trace into ours by passing this as the sink.
 *
 * <p>It checks each event against the format's ranges (throwing {@link IllegalArgumentException}
 * and writing nothing), so whatever it writes reads back. It buffers: {@link #flush()} or {@link
 * #close()} when done. Write errors are {@link UncheckedIOException}s, since sinks cannot throw
 * checked ones.
 */
public final class JsonlWriter implements PageEvents, MallocEvents, Flushable, Closeable {
  private static final int BUFFER = 1 << 16;

  /** Room for the longest line (an extfrag with every number at its widest, about 150 bytes). */
  private static final int LONGEST_LINE = 200;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private int n;

  /** Writes the header line, then the events as they come; {@link #close()} closes {@code out}. */
  public JsonlWriter(OutputStream out) {
    this(out, true);
  }

  /**
   * @param header whether to start with the header line {@code
   *     {"format":"buddykit-trace","version":1}}
   */
  public JsonlWriter(OutputStream out, boolean header) {
    this.out = Objects.requireNonNull(out, "out");
    if (header) {
      text("{\"format\":\"" + JsonlTrace.FORMAT + "\",\"version\":" + JsonlTrace.VERSION + "}");
      endLine();
    }
  }

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
    checkCpu(cpu);
    checkPfn(pfn);
    checkOrder(order);
    checkMigratetype(migratetype);
    op("alloc", cpu);
    text(",\"pfn\":");
    decimal(pfn);
    pageTail(order, migratetype, gfpFlags);
  }

  @Override
  public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
    checkCpu(cpu);
    checkOrder(order);
    checkMigratetype(migratetype);
    op("alloc_failed", cpu);
    pageTail(order, migratetype, gfpFlags);
  }

  private void pageTail(int order, int migratetype, int gfpFlags) {
    text(",\"order\":");
    decimal(order);
    text(",\"mt\":");
    decimal(migratetype);
    text(",\"gfp\":");
    hexString(gfpFlags & 0xFFFF_FFFFL);
    text("}");
    endLine();
  }

  @Override
  public void free(int cpu, long pfn, int order) {
    checkCpu(cpu);
    checkPfn(pfn);
    checkOrder(order);
    op("free", cpu);
    pfnOrder(pfn, order);
    text("}");
    endLine();
  }

  @Override
  public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
    checkCpu(cpu);
    checkPfn(pfn);
    checkOrder(order);
    checkMigratetype(migratetype);
    op("zone_locked", cpu);
    pfnOrder(pfn, order);
    text(",\"mt\":");
    decimal(migratetype);
    text(percpuRefill ? ",\"percpu_refill\":1}" : ",\"percpu_refill\":0}");
    endLine();
  }

  @Override
  public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
    checkCpu(cpu);
    checkPfn(pfn);
    checkOrder(order);
    checkMigratetype(migratetype);
    op("pcpu_drain", cpu);
    pfnOrder(pfn, order);
    text(",\"mt\":");
    decimal(migratetype);
    text("}");
    endLine();
  }

  @Override
  public void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMigratetype,
      int fallbackMigratetype, boolean changeOwnership) {
    checkCpu(cpu);
    checkPfn(pfn);
    checkOrder(allocOrder);
    checkOrder(fallbackOrder);
    checkMigratetype(allocMigratetype);
    checkMigratetype(fallbackMigratetype);
    op("extfrag", cpu);
    pfnOrder(pfn, allocOrder);
    text(",\"fallback_order\":");
    decimal(fallbackOrder);
    text(",\"mt\":");
    decimal(allocMigratetype);
    text(",\"fallback_mt\":");
    decimal(fallbackMigratetype);
    text(changeOwnership ? ",\"change_ownership\":1}" : ",\"change_ownership\":0}");
    endLine();
  }

  /** The line's start: the object's opening, the op and, unless it is {@link #NO_CPU}, the cpu. */
  private void op(String name, int cpu) {
    text("{\"op\":\"");
    text(name);
    text("\"");
    if (cpu != NO_CPU) {
      text(",\"cpu\":");
      decimal(cpu);
    }
  }

  private void pfnOrder(long pfn, int order) {
    text(",\"pfn\":");
    decimal(pfn);
    text(",\"order\":");
    decimal(order);
  }

  @Override
  public void malloc(long addr, long size) {
    checkAddr(addr, "addr");
    checkSize(size);
    text("{\"op\":\"malloc\",\"addr\":");
    hexString(addr);
    text(",\"size\":");
    decimal(size);
    text("}");
    endLine();
  }

  @Override
  public void failed(long size) {
    text("{\"op\":\"malloc_failed\",\"size\":");
    decimal(size);
    text("}");
    endLine();
  }

  @Override
  public void free(long addr) {
    checkAddr(addr, "addr");
    text("{\"op\":\"mfree\",\"addr\":");
    hexString(addr);
    text("}");
    endLine();
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    checkAddr(oldAddr, "oldAddr");
    checkAddr(newAddr, "newAddr");
    checkSize(size);
    text("{\"op\":\"realloc\",\"old\":");
    hexString(oldAddr);
    text(",\"addr\":");
    hexString(newAddr);
    text(",\"size\":");
    decimal(size);
    text("}");
    endLine();
  }

  @Override
  public void flush() {
    try {
      drain();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace: " + e, e);
    }
  }

  @Override
  public void close() {
    try (out) {
      drain();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace: " + e, e);
    }
  }

  private static void checkCpu(int cpu) {
    if (cpu < NO_CPU) {
      throw new IllegalArgumentException("cpu " + cpu + " is neither a CPU number nor NO_CPU (-1)");
    }
  }

  private static void checkPfn(long pfn) {
    if (pfn < 0 || pfn >= PFN_LIMIT) {
      throw new IllegalArgumentException("pfn " + pfn + " is not in 0..2^52-1");
    }
  }

  private static void checkOrder(int order) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException("order " + order + " is not in 0.." + MAX_ORDER);
    }
  }

  private static void checkMigratetype(int migratetype) {
    if (migratetype < 0) {
      throw new IllegalArgumentException("migratetype " + migratetype + " is negative");
    }
  }

  private static void checkAddr(long addr, String what) {
    if (addr == 0) {
      throw new IllegalArgumentException(what + " is 0 (a null pointer)");
    }
  }

  private static void checkSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " is negative");
    }
  }

  private void text(String s) {
    for (int i = 0; i < s.length(); i++) {
      buf[n++] = (byte) s.charAt(i);
    }
  }

  /** The unsigned decimal digits of {@code v}. */
  private void decimal(long v) {
    int start = n;
    if (v < 0) {
      // Unsigned: peel one digit off so the rest is positive.
      long q = Long.divideUnsigned(v, 10);
      buf[n++] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    do {
      buf[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    reverse(start, n - 1);
  }

  private void hexString(long v) {
    buf[n++] = '"';
    buf[n++] = '0';
    buf[n++] = 'x';
    int start = n;
    do {
      buf[n++] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    } while (v != 0);
    reverse(start, n - 1);
    buf[n++] = '"';
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  private void endLine() {
    buf[n++] = '\n';
    if (n > BUFFER - LONGEST_LINE) {
      try {
        drain();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the trace: " + e, e);
      }
    }
  }

  private void drain() throws IOException {
    if (n > 0) {
      out.write(buf, 0, n);
      n = 0;
    }
  }
}
