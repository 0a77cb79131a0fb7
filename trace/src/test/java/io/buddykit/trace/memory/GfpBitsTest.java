package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one GFP table: Linux 6.6's values on x86-64, worked out from gfp_types.h by hand. */
class GfpBitsTest {

  @Test
  void compositesAreBuiltFromTheBits() {
    // __GFP_RECLAIM (0x400 | 0x800) | __GFP_IO 0x40 | __GFP_FS 0x80
    assertThat(GfpBits.GFP_KERNEL).isEqualTo(0xcc0);
    // | __GFP_HARDWALL 0x100000 | __GFP_HIGHMEM 0x2 | __GFP_MOVABLE 0x8
    assertThat(GfpBits.GFP_HIGHUSER_MOVABLE).isEqualTo(0x100cca);
    // (0x100cca | __GFP_COMP 0x40000 | __GFP_NOMEMALLOC 0x80000 | __GFP_NOWARN 0x2000) & ~0xc00
    assertThat(GfpBits.GFP_TRANSHUGE_LIGHT).isEqualTo(0x1c20ca);
  }

  @Test
  void everyPrintedNameAndTheUnprintedSpellingsAreKnown() {
    for (GfpBits.Flag f : GfpBits.SHOWN) {
      assertThat(GfpBits.bitsOf(f.name())).as(f.name()).isEqualTo(f.bits());
    }
    assertThat(GfpBits.bitsOf("__GFP_DMA32")).isEqualTo(0x4);
    assertThat(GfpBits.bitsOf("__GFP_NOLOCKDEP")).isEqualTo(0x4000000);
    assertThat(GfpBits.bitsOf("none")).isNull(); // a whole rendering, not a flag
    assertThat(GfpBits.bitsOf("__GFP_COLD")).isNull(); // gone since 4.15
  }
}
