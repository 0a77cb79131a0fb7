package io.buddykit.trace.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the GFP masks ftrace prints by name ({@code GFP_KERNEL|__GFP_ZERO}), because mm_page_alloc
 * prints the flags symbolically; the names and bits are {@link GfpBits}'.
 */
final class GfpNames {

  private GfpNames() {}

  /**
   * The bits of ftrace's rendering: {@code none} (no flags), or names and leftover {@code 0x...}
   * bits joined by {@code |}, as the kernel's __print_flags writes them.
   *
   * @throws IllegalArgumentException naming the unknown or malformed part
   */
  static int parse(String text) {
    if (text.equals("none")) {
      return 0;
    }
    int bits = 0;
    int from = 0;
    while (true) {
      int bar = text.indexOf('|', from);
      String part = bar < 0 ? text.substring(from) : text.substring(from, bar);
      bits |= part(part, text);
      if (bar < 0) {
        return bits;
      }
      from = bar + 1;
    }
  }

  private static int part(String part, String text) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty flag in gfp_flags \"" + text + "\"");
    }
    Integer named = GfpBits.bitsOf(part);
    if (named != null) {
      return named;
    }
    if (part.startsWith("0x")) {
      // __print_flags writes the bits no name covers as one hexadecimal number; gfp_t is 32 bits.
      if (part.length() < 3 || part.length() > 10) {
        throw new IllegalArgumentException(
            "leftover gfp bits \"" + part + "\" are not 1 to 8 hexadecimal digits");
      }
      int value = 0;
      for (int i = 2; i < part.length(); i++) {
        char c = part.charAt(i);
        int d = c < 0x80 ? Character.digit(c, 16) : -1;
        if (d < 0) {
          throw new IllegalArgumentException(
              "leftover gfp bits \"" + part + "\" are not hexadecimal");
        }
        value = (value << 4) | d;
      }
      return value;
    }
    throw new IllegalArgumentException(
        "unknown gfp flag \"" + part + "\" (known: Linux 6.6's names, \"none\" and 0x bits)");
  }

  /**
   * A cache of parsed renderings keyed by their bytes, because a trace repeats a few dozen
   * renderings millions of times: a hit costs a hash and a compare, no String. Open addressing
   * with a short probe; once {@link #MAX_ENTRIES} are kept (a fuzzer's input, not a trace), new
   * renderings are parsed every time instead of cached.
   */
  static final class Cache {
    private static final int SLOTS = 1024;
    private static final int PROBES = 8;
    static final int MAX_ENTRIES = SLOTS / 2;

    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] keys = new byte[SLOTS][];
    private final int[] values = new int[SLOTS];
    private int entries;

    /**
     * The bits of {@code bytes[from..to)}.
     *
     * @throws IllegalArgumentException as {@link GfpNames#parse}
     */
    int bits(byte[] bytes, int from, int to) {
      int slot = hash(bytes, from, to);
      int free = -1;
      for (int i = 0; i < PROBES; i++) {
        int s = (slot + i) & (SLOTS - 1);
        byte[] key = keys[s];
        if (key == null) {
          free = s;
          break;
        }
        if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
          return values[s];
        }
      }
      int bits = parse(new String(bytes, from, to - from, StandardCharsets.UTF_8));
      if (free >= 0 && entries < MAX_ENTRIES) {
        keys[free] = Arrays.copyOfRange(bytes, from, to);
        values[free] = bits;
        entries++;
      }
      return bits;
    }

    /** Mixes eight bytes at a time: hashing byte by byte would cost more than the whole parse. */
    private static int hash(byte[] bytes, int from, int to) {
      long h = (to - from) * 0x9E3779B97F4A7C15L;
      int i = from;
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L, 31);
      }
      for (; i < to; i++) {
        h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
      }
      h *= 0xBF58476D1CE4E5B9L;
      return (int) (h ^ (h >>> 32)) & (SLOTS - 1);
    }
  }
}
