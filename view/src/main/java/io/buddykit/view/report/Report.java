package io.buddykit.view.report;

import io.buddykit.app.Json;
import io.buddykit.scenario.Result;
import io.buddykit.sweep.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes reports: a folder with a self-contained {@code index.html} and {@code results.json}, or
 * one scenario's page, or a sweep's page. Pages inline their chart library and data, so they open from disk offline.
 */
public final class Report {
  private Report() {}

  /**
   * Writes {@code dir/index.html} and {@code dir/results.json}, creating {@code dir} if needed;
   * {@code provenance} (what made the report: version, commit, date) heads the page.
   */
  public static void write(Path dir, List<ReportSection> sections, String provenance) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.html"), ReportPage.render("buddykit report", sections, provenance),
        StandardCharsets.UTF_8);
    // The same mapper and objects as `scenario run NAME --json`, so each entry matches that output.
    List<Result> results = sections.stream().map(ReportSection::result).toList();
    Files.writeString(dir.resolve("results.json"), Json.mapper().writeValueAsString(results) + "\n",
        StandardCharsets.UTF_8);
  }

  /** Writes a sweep's page, {@code dir/index.html}, from its summary; {@code dir} must exist. */
  public static void writeSweep(Path dir, Summary summary) throws IOException {
    Files.writeString(dir.resolve("index.html"), SweepPage.render(summary), StandardCharsets.UTF_8);
  }

  /** Writes one section as a single self-contained page; the file's directory must exist. */
  public static void writePage(Path file, ReportSection section) throws IOException {
    Files.writeString(file, ReportPage.render("buddykit: " + section.title(), List.of(section)),
        StandardCharsets.UTF_8);
  }
}
