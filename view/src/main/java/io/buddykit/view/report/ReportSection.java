package io.buddykit.view.report;

import io.buddykit.app.Catalogue;
import io.buddykit.scenario.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section of a report: a scenario's result with the words that introduce it on the page
 * ({@code description}, the scenario's one line, and {@code intro}, what it shows and what to
 * conclude), the parameters a shortened run (the tour's) set away from the scenario's defaults,
 * each mapped to its default's text, so the page can say why its figures differ from the
 * README's, and for each table the columns its chart shows first ({@code headlines}, as {@link
 * Catalogue.Entry#headlines()}).
 */
public record ReportSection(String name, String title, String description, String intro, Result result,
    Map<String, String> shortened, Map<String, List<String>> headlines) {
  public ReportSection {
    shortened = new LinkedHashMap<>(shortened);
    headlines = Map.copyOf(headlines);
  }

  /** A section with no introduction beyond its one line and no headline columns. */
  public ReportSection(String name, String title, String description, Result result, Map<String, String> shortened) {
    this(name, title, description, "", result, shortened, Map.of());
  }

  /** A section run with the scenario's parameters as given: nothing shortened. */
  public ReportSection(String name, String title, String description, Result result) {
    this(name, title, description, result, Map.of());
  }

  /** The catalogue's section for {@code result}, with the parameters {@code shortened} as the tour does. */
  public static ReportSection of(Catalogue.Entry entry, Result result, Map<String, String> shortened) {
    return new ReportSection(entry.name(), entry.title(), entry.scenario().description(), entry.intro(), result,
        shortened, entry.headlines());
  }
}
