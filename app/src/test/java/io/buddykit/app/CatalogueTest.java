package io.buddykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one list of scenarios: unique names, and tour parameters every scenario accepts. */
class CatalogueTest {
  @Test
  void everyScenarioIsListedOnceUnderItsOwnName() {
    List<String> names = Catalogue.all().stream().map(Scenario::name).toList();
    assertThat(names).doesNotHaveDuplicates().hasSize(17).startsWith("frag", "splitcoalesce", "boot");
    for (String name : names) {
      assertThat(Catalogue.named(name)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(name));
    }
  }

  @Test
  void theTourParametersAreDeclaredAndInRange() {
    for (Catalogue.Entry e : Catalogue.entries()) {
      // Params.of refuses an unknown name or a value out of its declared range.
      Params p = Params.of(e.scenario().params(), e.tourParams());
      assertThat(p.asJson().keySet()).as(e.name())
          .containsExactlyElementsOf(e.scenario().params().stream().map(Param::name).toList());
      assertThat(e.title()).as(e.name()).isNotBlank();
    }
  }

  @Test
  void shortenedNamesTheTourParametersThatDifferFromTheDefaultsWithTheDefaults() {
    Catalogue.Entry thp = Catalogue.entries().stream().filter(e -> e.name().equals("thp")).findFirst().orElseThrow();
    Param<?> memory = thp.scenario().params().stream().filter(p -> p.name().equals("memoryMiB")).findFirst()
        .orElseThrow();
    assertThat(thp.shortened()).containsOnlyKeys("memoryMiB", "accesses")
        .containsEntry("memoryMiB", memory.defaultText());
    assertThat(memory.defaultText()).isNotEqualTo(thp.tourParams().get("memoryMiB"));
    Catalogue.Entry split = Catalogue.entries().get(1);
    assertThat(split.name()).isEqualTo("splitcoalesce");
    assertThat(split.shortened()).isEmpty();
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Catalogue.require("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no scenario 'nope' (known: frag, splitcoalesce, boot,");
  }
}
