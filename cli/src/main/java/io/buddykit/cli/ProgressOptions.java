package io.buddykit.cli;

import java.io.Console;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code --quiet}/{@code --no-progress} option of the long-running commands, and the rule for
 * progress: it is drawn (with carriage returns, redrawn in place) only when stderr is a terminal,
 * so that {@code 2>log} and CI logs do not fill with frames. The launcher knows whether stderr is
 * a terminal ({@code [ -t 2 ]}) and passes it as {@code -Dbuddykit.stderr.terminal}; without it
 * (a bare {@code java -jar}), the JVM's console stands in, which checks stdin and stdout.
 */
@Command // a mixin: picocli adds its option to the commands that include it
final class ProgressOptions {
  @Option(names = {"-q", "--quiet", "--no-progress"},
      description = "Draw no progress on stderr (it is drawn only when stderr is a terminal anyway).")
  boolean quiet;

  /** Where progress goes: {@code err} when it should be drawn, else {@code null} (no progress). */
  PrintWriter writer(PrintWriter err) {
    return show(quiet, stderrIsTerminal()) ? err : null;
  }

  static boolean show(boolean quiet, boolean terminal) {
    return !quiet && terminal;
  }

  static boolean stderrIsTerminal() {
    String fromLauncher = System.getProperty("buddykit.stderr.terminal");
    if (fromLauncher != null) {
      return Boolean.parseBoolean(fromLauncher);
    }
    Console c = System.console();
    return c != null && c.isTerminal();
  }
}
