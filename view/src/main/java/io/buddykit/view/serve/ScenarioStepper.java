package io.buddykit.view.serve;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scenario as one step: scenarios run to completion, so the page shows running, then the result. */
final class ScenarioStepper implements Stepper {
  private final Scenario scenario;
  private final Params params;
  private Result result;

  ScenarioStepper(Scenario scenario, Params params) {
    this.scenario = scenario;
    this.params = params;
  }

  @Override
  public long total() {
    return 1;
  }

  @Override
  public void step(long index) {
    result = scenario.run(params);
  }

  @Override
  public Snapshot snapshot() {
    return null;
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scenario", scenario.name());
    if (result != null) {
      s.put("result", result);
    }
    return s;
  }
}
