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
import static io.buddykit.trace.memory.GfpBits.__GFP_ACCOUNT;
import static io.buddykit.trace.memory.GfpBits.__GFP_COMP;
import static io.buddykit.trace.memory.GfpBits.__GFP_DIRECT_RECLAIM;
import static io.buddykit.trace.memory.GfpBits.__GFP_DMA;
import static io.buddykit.trace.memory.GfpBits.__GFP_DMA32;
import static io.buddykit.trace.memory.GfpBits.__GFP_FS;
import static io.buddykit.trace.memory.GfpBits.__GFP_HARDWALL;
import static io.buddykit.trace.memory.GfpBits.__GFP_HIGH;
import static io.buddykit.trace.memory.GfpBits.__GFP_HIGHMEM;
import static io.buddykit.trace.memory.GfpBits.__GFP_IO;
import static io.buddykit.trace.memory.GfpBits.__GFP_KSWAPD_RECLAIM;
import static io.buddykit.trace.memory.GfpBits.__GFP_MEMALLOC;
import static io.buddykit.trace.memory.GfpBits.__GFP_MOVABLE;
import static io.buddykit.trace.memory.GfpBits.__GFP_NOFAIL;
import static io.buddykit.trace.memory.GfpBits.__GFP_NOMEMALLOC;
import static io.buddykit.trace.memory.GfpBits.__GFP_NORETRY;
import static io.buddykit.trace.memory.GfpBits.__GFP_NOWARN;
import static io.buddykit.trace.memory.GfpBits.__GFP_RECLAIMABLE;
import static io.buddykit.trace.memory.GfpBits.__GFP_RETRY_MAYFAIL;
import static io.buddykit.trace.memory.GfpBits.__GFP_THISNODE;
import static io.buddykit.trace.memory.GfpBits.__GFP_ZERO;

import io.buddykit.trace.memory.GfpBits;
import java.util.Objects;

/**
 * A page-allocation request's GFP mask, held as Linux's own bit values (include/linux/gfp_types.h
 * of 6.6) so that the hex masks ftrace and OOM reports print parse directly. It answers what the
 * page allocator asks of a mask: the highest zone (gfp_zone), the migratetype (gfp_migratetype)
 * and the internal allocation flags of the fast and slow paths.
 *
 * <p>The bits and their names are {@link GfpBits}', the one table of them (in the trace module,
 * whose readers parse the same masks); the masks here are built from it.
 */
public record Gfp(int flags) {
  public static final int GFP_ZONEMASK = __GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE;

  /**
   * The GFP bits this model reads: the zone and mobility bits and those it has an accessor for.
   * The others (__GFP_WRITE, __GFP_ZEROTAGS, the KASAN and lockdep bits, 6.10+'s __GFP_NO_OBJ_EXT,
   * 4.4 to 6.3's __GFP_ATOMIC, unnamed bits) reach the model from a replayed trace and mean
   * nothing to it. Kept beside the accessors: one that reads a new bit adds it here.
   */
  public static final int MODELLED = GFP_ZONEMASK | __GFP_RECLAIMABLE | __GFP_HIGH | __GFP_IO | __GFP_FS
      | __GFP_ZERO | __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM | __GFP_NOWARN | __GFP_RETRY_MAYFAIL
      | __GFP_NOFAIL | __GFP_NORETRY | __GFP_MEMALLOC | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_HARDWALL
      | __GFP_THISNODE | __GFP_ACCOUNT;

  public static final Gfp NONE = new Gfp(0);
  public static final Gfp GFP_ATOMIC = new Gfp(GfpBits.GFP_ATOMIC);
  public static final Gfp GFP_KERNEL = new Gfp(GfpBits.GFP_KERNEL);
  public static final Gfp GFP_KERNEL_ACCOUNT = new Gfp(GfpBits.GFP_KERNEL_ACCOUNT);
  public static final Gfp GFP_NOWAIT = new Gfp(GfpBits.GFP_NOWAIT);
  public static final Gfp GFP_NOIO = new Gfp(GfpBits.GFP_NOIO);
  public static final Gfp GFP_NOFS = new Gfp(GfpBits.GFP_NOFS);
  public static final Gfp GFP_USER = new Gfp(GfpBits.GFP_USER);
  public static final Gfp GFP_DMA = new Gfp(GfpBits.GFP_DMA);
  public static final Gfp GFP_DMA32 = new Gfp(GfpBits.GFP_DMA32);
  public static final Gfp GFP_HIGHUSER = new Gfp(GfpBits.GFP_HIGHUSER);
  public static final Gfp GFP_HIGHUSER_MOVABLE = new Gfp(GfpBits.GFP_HIGHUSER_MOVABLE);
  public static final Gfp GFP_TRANSHUGE_LIGHT = new Gfp(GfpBits.GFP_TRANSHUGE_LIGHT);
  public static final Gfp GFP_TRANSHUGE = new Gfp(GfpBits.GFP_TRANSHUGE);

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
      Integer bits = token.equals("none") ? Integer.valueOf(0) : GfpBits.bitsOf(token);
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
   * Linux's gfp_to_alloc_flags (alloc_flags_slowpath in 7.3), the slow path's flags for a request
   * of {@code order}: the min watermark and cpuset enforcement; ALLOC_MIN_RESERVE for __GFP_HIGH
   * and ALLOC_KSWAPD for __GFP_KSWAPD_RECLAIM; {@link #nonblockingAllocFlags}; no cpuset limit for
   * a non-blocking __GFP_HIGH request; ALLOC_CMA for movable requests. The extra
   * ALLOC_MIN_RESERVE Linux gives realtime tasks is not modelled.
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
    alloc |= nonblockingAllocFlags(order);
    // Atomic __GFP_HIGH requests ignore the cpuset rather than fail.
    if (!directReclaim() && (alloc & ALLOC_MIN_RESERVE) != 0) {
      alloc &= ~ALLOC_CPUSET;
    }
    return allocFlagsCma(alloc);
  }

  /**
   * Linux 7.3's alloc_flags_nonblocking: a request that may not enter direct reclaim, unless
   * __GFP_NOMEMALLOC refuses the reserves, gets ALLOC_NON_BLOCK; above order 0 and with
   * __GFP_HIGH also ALLOC_HIGHATOMIC, the high-order atomic reserve. The __GFP_HIGH condition is
   * the Aug-2025 fix "mm/page_alloc: only set ALLOC_HIGHATOMIC for __GFP_HIGH allocations" (in
   * 6.17, and backported: Debian's 6.1.192 and 6.12.118 have it); before it any non-blocking
   * high-order request, GFP_NOWAIT among them, built and used the reserve.
   */
  public int nonblockingAllocFlags(int order) {
    checkOrder(order);
    if (directReclaim() || noMemalloc()) {
      return 0;
    }
    return order > 0 && high() ? ALLOC_NON_BLOCK | ALLOC_HIGHATOMIC : ALLOC_NON_BLOCK;
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
    for (GfpBits.Flag f : GfpBits.SHOWN) {
      if (rest == 0) {
        break;
      }
      int mask = f.bits();
      if ((rest & mask) == mask) {
        if (!b.isEmpty()) {
          b.append('|');
        }
        b.append(f.name());
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
