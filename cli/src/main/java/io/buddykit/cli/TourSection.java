package io.buddykit.cli;

import java.util.Map;

/**
 * One section of the tour: a scenario by name, the heading it is shown under, and the parameters
 * the tour runs it with (shorter runs than the scenario's defaults where those take long).
 */
record TourSection(String scenario, String title, Map<String, String> params) {
  TourSection {
    params = Map.copyOf(params);
  }
}
