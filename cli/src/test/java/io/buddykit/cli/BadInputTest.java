package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, defects 16 and 17: bad input is one line starting {@code buddykit:}, in the words of
 * the command's help (no Java exception names, no picocli jargon), exit 2, nothing on stdout.
 */
class BadInputTest {
  private static void oneLine(Run r, String expected) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(expected + "\n");
  }

  @Test
  void replayOfADirectoryNamesTheFileNotAnIoException(@TempDir Path dir) {
    oneLine(Run.of("replay", dir.toString()), "buddykit: FILE " + dir + ": is a directory, not a file");
    Path missing = dir.resolve("missing.trace");
    oneLine(Run.of("replay", missing.toString()), "buddykit: FILE " + missing + ": no such file");
  }

  /** Issue 16, item 18: an empty trace, or one with no event of its format, exited 0 with an idle machine. */
  @Test
  void replayOfAnEmptyTraceOrOneWithoutEventsNamesTheFile(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.trace"));
    for (String format : new String[] {"ftrace", "mtrace", "jsonl"}) {
      oneLine(Run.of("replay", empty.toString(), "--format", format),
          "buddykit: FILE " + empty + ": is empty: a trace needs at least one event");
    }
    oneLine(Run.of("replay", empty.toString()), "buddykit: FILE " + empty + ": is empty: a trace needs at least one event");
    Path comments = Files.writeString(dir.resolve("comments.trace"), "# tracer: nop\n#\n");
    oneLine(Run.of("replay", comments.toString(), "--format", "ftrace", "--memory", "64M"),
        "buddykit: FILE " + comments + ": no ftrace events in its 2 lines (2 skipped)");
    Path jsonl = dir.resolve("out.jsonl");
    oneLine(Run.of("replay", comments.toString(), "--format", "ftrace", "--write-jsonl", jsonl.toString()),
        "buddykit: FILE " + comments + ": no ftrace events in its 2 lines (2 skipped)");
    assertThat(jsonl).doesNotExist();
  }

  @Test
  void flashTraceThatIsADirectoryOrBinary(@TempDir Path dir) throws Exception {
    oneLine(Run.of("flash", "--trace", dir.toString()), "buddykit: --trace " + dir + ": is a directory, not a file");
    Path binary = Files.write(dir.resolve("binary.bin"), new byte[] {'0', ',', (byte) 0xff, (byte) 0xfe, '\n'});
    Run r = Run.of("flash", "--trace", binary.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("buddykit: " + binary + ": cannot read: malformed text at or after line 1")
        .hasLineCount(1).doesNotContain("java.");
  }

  /** Found by the long adversarial run (AdversarialRunTest, run 206 of 1,500). */
  @Test
  void aFileNameWithANulCharacterIsBadInputInWords() {
    oneLine(Run.of("replay", "a\0b"),
        "buddykit: Invalid value for FILE: 'a\\0b' is not a file name (nul character not allowed)"
            + " (see 'buddykit replay --help')");
    Run r = Run.of("flash", "--trace", "\0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).hasLineCount(1).doesNotContain("Exception").contains("is not a file name");
  }

  @Test
  void simRefusesANegativeStepCount() {
    oneLine(Run.of("sim", "--steps", "-5"),
        "buddykit: --steps must be in 1..1000000 (or left out for the workload's own length), not -5");
    oneLine(Run.of("sim", "--steps", "0"),
        "buddykit: --steps must be in 1..1000000 (or left out for the workload's own length), not 0");
  }

  @Test
  void serveNamesAnAddressThatDoesNotResolve() {
    oneLine(Run.of("serve", "--bind", "999.1.1.1", "--port", "0"),
        "buddykit: --bind 999.1.1.1: not an address of this machine nor a host name that resolves");
  }

  @Test
  void serveNamesAPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run r = Run.of("serve", "--port", Integer.toString(port));
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("buddykit: cannot listen on 127.0.0.1 port " + port + ": address already in use")
          .endsWith("(pick another with --port, or --port 0 for a free one)\n").hasLineCount(1);
    }
  }

  @Test
  void parseErrorsAreOneLineWithoutPicocliJargon() {
    oneLine(Run.of("waste", "a"), "buddykit: Invalid value for SIZE: 'a' is not a size "
        + "(examples: 4096, 62K, 62KiB, 2M, 1GiB) (see 'buddykit waste --help')");
    oneLine(Run.of("sim", "--steps", "abc"),
        "buddykit: Invalid value for option '--steps': 'abc' is not a whole number (see 'buddykit sim --help')");
    oneLine(Run.of("scenario", "run", "flash", "--param"),
        "buddykit: Missing required parameter for option '--param' (KEY=VALUE) (see 'buddykit scenario run --help')");
    oneLine(Run.of("scenario", "run", "flash", "--param", "x"),
        "buddykit: Value for option '--param' (KEY=VALUE) should be in KEY=VALUE format but was x "
            + "(see 'buddykit scenario run --help')");
  }

  @Test
  void aMisspeltCommandIsOneLineWithTheSuggestion() {
    Run r = Run.of("scenarios");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("buddykit: unknown argument 'scenarios'").contains("did you mean scenario?")
        .endsWith("(see 'buddykit --help')\n").hasLineCount(1);
  }
}
