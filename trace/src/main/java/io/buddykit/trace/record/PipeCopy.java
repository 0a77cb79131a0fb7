package io.buddykit.trace.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Copies an instance's {@code trace_pipe} to the output, whole lines only, until the end marker
 * comes through, counting the events by name. Past the byte limit it keeps reading (so the ring
 * buffer drains and the marker can arrive) but writes nothing more. Lines the kernel inserts when
 * it lost events ({@code CPU:N [LOST M EVENTS]}, kernel/trace/trace.c print_trace_line) are left
 * out of the output: no trace reader knows them, and the loss is reported from the buffer's stats.
 */
final class PipeCopy implements Runnable {
  private static final byte[] EVENT_START = ": ".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] LOST = "CPU:".getBytes(StandardCharsets.ISO_8859_1);

  private final FileChannel pipe;
  private final OutputStream out;
  private final long maxBytes;
  private final byte[] marker;
  private final CountDownLatch stop;
  private final Map<String, Long> events = new LinkedHashMap<>();
  private volatile long bytes;
  private volatile boolean full;
  private volatile boolean sawMarker;
  private volatile IOException failure;

  /**
   * @param stop counted down when the copy ends or the byte limit is reached: the recording stops
   */
  PipeCopy(FileChannel pipe, OutputStream out, long maxBytes, String marker, CountDownLatch stop) {
    this.pipe = pipe;
    this.out = out;
    this.maxBytes = maxBytes;
    this.marker = marker.getBytes(StandardCharsets.ISO_8859_1);
    this.stop = stop;
  }

  @Override
  public void run() {
    byte[] buf = new byte[1 << 16];
    int len = 0;
    try {
      while (!sawMarker) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        int n = pipe.read(ByteBuffer.wrap(buf, len, buf.length - len));
        if (n < 0) {
          break;
        }
        len += n;
        int from = 0;
        int nl = indexOf(buf, (byte) '\n', 0, len);
        while (nl >= 0 && !sawMarker) {
          line(buf, from, nl + 1);
          from = nl + 1;
          nl = indexOf(buf, (byte) '\n', from, len);
        }
        System.arraycopy(buf, from, buf, 0, len - from);
        len -= from;
      }
    } catch (IOException e) {
      if (!sawMarker) {
        failure = e;
      }
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
      stop.countDown();
    }
  }

  /** One line [from, to), its newline included. */
  private void line(byte[] b, int from, int to) throws IOException {
    if (contains(b, from, to, marker)) {
      sawMarker = true;
      return;
    }
    if (startsWith(b, from, to, LOST) && contains(b, from, to, "LOST".getBytes(StandardCharsets.ISO_8859_1))) {
      return;
    }
    String name = eventName(b, from, to);
    synchronized (events) {
      events.merge(name, 1L, Long::sum);
    }
    if (full) {
      return;
    }
    if (bytes + (to - from) > maxBytes) {
      full = true;
      stop.countDown();
      return;
    }
    out.write(b, from, to - from);
    bytes += to - from;
  }

  /**
   * The event name of a trace_pipe line, "{@code comm-pid [cpu] flags ts: NAME: fields}": the
   * word after the first ": " that ends in ':' ({@code comm} may hold ": " only in theory; the
   * first ": " after the CPU column is then still found, as the search starts at the last "] "
   * before the timestamp). "other" when the line has none.
   */
  static String eventName(byte[] b, int from, int to) {
    int start = from;
    for (int i = from; i + 1 < to; i++) {
      if (b[i] == ']' && b[i + 1] == ' ') {
        start = i + 2;
        break;
      }
    }
    int colon = indexOf(b, EVENT_START, start, to);
    if (colon < 0) {
      return "other";
    }
    int nameStart = colon + EVENT_START.length;
    for (int i = nameStart; i < to; i++) {
      if (b[i] == ':') {
        return new String(b, nameStart, i - nameStart, StandardCharsets.ISO_8859_1);
      }
      if (b[i] == ' ') {
        break;
      }
    }
    return "other";
  }

  /** Lines counted per event name, in first-seen order. */
  Map<String, Long> events() {
    synchronized (events) {
      return new LinkedHashMap<>(events);
    }
  }

  /** Bytes written to the output (before compression). */
  long bytes() {
    return bytes;
  }

  /** Whether the byte limit stopped the output. */
  boolean full() {
    return full;
  }

  /** Whether the end marker came through: everything traced before it was read. */
  boolean sawMarker() {
    return sawMarker;
  }

  /** The read or write error that ended the copy, or null. */
  IOException failure() {
    return failure;
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, byte[] what, int from, int to) {
    outer:
    for (int i = from; i + what.length <= to; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean contains(byte[] b, int from, int to, byte[] what) {
    return indexOf(b, what, from, to) >= 0;
  }

  private static boolean startsWith(byte[] b, int from, int to, byte[] what) {
    return to - from >= what.length && indexOf(b, what, from, from + what.length) == from;
  }
}
