package io.buddykit.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte, or the edge of a run of blanks, in an array eight bytes a step (SWAR), because the
 * readers' searches for a line's newline, a record's colon and the ends of fields are the loops
 * that touch every byte of a trace. Public for the readers' fast paths in the subpackages.
 */
public final class ByteScan {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;
  private static final long SPACES = ' ' * ONES;
  private static final long TABS = '\t' * ONES;

  private ByteScan() {}

  /** The first index of {@code c} in {@code b[from..to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = (c & 0xffL) * ONES;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long w = (long) LONGS.get(b, i) ^ pattern;
      // The classic "has a zero byte" test; its lowest flagged byte is the first match.
      long zero = (w - ONES) & ~w & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The first index in {@code b[from..to)} that is not a space or tab, or {@code to}. */
  public static int skipBlanks(byte[] b, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long flags = nonBlanks((long) LONGS.get(b, i));
      if (flags != 0) {
        return i + (Long.numberOfTrailingZeros(flags) >>> 3);
      }
    }
    for (; i < to && (b[i] == ' ' || b[i] == '\t'); i++) {}
    return i;
  }

  /** The first index in {@code b[from..to)} that is a space or tab, or {@code to}. */
  public static int findBlank(byte[] b, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long flags = ~nonBlanks((long) LONGS.get(b, i)) & HIGHS;
      if (flags != 0) {
        return i + (Long.numberOfTrailingZeros(flags) >>> 3);
      }
    }
    for (; i < to && b[i] != ' ' && b[i] != '\t'; i++) {}
    return i;
  }

  /** The high bit of each byte of {@code w} that is neither a space nor a tab (exact per byte). */
  private static long nonBlanks(long w) {
    return nonZero(w ^ SPACES) & nonZero(w ^ TABS);
  }

  /** The high bit of each nonzero byte; no carries cross bytes, so every flag is exact. */
  private static long nonZero(long x) {
    return (((x & LOWS) + LOWS) | x) & HIGHS;
  }
}
