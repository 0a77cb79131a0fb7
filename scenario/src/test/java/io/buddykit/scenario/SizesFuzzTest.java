package io.buddykit.scenario;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.buddykit.scenario.Sizes;

/**
 * Fuzzes the size parser: any text either parses to a non-negative byte count that formats and
 * parses back to itself when it is a whole number of its unit, or is refused with an
 * IllegalArgumentException naming it — never another exception. Replays stored inputs by default;
 * JAZZER_FUZZ=1 searches.
 */
class SizesFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void parsesOrRefusesCleanly(String text) {
    long bytes;
    try {
      bytes = Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().contains("'")) {
        throw new AssertionError("refusal without the text: " + e.getMessage());
      }
      return;
    }
    if (bytes < 0) {
      throw new AssertionError(text + " parsed to " + bytes);
    }
    String shown = Sizes.format(bytes);
    if (!shown.contains(".") && Sizes.parse(shown.replace(" ", "")) != bytes) {
      throw new AssertionError(text + " -> " + bytes + " -> " + shown + " does not parse back");
    }
  }
}
