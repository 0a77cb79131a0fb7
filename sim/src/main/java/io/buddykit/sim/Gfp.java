package io.buddykit.sim;

import static io.buddykit.sim.AllocFlags.ALLOC_CMA;
import static io.buddykit.sim.AllocFlags.ALLOC_CPUSET;
import static io.buddykit.sim.AllocFlags.ALLOC_HIGHATOMIC;
import static io.buddykit.sim.AllocFlags.ALLOC_KSWAPD;
import static io.buddykit.sim.AllocFlags.ALLOC_MIN_RESERVE;
import static io.buddykit.sim.AllocFlags.ALLOC_NOFRAGMENT;
import static io.buddykit.sim.AllocFlags.ALLOC_NON_BLOCK;
import static io.buddykit.sim.AllocFlags.ALLOC_NO_WATERMARKS;
import static io.buddykit.sim.AllocFlags.ALLOC_WMARK_LOW;
import static io.buddykit.sim.AllocFlags.ALLOC_WMARK_MIN;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A page-allocation request's GFP mask, held as Linux's own bit values (include/linux/gfp_types.h
 * of 6.6) so that the hex masks ftrace and OOM reports print parse directly. It answers what the
 * page allocator asks of a mask: the highest zone (gfp_zone), the migratetype (gfp_migratetype)
 * and the internal allocation flags of the fast and slow paths.
 *
 * <p>The composite masks are those of an x86-64 kernel without CONFIG_KASAN_HW_TAGS and
 * CONFIG_LOCKDEP, where __GFP_SKIP_ZERO, __GFP_SKIP_KASAN and __GFP_NOLOCKDEP are 0 (so
 * GFP_HIGHUSER_MOVABLE is 0x100cca); their 6.6 bit values, used when those options are on, are
 * still known by name so traces of such kernels parse. Kernels from 6.10 number the bits from an
 * enum; the bits up to __GFP_ZEROTAGS keep the values here.
 */
public record Gfp(int flags) {
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

  public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
  public static final int GFP_ZONEMASK = __GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE;

  public static final Gfp NONE = new Gfp(0);
  public static final Gfp GFP_ATOMIC = new Gfp(__GFP_HIGH | __GFP_KSWAPD_RECLAIM);
  public static final Gfp GFP_KERNEL = new Gfp(__GFP_RECLAIM | __GFP_IO | __GFP_FS);
  public static final Gfp GFP_KERNEL_ACCOUNT = GFP_KERNEL.with(__GFP_ACCOUNT);
  public static final Gfp GFP_NOWAIT = new Gfp(__GFP_KSWAPD_RECLAIM);
  public static final Gfp GFP_NOIO = new Gfp(__GFP_RECLAIM);
  public static final Gfp GFP_NOFS = new Gfp(__GFP_RECLAIM | __GFP_IO);
  public static final Gfp GFP_USER = new Gfp(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL);
  public static final Gfp GFP_DMA = new Gfp(__GFP_DMA);
  public static final Gfp GFP_DMA32 = new Gfp(__GFP_DMA32);
  public static final Gfp GFP_HIGHUSER = GFP_USER.with(__GFP_HIGHMEM);
  public static final Gfp GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER.with(__GFP_MOVABLE);
  public static final Gfp GFP_TRANSHUGE_LIGHT =
      GFP_HIGHUSER_MOVABLE.with(__GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN)
          .without(__GFP_RECLAIM);
  public static final Gfp GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT.with(__GFP_DIRECT_RECLAIM);

  /**
   * show_gfp_flags' table (include/trace/events/mmflags.h) in its order: the first names that
   * cover the most bits win, and bits no name covers are printed as hex.
   */
  private static final List<Map.Entry<String, Integer>> SHOWN =
      List.of(
          Map.entry("GFP_TRANSHUGE", GFP_TRANSHUGE.flags),
          Map.entry("GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT.flags),
          Map.entry("GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE.flags),
          Map.entry("GFP_HIGHUSER", GFP_HIGHUSER.flags),
          Map.entry("GFP_USER", GFP_USER.flags),
          Map.entry("GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT.flags),
          Map.entry("GFP_KERNEL", GFP_KERNEL.flags),
          Map.entry("GFP_NOFS", GFP_NOFS.flags),
          Map.entry("GFP_ATOMIC", GFP_ATOMIC.flags),
          Map.entry("GFP_NOIO", GFP_NOIO.flags),
          Map.entry("GFP_NOWAIT", GFP_NOWAIT.flags),
          Map.entry("GFP_DMA", __GFP_DMA),
          Map.entry("__GFP_HIGHMEM", __GFP_HIGHMEM),
          Map.entry("GFP_DMA32", __GFP_DMA32),
          Map.entry("__GFP_HIGH", __GFP_HIGH),
          Map.entry("__GFP_IO", __GFP_IO),
          Map.entry("__GFP_FS", __GFP_FS),
          Map.entry("__GFP_NOWARN", __GFP_NOWARN),
          Map.entry("__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL),
          Map.entry("__GFP_NOFAIL", __GFP_NOFAIL),
          Map.entry("__GFP_NORETRY", __GFP_NORETRY),
          Map.entry("__GFP_COMP", __GFP_COMP),
          Map.entry("__GFP_ZERO", __GFP_ZERO),
          Map.entry("__GFP_NOMEMALLOC", __GFP_NOMEMALLOC),
          Map.entry("__GFP_MEMALLOC", __GFP_MEMALLOC),
          Map.entry("__GFP_HARDWALL", __GFP_HARDWALL),
          Map.entry("__GFP_THISNODE", __GFP_THISNODE),
          Map.entry("__GFP_RECLAIMABLE", __GFP_RECLAIMABLE),
          Map.entry("__GFP_MOVABLE", __GFP_MOVABLE),
          Map.entry("__GFP_ACCOUNT", __GFP_ACCOUNT),
          Map.entry("__GFP_WRITE", __GFP_WRITE),
          Map.entry("__GFP_RECLAIM", __GFP_RECLAIM),
          Map.entry("__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM),
          Map.entry("__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM),
          Map.entry("__GFP_ZEROTAGS", __GFP_ZEROTAGS),
          // Printed only by CONFIG_KASAN_HW_TAGS kernels, the only ones that set them.
          Map.entry("__GFP_SKIP_ZERO", __GFP_SKIP_ZERO),
          Map.entry("__GFP_SKIP_KASAN", __GFP_SKIP_KASAN));

  /** Every name parse accepts: the printed ones plus the spellings ftrace never prints. */
  private static final Map<String, Integer> NAMES = names();

  private static Map<String, Integer> names() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : SHOWN) {
      m.put(e.getKey(), e.getValue());
    }
    m.put("__GFP_DMA", __GFP_DMA);
    m.put("__GFP_DMA32", __GFP_DMA32);
    m.put("__GFP_NOLOCKDEP", __GFP_NOLOCKDEP);
    m.put("none", 0);
    return Map.copyOf(m);
  }

  /**
   * Parses a mask as ftrace's show_gfp_flags prints it: names and hex numbers joined by {@code |}
   * ({@code GFP_HIGHUSER_MOVABLE|__GFP_ZERO}, {@code GFP_KERNEL|0x1000000}), a bare hex mask
   * ({@code 0x400cc0}) or {@code none}. Names may come in any order.
   */
  public static Gfp parse(String text) {
    Objects.requireNonNull(text, "gfp text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty gfp mask");
    }
    int flags = 0;
    for (String raw : text.split("\\|", -1)) {
      String token = raw.strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("empty gfp flag in '" + text + "'");
      }
      if (token.startsWith("0x") || token.startsWith("0X")) {
        try {
          // gfp_t is an unsigned int: up to 0xffffffff.
          flags |= Integer.parseUnsignedInt(token.substring(2), 16);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad gfp hex '" + token + "' in '" + text + "'", e);
        }
        continue;
      }
      Integer bits = NAMES.get(token);
      if (bits == null) {
        throw new IllegalArgumentException("unknown gfp flag '" + token + "' in '" + text + "'");
      }
      flags |= bits;
    }
    return new Gfp(flags);
  }

  /** This mask with {@code bits} set. */
  public Gfp with(int bits) {
    return new Gfp(flags | bits);
  }

  /** This mask with {@code bits} cleared. */
  public Gfp without(int bits) {
    return new Gfp(flags & ~bits);
  }

  /** True when every bit of {@code bits} is set. */
  public boolean has(int bits) {
    return (flags & bits) == bits;
  }

  /**
   * Linux's gfp_zone on x86-64 (no ZONE_HIGHMEM): DMA for __GFP_DMA, DMA32 for __GFP_DMA32,
   * MOVABLE only for __GFP_MOVABLE together with __GFP_HIGHMEM, NORMAL otherwise (__GFP_HIGHMEM
   * or __GFP_MOVABLE alone). Throws for the combinations GFP_ZONE_BAD lists, such as DMA with
   * DMA32, on which the kernel BUGs.
   */
  public ZoneType highestZone() {
    int zoneBits = flags & GFP_ZONEMASK;
    int lowBits = zoneBits & (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32);
    if (Integer.bitCount(lowBits) > 1) {
      throw new IllegalArgumentException("gfp " + this + " names more than one zone");
    }
    if ((zoneBits & __GFP_DMA) != 0) {
      return ZoneType.DMA;
    }
    if ((zoneBits & __GFP_DMA32) != 0) {
      return ZoneType.DMA32;
    }
    if (zoneBits == (__GFP_MOVABLE | __GFP_HIGHMEM)) {
      return ZoneType.MOVABLE;
    }
    return ZoneType.NORMAL;
  }

  /**
   * Linux's gfp_migratetype: __GFP_MOVABLE gives MOVABLE, __GFP_RECLAIMABLE gives RECLAIMABLE,
   * neither gives UNMOVABLE. Both at once is a caller bug the kernel warns about; it throws here.
   * Linux answers UNMOVABLE for everything while page_group_by_mobility_disabled (tiny machines);
   * that is the caller's to model.
   */
  public Migratetype migratetype() {
    int mobility = flags & (__GFP_MOVABLE | __GFP_RECLAIMABLE);
    return switch (mobility) {
      case 0 -> Migratetype.UNMOVABLE;
      case __GFP_MOVABLE -> Migratetype.MOVABLE;
      case __GFP_RECLAIMABLE -> Migratetype.RECLAIMABLE;
      default ->
          throw new IllegalArgumentException("gfp " + this + " is both movable and reclaimable");
    };
  }

  /** __GFP_DIRECT_RECLAIM: the caller may sleep and reclaim (gfpflags_allow_blocking). */
  public boolean directReclaim() {
    return has(__GFP_DIRECT_RECLAIM);
  }

  /** __GFP_KSWAPD_RECLAIM: the allocator may wake kswapd when a zone drops below low. */
  public boolean kswapdReclaim() {
    return has(__GFP_KSWAPD_RECLAIM);
  }

  /** __GFP_HIGH: high priority, may use part of the min reserve. */
  public boolean high() {
    return has(__GFP_HIGH);
  }

  /** __GFP_IO: reclaim may start physical I/O (also required for compaction). */
  public boolean io() {
    return has(__GFP_IO);
  }

  /** __GFP_FS: reclaim may call into filesystems. */
  public boolean fs() {
    return has(__GFP_FS);
  }

  /** __GFP_THISNODE: no fallback to other nodes. */
  public boolean thisNode() {
    return has(__GFP_THISNODE);
  }

  /** __GFP_HARDWALL: enforce the cpuset's nodes. */
  public boolean hardwall() {
    return has(__GFP_HARDWALL);
  }

  /** __GFP_COMP: the block becomes a compound page (folio). */
  public boolean comp() {
    return has(__GFP_COMP);
  }

  /** __GFP_ZERO: the pages are returned zeroed. */
  public boolean zero() {
    return has(__GFP_ZERO);
  }

  /** __GFP_NOWARN: no allocation-failure report. */
  public boolean noWarn() {
    return has(__GFP_NOWARN);
  }

  /** __GFP_NORETRY: give up after light reclaim/compaction. */
  public boolean noRetry() {
    return has(__GFP_NORETRY);
  }

  /** __GFP_RETRY_MAYFAIL: retry reclaim while it progresses, but never OOM-kill. */
  public boolean retryMayfail() {
    return has(__GFP_RETRY_MAYFAIL);
  }

  /** __GFP_NOFAIL: must not fail; the allocator loops. */
  public boolean noFail() {
    return has(__GFP_NOFAIL);
  }

  /** __GFP_MEMALLOC: may use all memory, ignoring watermarks (unless __GFP_NOMEMALLOC). */
  public boolean memalloc() {
    return has(__GFP_MEMALLOC);
  }

  /** __GFP_NOMEMALLOC: never use emergency reserves; wins over __GFP_MEMALLOC. */
  public boolean noMemalloc() {
    return has(__GFP_NOMEMALLOC);
  }

  /** __GFP_ACCOUNT: charged to the memory cgroup. */
  public boolean account() {
    return has(__GFP_ACCOUNT);
  }

  /**
   * Linux's gfp_to_alloc_flags, the slow path's flags for a request of {@code order}: the min
   * watermark and cpuset enforcement; ALLOC_MIN_RESERVE for __GFP_HIGH and ALLOC_KSWAPD for
   * __GFP_KSWAPD_RECLAIM; without __GFP_DIRECT_RECLAIM, ALLOC_NON_BLOCK (plus ALLOC_HIGHATOMIC
   * above order 0) unless __GFP_NOMEMALLOC, and no cpuset limit for __GFP_HIGH; ALLOC_CMA for
   * movable requests. The extra ALLOC_MIN_RESERVE Linux gives realtime tasks is not modelled.
   */
  public int toAllocFlags(int order) {
    checkOrder(order);
    int alloc = ALLOC_WMARK_MIN | ALLOC_CPUSET;
    if (high()) {
      alloc |= ALLOC_MIN_RESERVE;
    }
    if (kswapdReclaim()) {
      alloc |= ALLOC_KSWAPD;
    }
    if (!directReclaim()) {
      // Not worth trying harder for a caller that refuses the reserves anyway.
      if (!noMemalloc()) {
        alloc |= ALLOC_NON_BLOCK;
        if (order > 0) {
          alloc |= ALLOC_HIGHATOMIC;
        }
      }
      // Atomic __GFP_HIGH requests ignore the cpuset rather than fail.
      if ((alloc & ALLOC_MIN_RESERVE) != 0) {
        alloc &= ~ALLOC_CPUSET;
      }
    }
    return allocFlagsCma(alloc);
  }

  /**
   * The flags of __alloc_pages' first attempt (get_page_from_freelist from the fast path):
   * ALLOC_WMARK_LOW, ALLOC_CMA for movable requests, and alloc_flags_nofragment's ALLOC_KSWAPD
   * and, when {@code noFragment} (see {@link #noFragment}), ALLOC_NOFRAGMENT. The ALLOC_CPUSET
   * that cpuset-enabled kernels add for interrupt-context requests is not modelled.
   */
  public int fastpathAllocFlags(boolean noFragment) {
    int alloc = allocFlagsCma(ALLOC_WMARK_LOW);
    if (kswapdReclaim()) {
      alloc |= ALLOC_KSWAPD;
    }
    if (noFragment) {
      alloc |= ALLOC_NOFRAGMENT;
    }
    return alloc;
  }

  /**
   * alloc_flags_nofragment's zone rule: the first attempt avoids fragmenting fallbacks only when
   * the preferred zone (the first populated zone at or below {@link #highestZone()}) is Normal and
   * DMA32 could serve instead: on one node Linux assumes it does, on several nodes the preferred
   * node's DMA32 must be populated.
   */
  public static boolean noFragment(
      ZoneType preferredZone, int nrOnlineNodes, boolean dma32Populated) {
    Objects.requireNonNull(preferredZone, "preferredZone");
    if (nrOnlineNodes < 1) {
      throw new IllegalArgumentException("need at least one online node, got " + nrOnlineNodes);
    }
    return preferredZone == ZoneType.NORMAL && (nrOnlineNodes == 1 || dma32Populated);
  }

  /**
   * The part of Linux's __gfp_pfmemalloc_flags that the mask decides: ALLOC_NO_WATERMARKS for
   * __GFP_MEMALLOC without __GFP_NOMEMALLOC, else 0. The slow path replaces its flags with these
   * (keeping ALLOC_KSWAPD, adding ALLOC_CMA) when non-zero; PF_MEMALLOC tasks and OOM victims,
   * which Linux also lets in, are task state and not modelled.
   */
  public int pfmemallocFlags() {
    return memalloc() && !noMemalloc() ? ALLOC_NO_WATERMARKS : 0;
  }

  /** The mask as show_gfp_flags prints it: named groups first, leftover bits in hex, or none. */
  @Override
  public String toString() {
    if (flags == 0) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    int rest = flags;
    for (Map.Entry<String, Integer> e : SHOWN) {
      if (rest == 0) {
        break;
      }
      int mask = e.getValue();
      if ((rest & mask) == mask) {
        if (!b.isEmpty()) {
          b.append('|');
        }
        b.append(e.getKey());
        rest &= ~mask;
      }
    }
    if (rest != 0) {
      if (!b.isEmpty()) {
        b.append('|');
      }
      b.append("0x").append(Integer.toHexString(rest));
    }
    return b.toString();
  }

  // gfp_to_alloc_flags_cma: only movable requests may land in CMA pageblocks.
  private int allocFlagsCma(int alloc) {
    return migratetype() == Migratetype.MOVABLE ? alloc | ALLOC_CMA : alloc;
  }

  private static void checkOrder(int order) {
    if (order < 0 || order > 30) {
      throw new IllegalArgumentException("order " + order + " outside 0..30");
    }
  }
}
