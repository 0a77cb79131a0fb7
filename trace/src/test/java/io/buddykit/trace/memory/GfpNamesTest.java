package io.buddykit.trace.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GfpNamesTest {

  private static int parse(String text) {
    return GfpNames.parse(text, name -> {
      throw new AssertionError("unknown name " + name + " in " + text);
    });
  }

  @Test
  void compositeNamesHaveLinux66Values() {
    // The values every kernel document quotes for 6.6 on x86 (no KASAN_HW_TAGS).
    assertThat(parse("GFP_KERNEL")).isEqualTo(0xcc0);
    assertThat(parse("GFP_KERNEL_ACCOUNT")).isEqualTo(0x400cc0);
    assertThat(parse("GFP_ATOMIC")).isEqualTo(0x820);
    assertThat(parse("GFP_NOWAIT")).isEqualTo(0x800);
    assertThat(parse("GFP_NOIO")).isEqualTo(0xc00);
    assertThat(parse("GFP_NOFS")).isEqualTo(0xc40);
    assertThat(parse("GFP_USER")).isEqualTo(0x100cc0);
    assertThat(parse("GFP_HIGHUSER")).isEqualTo(0x100cc2);
    assertThat(parse("GFP_HIGHUSER_MOVABLE")).isEqualTo(0x100cca);
    assertThat(parse("GFP_TRANSHUGE_LIGHT")).isEqualTo(0x1c20ca);
    assertThat(parse("GFP_TRANSHUGE")).isEqualTo(0x1c24ca);
    assertThat(parse("GFP_DMA32")).isEqualTo(0x4);
  }

  @Test
  void renderingsJoinNamesAndLeftoverBits() {
    assertThat(parse("none")).isZero();
    assertThat(parse("GFP_HIGHUSER_MOVABLE|__GFP_ZERO")).isEqualTo(0x100dca);
    assertThat(parse("__GFP_RECLAIMABLE|__GFP_IO|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP"
            + "|__GFP_NOMEMALLOC")).isEqualTo(0xd2050);
    assertThat(parse("GFP_KERNEL|0x1000000")).isEqualTo(0x1000cc0);
    assertThat(parse("0xffffffff")).isEqualTo(-1);
  }

  @Test
  void malformedPartsAreNamed() {
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty flag");
    assertThatThrownBy(() -> parse("GFP_KERNEL||__GFP_ZERO")).hasMessageContaining("empty flag");
    assertThatThrownBy(() -> parse("none|GFP_KERNEL"))
        .hasMessageContaining("gfp flag \"none\" is not a flag name");
    assertThatThrownBy(() -> parse("GFP_KERNEL|__GFP-ZERO"))
        .hasMessageContaining("gfp flag \"__GFP-ZERO\" is not a flag name");
    assertThatThrownBy(() -> parse("0x")).hasMessageContaining("1 to 8");
    assertThatThrownBy(() -> parse("0x1g")).hasMessageContaining("not hexadecimal");
    assertThatThrownBy(() -> parse("0x\u0661")).hasMessageContaining("not hexadecimal");
  }

  @Test
  void anUnknownNameIsReportedAndAddsNoBits() {
    List<String> unknown = new ArrayList<>();
    // 4.x's __GFP_COLD and a future name: GFP_KERNEL's bits stay, the names are passed on.
    assertThat(GfpNames.parse("GFP_KERNEL|__GFP_COLD|__GFP_FUTURE2", unknown::add)).isEqualTo(0xcc0);
    assertThat(unknown).containsExactly("__GFP_COLD", "__GFP_FUTURE2");
  }

  @Test
  void namesOtherKernelsPrintAreKnown() {
    // 6.18 prints __GFP_NO_OBJ_EXT, bit 24 on kernels without KASAN_HW_TAGS and LOCKDEP.
    assertThat(parse("GFP_KERNEL|__GFP_NO_OBJ_EXT")).isEqualTo(0xcc0 | 0x1000000);
    // Up to 6.3: __GFP_ATOMIC is 0x200; 6.1's KASAN names map onto 6.6's __GFP_SKIP_KASAN.
    assertThat(parse("__GFP_HIGH|__GFP_ATOMIC")).isEqualTo(0x220);
    assertThat(parse("__GFP_SKIP_KASAN_POISON")).isEqualTo(0x2000000);
    assertThat(parse("__GFP_SKIP_KASAN_UNPOISON")).isEqualTo(0x2000000);
  }

  @Test
  void theCacheReportsUnknownNamesOnEveryHit() {
    GfpNames.Cache cache = new GfpNames.Cache();
    List<String> unknown = new ArrayList<>();
    byte[] text = "GFP_NOWAIT|__GFP_NOTRACK".getBytes(StandardCharsets.US_ASCII);
    assertThat(cache.bits(text, 0, text.length, unknown::add)).isEqualTo(0x800);
    assertThat(cache.bits(text, 0, text.length, unknown::add)).isEqualTo(0x800);
    assertThat(unknown).containsExactly("__GFP_NOTRACK", "__GFP_NOTRACK");
  }

  @Test
  void theCacheAnswersFromTheBytesAndSurvivesCollisions() {
    GfpNames.Cache cache = new GfpNames.Cache();
    Consumer<String> none = name -> {
      throw new AssertionError(name);
    };
    byte[] line = "x GFP_KERNEL y".getBytes(StandardCharsets.US_ASCII);
    assertThat(cache.bits(line, 2, 12, none)).isEqualTo(0xcc0);
    assertThat(cache.bits(line, 2, 12, none)).isEqualTo(0xcc0);
    // More distinct renderings than it keeps: every answer is still right.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 1000; i++) {
        byte[] text = ("GFP_KERNEL|0x" + Integer.toHexString(i << 24 >>> 24 << 12))
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(cache.bits(text, 0, text.length, none)).isEqualTo(0xcc0 | (i & 0xff) << 12);
      }
    }
    assertThatThrownBy(() -> cache.bits("B-D".getBytes(StandardCharsets.US_ASCII), 0, 3, none))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
