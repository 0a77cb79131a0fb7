package io.buddykit.view.report;

import io.buddykit.scenario.Result;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One section of a report: a scenario's result with the words that introduce it on the page, and
 * the parameters a shortened run (the tour's) set away from the scenario's defaults, each mapped to
 * its default's text, so the page can say why its figures differ from the README's.
 */
public record ReportSection(String name, String title, String description, Result result,
    Map<String, String> shortened) {
  public ReportSection {
    shortened = new LinkedHashMap<>(shortened);
  }

  /** A section run with the scenario's parameters as given: nothing shortened. */
  public ReportSection(String name, String title, String description, Result result) {
    this(name, title, description, result, Map.of());
  }
}
