package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void helpListsTheCommands() {
    Run r = Run.of("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("tour", "waste", "bench");
  }

  @Test
  void eachSubcommandHasHelp() {
    for (String cmd : new String[] {"tour", "waste", "bench"}) {
      Run r = Run.of(cmd, "--help");
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: buddykit " + cmd);
    }
  }

  @Test
  void versionNamesTheJava() {
    Run r = Run.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("buddykit ").contains("Java 25");
  }
}
