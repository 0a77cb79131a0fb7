package io.buddykit.trace.record;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text as /proc/zoneinfo and /proc/buddyinfo either parses or throws an {@link
 * IllegalArgumentException} naming the line, never another exception. Without JAZZER_FUZZ=1 it
 * replays the stored inputs; with it, Jazzer searches for new ones.
 */
class ProcSnapshotFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyTextParsesOrFailsWithIllegalArgument(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    ProcSnapshot s = new ProcSnapshot(text, "", text);
    try {
      s.zones();
    } catch (IllegalArgumentException expected) {
      // a number that is not one, named with its line
    }
    try {
      s.freeAreas();
    } catch (IllegalArgumentException expected) {
      // a line that is not "Node N, zone NAME counts..."
    }
  }
}
