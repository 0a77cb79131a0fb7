package io.buddykit.trace.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the GFP masks ftrace prints by name ({@code GFP_KERNEL|__GFP_ZERO}), because mm_page_alloc
 * prints the flags symbolically; the names and bits are {@link GfpBits}'. A name the table does
 * not know (an older or newer kernel's) is not an error: it is passed to the caller, and its bits
 * are left out.
 */
final class GfpNames {

  private GfpNames() {}

  /** The names a mask carried that {@link GfpBits} does not know; the same array for every mask without any. */
  private static final String[] NONE = new String[0];

  /**
   * The bits of ftrace's rendering: {@code none} (no flags), or names and leftover {@code 0x...}
   * bits joined by {@code |}, as the kernel's __print_flags writes them. Each unknown name (a C
   * identifier the table lacks) goes to {@code unknown} and adds no bits.
   *
   * @throws IllegalArgumentException naming the malformed part (an empty part, bad hexadecimal,
   *     text that is no identifier)
   */
  static int parse(String text, Consumer<String> unknown) {
    int bits = knownBits(text); // throws before anything is reported
    for (String name : unknownNames(text)) {
      unknown.accept(name);
    }
    return bits;
  }

  private static int knownBits(String text) {
    if (text.equals("none")) {
      return 0;
    }
    int bits = 0;
    for (String part : parts(text)) {
      bits |= part(part, text);
    }
    return bits;
  }

  /** The unknown names of {@code text}, in order (checking nothing else). */
  private static String[] unknownNames(String text) {
    if (text.equals("none")) {
      return NONE;
    }
    List<String> names = null;
    for (String part : parts(text)) {
      if (isIdentifier(part) && !part.equals("none") && GfpBits.bitsOf(part) == null) {
        names = names == null ? new ArrayList<>() : names;
        names.add(part);
      }
    }
    return names == null ? NONE : names.toArray(NONE);
  }

  private static List<String> parts(String text) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int bar = text.indexOf('|', from);
      parts.add(bar < 0 ? text.substring(from) : text.substring(from, bar));
      if (bar < 0) {
        return parts;
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
    if (!isIdentifier(part) || part.equals("none")) {
      throw new IllegalArgumentException(
          "gfp flag \"" + part + "\" is not a flag name (letters, digits and _) or 0x bits");
    }
    return 0; // an unknown name: reported by unknownNames
  }

  /** A C identifier in ASCII, as every __GFP_* and GFP_* name is. */
  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
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
    private final String[][] unknowns = new String[SLOTS][];
    private int entries;

    /**
     * The bits of {@code bytes[from..to)}; its unknown names go to {@code unknown}, on every call.
     *
     * @throws IllegalArgumentException as {@link GfpNames#parse}
     */
    int bits(byte[] bytes, int from, int to, Consumer<String> unknown) {
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
          report(unknowns[s], unknown);
          return values[s];
        }
      }
      String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
      int bits = knownBits(text);
      String[] names = unknownNames(text);
      if (free >= 0 && entries < MAX_ENTRIES) {
        keys[free] = Arrays.copyOfRange(bytes, from, to);
        values[free] = bits;
        unknowns[free] = names;
        entries++;
      }
      report(names, unknown);
      return bits;
    }

    private static void report(String[] names, Consumer<String> unknown) {
      for (String name : names) {
        unknown.accept(name);
      }
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
