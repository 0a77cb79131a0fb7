package io.buddykit.view.report;

import java.util.List;

/**
 * A chart as the page's script draws it: kind ({@code bar} over categories, {@code line} over
 * numeric x, {@code band} a sweep's means over categories, each point {@code [mean, low, high]}),
 * titles, axis names and the plotted series. Kept apart from ECharts' own option format so that
 * the rules choosing charts are plain Java a test can read.
 *
 * @param yName the y axis' name: the quantity shown first
 * @param shown the series shown when the page opens, those carrying the section's conclusion (the
 *     others are a click on the legend away); empty for all
 * @param single whether one series is shown at a time (columns of different units share no scale)
 */
public record ChartSpec(
    String id, String kind, String title, String xName, String yName, List<String> categories,
    List<Plot> series, List<String> shown, boolean single) {

  public ChartSpec {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    shown = List.copyOf(shown);
  }

  /** One plotted series: bar heights per category, or [x, y] pairs for a line. */
  public record Plot(String name, List<?> data) {}
}
