package io.buddykit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void parsesTheUsualSpellings() {
    assertThat(Sizes.parse("4096")).isEqualTo(4096);
    assertThat(Sizes.parse("62K")).isEqualTo(62 * 1024);
    assertThat(Sizes.parse("62k")).isEqualTo(62 * 1024);
    assertThat(Sizes.parse("62KiB")).isEqualTo(62 * 1024);
    assertThat(Sizes.parse("62KB")).isEqualTo(62 * 1024);
    assertThat(Sizes.parse("2M")).isEqualTo(2L << 20);
    assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("3T")).isEqualTo(3L << 40);
    assertThat(Sizes.parse("512B")).isEqualTo(512);
  }

  @Test
  void rejectsWhatIsNotASize() {
    for (String bad : new String[] {"", "K", "1.5K", "-3", "12X", "1KiBB", "9223372036854775807K"}) {
      assertThatThrownBy(() -> Sizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void formatsExactly() {
    assertThat(Sizes.format(0)).isEqualTo("0 B");
    assertThat(Sizes.format(272 * 1024)).isEqualTo("272 KiB");
    assertThat(Sizes.format(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.format(1025)).isEqualTo("1025 B");
    assertThat(Sizes.format(2L << 30)).isEqualTo("2 GiB");
    assertThat(Sizes.format(1028 * 1024 + 512)).isEqualTo("1028.5 KiB");
  }
}
