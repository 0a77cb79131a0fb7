package io.buddykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Each scenario's introduction is written once, in {@link Intros}: the tour and the report show
 * it, and the README's paragraph on the scenario starts with the same words. This holds the
 * README to them, so a change to one that forgets the other fails here.
 */
class IntrosTest {
  private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");

  private static String words(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void theReadmeIntroducesEveryScenarioInTheCataloguesWords() throws Exception {
    String readme = words(Files.readString(README));
    for (Catalogue.Entry e : Catalogue.entries()) {
      assertThat(e.intro()).as(e.name()).isNotBlank().endsWith(".");
      String lead = "- **`" + e.name() + "`**: ";
      String inModuleSection = "The `" + e.name() + "` scenario: ";
      assertThat(readme).as(e.name() + " in the README").containsAnyOf(lead + words(e.intro()),
          inModuleSection + words(e.intro()));
    }
  }
}
