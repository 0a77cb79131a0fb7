package io.buddykit.trace.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of Linux's GFP bits and their names, as Linux 6.6's include/linux/gfp_types.h
 * defines them and include/trace/events/mmflags.h prints them: the trace readers parse the masks
 * ftrace prints with it, and the simulator's {@code Gfp} builds its masks from it.
 *
 * <p>The composite masks are those of an x86-64 kernel without CONFIG_KASAN_HW_TAGS and
 * CONFIG_LOCKDEP, where __GFP_SKIP_ZERO, __GFP_SKIP_KASAN and __GFP_NOLOCKDEP are 0 (so
 * GFP_HIGHUSER_MOVABLE is 0x100cca); their 6.6 bit values, which only kernels with those options
 * print, are still known by name so traces of such kernels parse.
 *
 * <p>Other kernels' traces are read by name into these values, so their bits are approximate:
 * kernels from 6.10 (gfp_types.h of 6.12 and 7.3) number the bits from an enum whose bits up to
 * __GFP_ZEROTAGS keep the values here and whose optional bits follow in order (KASAN's two, then
 * __GFP_NOLOCKDEP, then, from 6.10 to at least 6.18, {@link #__GFP_NO_OBJ_EXT}); 6.17 put __GFP_NOWARN into
 * GFP_NOWAIT. Names older kernels printed map as documented at their constants; names this table
 * does not know at all (4.x's __GFP_COLD, __GFP_NOTRACK, GFP_TEMPORARY, a future kernel's) are
 * not an error: the trace readers count them and leave their bits out.
 */
public final class GfpBits {
  public static final int __GFP_DMA = 0x01;
  public static final int __GFP_HIGHMEM = 0x02;
  public static final int __GFP_DMA32 = 0x04;
  public static final int __GFP_MOVABLE = 0x08;
  public static final int __GFP_RECLAIMABLE = 0x10;
  public static final int __GFP_HIGH = 0x20;
  public static final int __GFP_IO = 0x40;
  public static final int __GFP_FS = 0x80;
  public static final int __GFP_ZERO = 0x100;
  // 0x200 is unused in 6.6.
  public static final int __GFP_DIRECT_RECLAIM = 0x400;
  public static final int __GFP_KSWAPD_RECLAIM = 0x800;
  public static final int __GFP_WRITE = 0x1000;
  public static final int __GFP_NOWARN = 0x2000;
  public static final int __GFP_RETRY_MAYFAIL = 0x4000;
  public static final int __GFP_NOFAIL = 0x8000;
  public static final int __GFP_NORETRY = 0x10000;
  public static final int __GFP_MEMALLOC = 0x20000;
  public static final int __GFP_COMP = 0x40000;
  public static final int __GFP_NOMEMALLOC = 0x80000;
  public static final int __GFP_HARDWALL = 0x100000;
  public static final int __GFP_THISNODE = 0x200000;
  public static final int __GFP_ACCOUNT = 0x400000;
  public static final int __GFP_ZEROTAGS = 0x800000;
  /** Only with CONFIG_KASAN_HW_TAGS; 0 otherwise. */
  public static final int __GFP_SKIP_ZERO = 0x1000000;
  /** Only with CONFIG_KASAN_HW_TAGS; 0 otherwise. */
  public static final int __GFP_SKIP_KASAN = 0x2000000;
  /** Only with CONFIG_LOCKDEP; 0 otherwise. */
  public static final int __GFP_NOLOCKDEP = 0x4000000;

  /**
   * Linux 4.4 to 6.3's __GFP_ATOMIC (the caller cannot sleep and is high priority), removed in
   * 6.4; 0x200 in all of them, unused since. The model does not read it.
   */
  public static final int __GFP_ATOMIC = 0x200;

  /**
   * __GFP_NO_OBJ_EXT of Linux 6.10 to at least 6.18 (a slab allocation without object extensions;
   * 7.3 has none). Its enum bit follows the optional ones, so it is 0x1000000 on kernels without
   * CONFIG_KASAN_HW_TAGS and CONFIG_LOCKDEP, as the 6.18 the recordings were made on says in its
   * mm_page_alloc format; 6.12 prints it as the bits {@code 0x1000000}, 6.18 by name. It shares the
   * bit with 6.6's {@link #__GFP_SKIP_ZERO}, which only KASAN_HW_TAGS kernels set. The model reads
   * neither.
   */
  public static final int __GFP_NO_OBJ_EXT = 0x1000000;

  public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;

  public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
  public static final int GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
  public static final int GFP_KERNEL_ACCOUNT = GFP_KERNEL | __GFP_ACCOUNT;
  public static final int GFP_NOWAIT = __GFP_KSWAPD_RECLAIM;
  public static final int GFP_NOIO = __GFP_RECLAIM;
  public static final int GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
  public static final int GFP_USER = __GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL;
  public static final int GFP_DMA = __GFP_DMA;
  public static final int GFP_DMA32 = __GFP_DMA32;
  public static final int GFP_HIGHUSER = GFP_USER | __GFP_HIGHMEM;
  public static final int GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | __GFP_MOVABLE;
  public static final int GFP_TRANSHUGE_LIGHT =
      (GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM;
  public static final int GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM;

  /** A name show_gfp_flags prints and the bits it stands for. */
  public record Flag(String name, int bits) {}

  /**
   * show_gfp_flags' table in its order: the first names that cover the most bits win, and bits no
   * name covers are printed as hex.
   */
  public static final List<Flag> SHOWN = List.of(
      new Flag("GFP_TRANSHUGE", GFP_TRANSHUGE),
      new Flag("GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT),
      new Flag("GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE),
      new Flag("GFP_HIGHUSER", GFP_HIGHUSER),
      new Flag("GFP_USER", GFP_USER),
      new Flag("GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT),
      new Flag("GFP_KERNEL", GFP_KERNEL),
      new Flag("GFP_NOFS", GFP_NOFS),
      new Flag("GFP_ATOMIC", GFP_ATOMIC),
      new Flag("GFP_NOIO", GFP_NOIO),
      new Flag("GFP_NOWAIT", GFP_NOWAIT),
      new Flag("GFP_DMA", __GFP_DMA),
      new Flag("__GFP_HIGHMEM", __GFP_HIGHMEM),
      new Flag("GFP_DMA32", __GFP_DMA32),
      new Flag("__GFP_HIGH", __GFP_HIGH),
      new Flag("__GFP_IO", __GFP_IO),
      new Flag("__GFP_FS", __GFP_FS),
      new Flag("__GFP_NOWARN", __GFP_NOWARN),
      new Flag("__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL),
      new Flag("__GFP_NOFAIL", __GFP_NOFAIL),
      new Flag("__GFP_NORETRY", __GFP_NORETRY),
      new Flag("__GFP_COMP", __GFP_COMP),
      new Flag("__GFP_ZERO", __GFP_ZERO),
      new Flag("__GFP_NOMEMALLOC", __GFP_NOMEMALLOC),
      new Flag("__GFP_MEMALLOC", __GFP_MEMALLOC),
      new Flag("__GFP_HARDWALL", __GFP_HARDWALL),
      new Flag("__GFP_THISNODE", __GFP_THISNODE),
      new Flag("__GFP_RECLAIMABLE", __GFP_RECLAIMABLE),
      new Flag("__GFP_MOVABLE", __GFP_MOVABLE),
      new Flag("__GFP_ACCOUNT", __GFP_ACCOUNT),
      new Flag("__GFP_WRITE", __GFP_WRITE),
      new Flag("__GFP_RECLAIM", __GFP_RECLAIM),
      new Flag("__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM),
      new Flag("__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM),
      new Flag("__GFP_ZEROTAGS", __GFP_ZEROTAGS),
      // Printed only by CONFIG_KASAN_HW_TAGS kernels, the only ones that set them.
      new Flag("__GFP_SKIP_ZERO", __GFP_SKIP_ZERO),
      new Flag("__GFP_SKIP_KASAN", __GFP_SKIP_KASAN));

  /**
   * Every name a mask may hold: the printed ones, the spellings 6.6 never prints, and the names
   * other kernels print.
   */
  private static final Map<String, Integer> NAMES = names();

  private GfpBits() {}

  private static Map<String, Integer> names() {
    Map<String, Integer> m = new HashMap<>();
    for (Flag f : SHOWN) {
      m.put(f.name(), f.bits());
    }
    m.put("__GFP_DMA", __GFP_DMA);
    m.put("__GFP_DMA32", __GFP_DMA32);
    m.put("__GFP_NOLOCKDEP", __GFP_NOLOCKDEP);
    m.put("__GFP_ATOMIC", __GFP_ATOMIC);
    m.put("__GFP_NO_OBJ_EXT", __GFP_NO_OBJ_EXT);
    // 5.x to 6.2 (KASAN_HW_TAGS only): 6.3 merged both into __GFP_SKIP_KASAN.
    m.put("__GFP_SKIP_KASAN_POISON", __GFP_SKIP_KASAN);
    m.put("__GFP_SKIP_KASAN_UNPOISON", __GFP_SKIP_KASAN);
    return Map.copyOf(m);
  }

  /** The bits of a flag's name ({@code GFP_KERNEL}, {@code __GFP_ZERO}), or null for no such name. */
  public static Integer bitsOf(String name) {
    return NAMES.get(name);
  }
}
