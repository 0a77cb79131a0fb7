package io.buddykit.trace.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The names ftrace prints for GFP flags ({@code GFP_KERNEL|__GFP_ZERO}) and their bits, because
 * mm_page_alloc prints the flags symbolically. Values are Linux 6.6's include/linux/gfp_types.h;
 * __GFP_SKIP_ZERO and __GFP_SKIP_KASAN have their CONFIG_KASAN_HW_TAGS bits (only such kernels
 * print them) and GFP_HIGHUSER_MOVABLE its value without that option (as on x86). Bits moved in
 * other versions (6.10 added __GFP_NO_OBJ_EXT, 6.17 put __GFP_NOWARN into GFP_NOWAIT), so the bits
 * of another kernel's trace are approximate. To be folded into io.buddykit.sim.Gfp later.
 */
final class GfpNames {
  static final int DMA = 0x01;
  static final int HIGHMEM = 0x02;
  static final int DMA32 = 0x04;
  static final int MOVABLE = 0x08;
  static final int RECLAIMABLE = 0x10;
  static final int HIGH = 0x20;
  static final int IO = 0x40;
  static final int FS = 0x80;
  static final int ZERO = 0x100;
  static final int DIRECT_RECLAIM = 0x400;
  static final int KSWAPD_RECLAIM = 0x800;
  static final int WRITE = 0x1000;
  static final int NOWARN = 0x2000;
  static final int RETRY_MAYFAIL = 0x4000;
  static final int NOFAIL = 0x8000;
  static final int NORETRY = 0x10000;
  static final int MEMALLOC = 0x20000;
  static final int COMP = 0x40000;
  static final int NOMEMALLOC = 0x80000;
  static final int HARDWALL = 0x100000;
  static final int THISNODE = 0x200000;
  static final int ACCOUNT = 0x400000;
  static final int ZEROTAGS = 0x800000;
  static final int SKIP_ZERO = 0x1000000;
  static final int SKIP_KASAN = 0x2000000;
  static final int NOLOCKDEP = 0x4000000;

  static final int RECLAIM = DIRECT_RECLAIM | KSWAPD_RECLAIM;
  static final int GFP_ATOMIC = HIGH | KSWAPD_RECLAIM;
  static final int GFP_KERNEL = RECLAIM | IO | FS;
  static final int GFP_KERNEL_ACCOUNT = GFP_KERNEL | ACCOUNT;
  static final int GFP_NOWAIT = KSWAPD_RECLAIM;
  static final int GFP_NOIO = RECLAIM;
  static final int GFP_NOFS = RECLAIM | IO;
  static final int GFP_USER = RECLAIM | IO | FS | HARDWALL;
  static final int GFP_HIGHUSER = GFP_USER | HIGHMEM;
  static final int GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | MOVABLE;
  static final int GFP_TRANSHUGE_LIGHT =
      (GFP_HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NOWARN) & ~RECLAIM;
  static final int GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | DIRECT_RECLAIM;

  private static final Map<String, Integer> NAMES = names();

  private GfpNames() {}

  private static Map<String, Integer> names() {
    Map<String, Integer> m = new HashMap<>();
    m.put("GFP_TRANSHUGE", GFP_TRANSHUGE);
    m.put("GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT);
    m.put("GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE);
    m.put("GFP_HIGHUSER", GFP_HIGHUSER);
    m.put("GFP_USER", GFP_USER);
    m.put("GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT);
    m.put("GFP_KERNEL", GFP_KERNEL);
    m.put("GFP_NOFS", GFP_NOFS);
    m.put("GFP_ATOMIC", GFP_ATOMIC);
    m.put("GFP_NOIO", GFP_NOIO);
    m.put("GFP_NOWAIT", GFP_NOWAIT);
    m.put("GFP_DMA", DMA);
    m.put("GFP_DMA32", DMA32);
    m.put("__GFP_DMA", DMA);
    m.put("__GFP_HIGHMEM", HIGHMEM);
    m.put("__GFP_DMA32", DMA32);
    m.put("__GFP_MOVABLE", MOVABLE);
    m.put("__GFP_RECLAIMABLE", RECLAIMABLE);
    m.put("__GFP_HIGH", HIGH);
    m.put("__GFP_IO", IO);
    m.put("__GFP_FS", FS);
    m.put("__GFP_ZERO", ZERO);
    m.put("__GFP_RECLAIM", RECLAIM);
    m.put("__GFP_DIRECT_RECLAIM", DIRECT_RECLAIM);
    m.put("__GFP_KSWAPD_RECLAIM", KSWAPD_RECLAIM);
    m.put("__GFP_WRITE", WRITE);
    m.put("__GFP_NOWARN", NOWARN);
    m.put("__GFP_RETRY_MAYFAIL", RETRY_MAYFAIL);
    m.put("__GFP_NOFAIL", NOFAIL);
    m.put("__GFP_NORETRY", NORETRY);
    m.put("__GFP_MEMALLOC", MEMALLOC);
    m.put("__GFP_COMP", COMP);
    m.put("__GFP_NOMEMALLOC", NOMEMALLOC);
    m.put("__GFP_HARDWALL", HARDWALL);
    m.put("__GFP_THISNODE", THISNODE);
    m.put("__GFP_ACCOUNT", ACCOUNT);
    m.put("__GFP_ZEROTAGS", ZEROTAGS);
    m.put("__GFP_SKIP_ZERO", SKIP_ZERO);
    m.put("__GFP_SKIP_KASAN", SKIP_KASAN);
    m.put("__GFP_NOLOCKDEP", NOLOCKDEP);
    return Map.copyOf(m);
  }

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
    Integer named = NAMES.get(part);
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
