package io.buddykit.sim;

import static io.buddykit.sim.Gfp.GFP_ATOMIC;
import static io.buddykit.sim.Gfp.GFP_DMA;
import static io.buddykit.sim.Gfp.GFP_DMA32;
import static io.buddykit.sim.Gfp.GFP_HIGHUSER;
import static io.buddykit.sim.Gfp.GFP_HIGHUSER_MOVABLE;
import static io.buddykit.sim.Gfp.GFP_KERNEL;
import static io.buddykit.sim.Gfp.GFP_NOFS;
import static io.buddykit.sim.Gfp.GFP_NOIO;
import static io.buddykit.sim.Gfp.GFP_NOWAIT;
import static io.buddykit.sim.Gfp.GFP_TRANSHUGE;
import static io.buddykit.sim.Gfp.GFP_TRANSHUGE_LIGHT;
import static io.buddykit.sim.Gfp.GFP_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.trace.memory.GfpBits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GFP masks: Linux's values, zones, migratetypes, alloc flags and ftrace rendering. */
class GfpTest {

  @Test
  void compositesHaveLinuxValues() {
    // GFP_KERNEL = __GFP_RECLAIM (0x400|0x800) | __GFP_IO 0x40 | __GFP_FS 0x80 = 0xcc0
    assertThat(GFP_KERNEL.flags()).isEqualTo(0xcc0);
    // GFP_ATOMIC = __GFP_HIGH 0x20 | __GFP_KSWAPD_RECLAIM 0x800 = 0x820
    assertThat(GFP_ATOMIC.flags()).isEqualTo(0x820);
    assertThat(GFP_NOWAIT.flags()).isEqualTo(0x800);
    assertThat(GFP_NOIO.flags()).isEqualTo(0xc00);
    assertThat(GFP_NOFS.flags()).isEqualTo(0xc40);
    // GFP_USER = GFP_KERNEL | __GFP_HARDWALL 0x100000
    assertThat(GFP_USER.flags()).isEqualTo(0x100cc0);
    assertThat(GFP_DMA.flags()).isEqualTo(0x01);
    assertThat(GFP_DMA32.flags()).isEqualTo(0x04);
    // + __GFP_HIGHMEM 0x02, + __GFP_MOVABLE 0x08 (__GFP_SKIP_KASAN is 0 on x86-64)
    assertThat(GFP_HIGHUSER.flags()).isEqualTo(0x100cc2);
    assertThat(GFP_HIGHUSER_MOVABLE.flags()).isEqualTo(0x100cca);
    // (0x100cca | __GFP_COMP 0x40000 | __GFP_NOMEMALLOC 0x80000 | __GFP_NOWARN 0x2000)
    // = 0x1c2cca, & ~__GFP_RECLAIM 0xc00 = 0x1c20ca
    assertThat(GFP_TRANSHUGE_LIGHT.flags()).isEqualTo(0x1c20ca);
    // + __GFP_DIRECT_RECLAIM 0x400
    assertThat(GFP_TRANSHUGE.flags()).isEqualTo(0x1c24ca);
    assertThat(Gfp.GFP_KERNEL_ACCOUNT.flags()).isEqualTo(0x400cc0);
  }

  @Test
  void parsesFtraceRenderings() {
    // 0x100cca | __GFP_ZERO 0x100 = 0x100dca
    assertThat(Gfp.parse("GFP_HIGHUSER_MOVABLE|__GFP_ZERO")).isEqualTo(new Gfp(0x100dca));
    // 0xcc0 | __GFP_COMP 0x40000 | __GFP_NOWARN 0x2000 = 0x42cc0, in any order
    assertThat(Gfp.parse("GFP_KERNEL|__GFP_COMP|__GFP_NOWARN")).isEqualTo(new Gfp(0x42cc0));
    assertThat(Gfp.parse("GFP_KERNEL|__GFP_NOWARN|__GFP_COMP")).isEqualTo(new Gfp(0x42cc0));
    assertThat(Gfp.parse("GFP_NOWAIT")).isEqualTo(GFP_NOWAIT);
    assertThat(Gfp.parse("none")).isEqualTo(Gfp.NONE);
    assertThat(Gfp.parse("0x0")).isEqualTo(Gfp.NONE);
    assertThat(Gfp.parse("0x400cc0")).isEqualTo(Gfp.GFP_KERNEL_ACCOUNT);
    assertThat(Gfp.parse("0X100CCA")).isEqualTo(GFP_HIGHUSER_MOVABLE);
    // leftover bits printed as hex: 0xcc0 | 0x8000000
    assertThat(Gfp.parse("GFP_KERNEL|0x8000000")).isEqualTo(new Gfp(0x8000cc0));
    // spellings ftrace never prints, and spaces around '|'
    assertThat(Gfp.parse("__GFP_DMA | __GFP_RECLAIM")).isEqualTo(new Gfp(0xc01));
    assertThat(Gfp.parse("0xffffffff").flags()).isEqualTo(-1);
  }

  @Test
  void rendersLikeShowGfpFlags() {
    assertThat(GFP_KERNEL).hasToString("GFP_KERNEL");
    assertThat(Gfp.NONE).hasToString("none");
    assertThat(new Gfp(0x400cc0)).hasToString("GFP_KERNEL_ACCOUNT");
    assertThat(new Gfp(0x100dca)).hasToString("GFP_HIGHUSER_MOVABLE|__GFP_ZERO");
    // the table lists __GFP_NOWARN before __GFP_COMP
    assertThat(new Gfp(0x42cc0)).hasToString("GFP_KERNEL|__GFP_NOWARN|__GFP_COMP");
    assertThat(GFP_ATOMIC.with(GfpBits.__GFP_NOWARN)).hasToString("GFP_ATOMIC|__GFP_NOWARN");
    assertThat(GFP_TRANSHUGE).hasToString("GFP_TRANSHUGE");
    assertThat(GFP_TRANSHUGE_LIGHT).hasToString("GFP_TRANSHUGE_LIGHT");
    assertThat(GFP_DMA32).hasToString("GFP_DMA32");
    // GFP_KERNEL without direct reclaim, 0x8c0: GFP_NOWAIT (0x800) matches first, then IO, FS
    assertThat(GFP_KERNEL.without(GfpBits.__GFP_DIRECT_RECLAIM))
        .hasToString("GFP_NOWAIT|__GFP_IO|__GFP_FS");
    // the unused bit 0x200 and unknown high bits stay hex
    assertThat(new Gfp(0x200)).hasToString("0x200");
    assertThat(new Gfp(0x8000cc0)).hasToString("GFP_KERNEL|0x8000000");
    // a KASAN_HW_TAGS kernel's GFP_HIGHUSER_MOVABLE (0x2100cca)
    assertThat(new Gfp(0x2100cca)).hasToString("GFP_HIGHUSER_MOVABLE|__GFP_SKIP_KASAN");
  }

  @Test
  void renderingParsesBack() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 2000; i++) {
      Gfp g = new Gfp(random.nextInt());
      assertThat(Gfp.parse(g.toString())).isEqualTo(g);
    }
    for (int bit = 0; bit < 32; bit++) {
      Gfp g = new Gfp(1 << bit);
      assertThat(Gfp.parse(g.toString())).isEqualTo(g);
    }
  }

  @Test
  void parseRejectsBadText() {
    assertThatThrownBy(() -> Gfp.parse("GFP_KERNEL|__GFP_BOGUS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'__GFP_BOGUS'");
    assertThatThrownBy(() -> Gfp.parse("gfp_kernel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gfp_kernel'");
    assertThatThrownBy(() -> Gfp.parse("GFP_KERNEL||__GFP_ZERO"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty gfp flag");
    assertThatThrownBy(() -> Gfp.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Gfp.parse("0x1ffffffff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0x1ffffffff'");
    assertThatThrownBy(() -> Gfp.parse("0xZZ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0xZZ'");
    assertThatThrownBy(() -> Gfp.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void gfpZoneOnX86() {
    assertThat(GFP_KERNEL.highestZone()).isEqualTo(ZoneType.NORMAL);
    assertThat(GFP_DMA.highestZone()).isEqualTo(ZoneType.DMA);
    assertThat(GFP_DMA32.highestZone()).isEqualTo(ZoneType.DMA32);
    // no ZONE_HIGHMEM on x86-64: __GFP_HIGHMEM alone means Normal
    assertThat(GFP_HIGHUSER.highestZone()).isEqualTo(ZoneType.NORMAL);
    // __GFP_MOVABLE | __GFP_HIGHMEM (0xa) is the only way into ZONE_MOVABLE
    assertThat(GFP_HIGHUSER_MOVABLE.highestZone()).isEqualTo(ZoneType.MOVABLE);
    assertThat(GFP_KERNEL.with(GfpBits.__GFP_MOVABLE).highestZone()).isEqualTo(ZoneType.NORMAL);
    assertThat(GFP_DMA32.with(GfpBits.__GFP_MOVABLE).highestZone()).isEqualTo(ZoneType.DMA32);
    assertThat(GFP_DMA.with(GfpBits.__GFP_MOVABLE).highestZone()).isEqualTo(ZoneType.DMA);
    assertThatThrownBy(() -> new Gfp(GfpBits.__GFP_DMA | GfpBits.__GFP_DMA32).highestZone())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one zone");
    assertThatThrownBy(() -> new Gfp(0xe).highestZone())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gfpMigratetype() {
    assertThat(GFP_KERNEL.migratetype()).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(GFP_ATOMIC.migratetype()).isEqualTo(Migratetype.UNMOVABLE);
    assertThat(GFP_HIGHUSER_MOVABLE.migratetype()).isEqualTo(Migratetype.MOVABLE);
    assertThat(GFP_TRANSHUGE.migratetype()).isEqualTo(Migratetype.MOVABLE);
    assertThat(GFP_KERNEL.with(GfpBits.__GFP_RECLAIMABLE).migratetype())
        .isEqualTo(Migratetype.RECLAIMABLE);
    assertThatThrownBy(
            () -> new Gfp(GfpBits.__GFP_MOVABLE | GfpBits.__GFP_RECLAIMABLE).migratetype())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both movable and reclaimable");
  }

  @Test
  void accessorsReadTheBits() {
    Gfp thp = GFP_TRANSHUGE.with(GfpBits.__GFP_THISNODE);
    assertThat(thp.directReclaim()).isTrue();
    assertThat(thp.kswapdReclaim()).isFalse();
    assertThat(thp.comp()).isTrue();
    assertThat(thp.noWarn()).isTrue();
    assertThat(thp.noMemalloc()).isTrue();
    assertThat(thp.thisNode()).isTrue();
    assertThat(thp.hardwall()).isTrue();
    assertThat(thp.zero()).isFalse();
    assertThat(GFP_ATOMIC.high()).isTrue();
    assertThat(GFP_NOFS.io()).isTrue();
    assertThat(GFP_NOFS.fs()).isFalse();
  }

  @Test
  void slowPathAllocFlags() {
    // GFP_KERNEL: WMARK_MIN 0 | CPUSET 0x40 | KSWAPD 0x800 = 0x840 at any order (it can block)
    assertThat(GFP_KERNEL.toAllocFlags(0)).isEqualTo(0x840);
    assertThat(GFP_KERNEL.toAllocFlags(3)).isEqualTo(0x840);
    // GFP_ATOMIC: 0x40 | MIN_RESERVE 0x20 | KSWAPD 0x800 | NON_BLOCK 0x10, minus CPUSET = 0x830
    assertThat(GFP_ATOMIC.toAllocFlags(0)).isEqualTo(0x830);
    // above order 0 also HIGHATOMIC 0x200: 0xa30
    assertThat(GFP_ATOMIC.toAllocFlags(2)).isEqualTo(0xa30);
    // GFP_NOWAIT: 0x40 | 0x800 | NON_BLOCK 0x10 = 0x850; CPUSET stays without __GFP_HIGH
    assertThat(GFP_NOWAIT.toAllocFlags(0)).isEqualTo(0x850);
    // GFP_NOWAIT above order 0 has no __GFP_HIGH, so since the Aug-2025 fix no HIGHATOMIC: 0x850
    assertThat(GFP_NOWAIT.toAllocFlags(3)).isEqualTo(0x850);
    assertThat(GFP_NOWAIT.nonblockingAllocFlags(3)).isEqualTo(0x10);
    assertThat(GFP_ATOMIC.nonblockingAllocFlags(3)).isEqualTo(0x210);
    assertThat(GFP_ATOMIC.nonblockingAllocFlags(0)).isEqualTo(0x10);
    assertThat(GFP_KERNEL.nonblockingAllocFlags(3)).isZero();
    // __GFP_NOMEMALLOC forbids NON_BLOCK and HIGHATOMIC: 0x840
    assertThat(GFP_NOWAIT.with(GfpBits.__GFP_NOMEMALLOC).toAllocFlags(1)).isEqualTo(0x840);
    // movable: + CMA 0x80 -> 0x8c0
    assertThat(GFP_HIGHUSER_MOVABLE.toAllocFlags(0)).isEqualTo(0x8c0);
    // THP fault: no reclaim bits, NOMEMALLOC: CPUSET 0x40 | CMA 0x80 = 0xc0
    assertThat(GFP_TRANSHUGE_LIGHT.toAllocFlags(9)).isEqualTo(0xc0);
    assertThatThrownBy(() -> GFP_KERNEL.toAllocFlags(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order -1");
  }

  @Test
  void fastPathAllocFlags() {
    // WMARK_LOW 1 | KSWAPD 0x800 | NOFRAGMENT 0x100 = 0x901
    assertThat(GFP_KERNEL.fastpathAllocFlags(true)).isEqualTo(0x901);
    // WMARK_LOW 1 | CMA 0x80 | KSWAPD 0x800 = 0x881
    assertThat(GFP_HIGHUSER_MOVABLE.fastpathAllocFlags(false)).isEqualTo(0x881);
    // no kswapd bit: WMARK_LOW | CMA = 0x81
    assertThat(GFP_TRANSHUGE_LIGHT.fastpathAllocFlags(false)).isEqualTo(0x81);
    assertThat(Gfp.noFragment(ZoneType.NORMAL, 1, false)).isTrue();
    assertThat(Gfp.noFragment(ZoneType.NORMAL, 2, false)).isFalse();
    assertThat(Gfp.noFragment(ZoneType.NORMAL, 2, true)).isTrue();
    assertThat(Gfp.noFragment(ZoneType.DMA32, 1, true)).isFalse();
    assertThat(Gfp.noFragment(ZoneType.MOVABLE, 1, true)).isFalse();
    assertThatThrownBy(() -> Gfp.noFragment(ZoneType.NORMAL, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("online node");
  }

  @Test
  void pfmemallocFlags() {
    assertThat(GFP_ATOMIC.with(GfpBits.__GFP_MEMALLOC).pfmemallocFlags())
        .isEqualTo(AllocFlags.ALLOC_NO_WATERMARKS);
    assertThat(GFP_ATOMIC.with(GfpBits.__GFP_MEMALLOC | GfpBits.__GFP_NOMEMALLOC).pfmemallocFlags())
        .isZero();
    assertThat(GFP_KERNEL.pfmemallocFlags()).isZero();
  }

  @Test
  void zoneTypes() {
    assertThat(ZoneType.DMA.limitBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(ZoneType.DMA32.limitBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
    assertThat(ZoneType.NORMAL.limitBytes()).isEqualTo(Long.MAX_VALUE);
    // 16 MiB / 4 KiB = 4096; 4 GiB / 4 KiB = 1048576
    assertThat(ZoneType.DMA.limitPfn(12)).isEqualTo(4096);
    assertThat(ZoneType.DMA32.limitPfn(12)).isEqualTo(1_048_576);
    assertThat(ZoneType.MOVABLE.limitPfn(12)).isEqualTo(Long.MAX_VALUE);
    assertThat(ZoneType.NORMAL.procName()).isEqualTo("Normal");
    assertThat(ZoneType.ofProcName("DMA32")).isEqualTo(ZoneType.DMA32);
    assertThat(ZoneType.of(3)).isEqualTo(ZoneType.MOVABLE);
    assertThat(ZoneType.of(4)).isEqualTo(ZoneType.DEVICE); // MAX_NR_ZONES is 5 with CONFIG_ZONE_DEVICE
    assertThatThrownBy(() -> ZoneType.of(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZoneType.ofProcName("HighMem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HighMem");
  }
}
