package io.buddykit.view.report;

import io.buddykit.scenario.Result;

/** One section of a report: a scenario's result with the words that introduce it on the page. */
public record ReportSection(String name, String title, String description, Result result) {}
