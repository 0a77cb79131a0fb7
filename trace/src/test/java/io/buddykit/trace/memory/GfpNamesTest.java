package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GfpNamesTest {

  @Test
  void compositeNamesHaveLinux66Values() {
    // The values every kernel document quotes for 6.6 on x86 (no KASAN_HW_TAGS).
    assertThat(GfpNames.parse("GFP_KERNEL")).isEqualTo(0xcc0);
    assertThat(GfpNames.parse("GFP_KERNEL_ACCOUNT")).isEqualTo(0x400cc0);
    assertThat(GfpNames.parse("GFP_ATOMIC")).isEqualTo(0x820);
    assertThat(GfpNames.parse("GFP_NOWAIT")).isEqualTo(0x800);
    assertThat(GfpNames.parse("GFP_NOIO")).isEqualTo(0xc00);
    assertThat(GfpNames.parse("GFP_NOFS")).isEqualTo(0xc40);
    assertThat(GfpNames.parse("GFP_USER")).isEqualTo(0x100cc0);
    assertThat(GfpNames.parse("GFP_HIGHUSER")).isEqualTo(0x100cc2);
    assertThat(GfpNames.parse("GFP_HIGHUSER_MOVABLE")).isEqualTo(0x100cca);
    assertThat(GfpNames.parse("GFP_TRANSHUGE_LIGHT")).isEqualTo(0x1c20ca);
    assertThat(GfpNames.parse("GFP_TRANSHUGE")).isEqualTo(0x1c24ca);
    assertThat(GfpNames.parse("GFP_DMA32")).isEqualTo(0x4);
  }

  @Test
  void renderingsJoinNamesAndLeftoverBits() {
    assertThat(GfpNames.parse("none")).isZero();
    assertThat(GfpNames.parse("GFP_HIGHUSER_MOVABLE|__GFP_ZERO")).isEqualTo(0x100dca);
    assertThat(GfpNames.parse("__GFP_RECLAIMABLE|__GFP_IO|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP"
            + "|__GFP_NOMEMALLOC")).isEqualTo(0xd2050);
    assertThat(GfpNames.parse("GFP_KERNEL|0x1000000")).isEqualTo(0x1000cc0);
    assertThat(GfpNames.parse("0xffffffff")).isEqualTo(-1);
  }

  @Test
  void unknownOrMalformedPartsAreNamed() {
    assertThatThrownBy(() -> GfpNames.parse("GFP_KERNEL|__GFP_COLD"))
        .hasMessageContaining("unknown gfp flag \"__GFP_COLD\"");
    assertThatThrownBy(() -> GfpNames.parse("")).hasMessageContaining("empty flag");
    assertThatThrownBy(() -> GfpNames.parse("GFP_KERNEL||__GFP_ZERO"))
        .hasMessageContaining("empty flag");
    assertThatThrownBy(() -> GfpNames.parse("none|GFP_KERNEL"))
        .hasMessageContaining("unknown gfp flag \"none\"");
    assertThatThrownBy(() -> GfpNames.parse("0x")).hasMessageContaining("1 to 8");
    assertThatThrownBy(() -> GfpNames.parse("0x1g")).hasMessageContaining("not hexadecimal");
    assertThatThrownBy(() -> GfpNames.parse("0x\u0661")).hasMessageContaining("not hexadecimal");
  }

  @Test
  void theCacheAnswersFromTheBytesAndSurvivesCollisions() {
    GfpNames.Cache cache = new GfpNames.Cache();
    byte[] line = "x GFP_KERNEL y".getBytes(StandardCharsets.US_ASCII);
    assertThat(cache.bits(line, 2, 12)).isEqualTo(0xcc0);
    assertThat(cache.bits(line, 2, 12)).isEqualTo(0xcc0);
    // More distinct renderings than it keeps: every answer is still right.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 1000; i++) {
        byte[] text = ("GFP_KERNEL|0x" + Integer.toHexString(i << 24 >>> 24 << 12))
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(cache.bits(text, 0, text.length)).isEqualTo(0xcc0 | (i & 0xff) << 12);
      }
    }
    assertThatThrownBy(() -> cache.bits("BAD".getBytes(StandardCharsets.US_ASCII), 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
