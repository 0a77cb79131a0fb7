package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, defect 13: progress frames ({@code \r}) only when stderr is a terminal, and never with
 * {@code --quiet} or {@code --no-progress}.
 */
class ProgressTest {
  private static final String[] SIM = {"sim", "--memory", "64M", "--steps", "2000"};

  /** Runs {@code run} as if the launcher had found stderr to be a terminal. */
  static Run onATerminal(Supplier<Run> run) {
    System.setProperty("buddykit.stderr.terminal", "true");
    try {
      return run.get();
    } finally {
      System.clearProperty("buddykit.stderr.terminal");
    }
  }

  @Test
  void simDrawsProgressOnATerminal() {
    Run r = onATerminal(() -> Run.of(SIM));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("\raging: step 200 of 2,000\raging: step 400 of 2,000").contains("\raging: step 2,000 of 2,000");
  }

  @Test
  void noFramesWhenStderrIsNotATerminal() {
    System.setProperty("buddykit.stderr.terminal", "false");
    try {
      Run r = Run.of(SIM);
      assertThat(r.exit()).isZero();
      assertThat(r.err()).isEmpty();
    } finally {
      System.clearProperty("buddykit.stderr.terminal");
    }
  }

  @Test
  void quietAndNoProgressSilenceItOnATerminal() {
    for (String flag : new String[] {"--quiet", "-q", "--no-progress"}) {
      String[] args = java.util.Arrays.copyOf(SIM, SIM.length + 1);
      args[SIM.length] = flag;
      Run r = onATerminal(() -> Run.of(args));
      assertThat(r.exit()).as(flag).isZero();
      assertThat(r.err()).as(flag).isEmpty();
      assertThat(r.out()).as(flag).contains("== summary");
    }
  }

  @Test
  void theRule() {
    assertThat(ProgressOptions.show(false, true)).isTrue();
    assertThat(ProgressOptions.show(true, true)).isFalse();
    assertThat(ProgressOptions.show(false, false)).isFalse();
  }
}
