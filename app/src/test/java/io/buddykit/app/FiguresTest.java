package io.buddykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void wholeNumbersAsTheyAre() {
    assertThat(Figures.format(12904L)).isEqualTo("12904");
    assertThat(Figures.format(36.0)).isEqualTo("36");
  }

  @Test
  void fractionsWithFourSignificantDigits() {
    assertThat(Figures.format(7.3349)).isEqualTo("7.335");
    assertThat(Figures.format(0.98456)).isEqualTo("0.9846");
  }

  @Test
  void largeFractionsNeverInScientificNotation() {
    // Issue 16, defect 18: a mean count printed as 1.290e+04.
    assertThat(Figures.format(12904.5)).isEqualTo("12904.5");
    assertThat(Figures.format(-31731.84)).isEqualTo("-31731.8");
  }

  @Test
  void unboundedAndUndefinedValuesAreNotJavaWords() {
    assertThat(Figures.format(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    assertThat(Figures.format(Double.NEGATIVE_INFINITY)).isEqualTo("-∞");
    assertThat(Figures.format(Double.NaN)).isEqualTo("-");
  }
}
