package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void helpListsTheCommands() {
    Run r = Run.of("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("tour", "waste", "bench");
    // A newcomer is told where to start and where the report goes.
    assertThat(r.out()).contains("Start with 'buddykit tour'", "buddykit-report/index.html");
    assertThat(Run.of("tour", "--help").out()).contains("shorter than their defaults", "--seed=N");
  }

  @Test
  void eachSubcommandHasHelp() {
    for (String cmd : new String[] {"tour", "waste", "bench"}) {
      Run r = Run.of(cmd, "--help");
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: buddykit " + cmd);
    }
  }

  /**
   * The command list shows only the first line of each description, so that line must be a whole
   * sentence (issue 16: flash, sim, replay and serve were cut mid-sentence).
   */
  @Test
  void everyCommandsFirstDescriptionLineIsAWholeSentence() {
    checkFirstLines(Main.commandLine());
  }

  private static void checkFirstLines(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      assertThat(description).as(sub.getCommandName()).isNotEmpty();
      assertThat(description[0]).as(sub.getCommandName()).endsWith(".");
      checkFirstLines(sub);
    }
  }

  @Test
  void versionNamesTheJava() {
    Run r = Run.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("buddykit ").contains("Java 25")
        .containsPattern("^buddykit [0-9][^ ]* \\(commit [0-9a-f]+|unknown, built [0-9]{4}-[0-9]{2}-[0-9]{2}T");
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    Run r = Run.of("completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F _complete_buddykit", "tour", "scenario", "--memory");
    assertThat(r.err()).isEmpty();
  }
}
