package io.buddykit.experiments.fidelity;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.sim.replay.Fidelity;
import io.buddykit.sim.replay.FidelityMetric;
import io.buddykit.sim.replay.FidelityReport;
import java.util.List;

/**
 * The kernel against the model on one of the kmem traces recorded for this project (Linux 6.18,
 * 2 CPUs): the model machine is shaped and its free lists seeded from the recording's shape, the
 * trace is replayed through the model's own policy, and each metric is printed kernel, model and
 * model/kernel, as {@code buddykit fidelity} prints it.
 */
public final class FidelityScenario implements Scenario {
  static final Param<String> RECORDING = Param.choice("recording", "build", Fidelity.RECORDINGS,
      "which bundled recording: build (make -j2), churn (anonymous memory) or copy (cp -r, sync, rm)");

  @Override
  public String name() {
    return "fidelity";
  }

  @Override
  public String description() {
    return "The simulator against Linux on a recorded kmem trace: refills, drains, fallbacks, placement";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(RECORDING);
  }

  @Override
  public Result run(Params p) {
    FidelityReport r = Fidelity.bundled(p.get(RECORDING));
    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder table = ResultTable.builder("metric", "kernel", "model", "model/kernel");
    for (FidelityMetric m : r.metrics()) {
      table.row(m.name(), m.kernel(), m.model(), Double.isNaN(m.ratio()) ? "-" : m.ratio());
    }
    for (String headline : List.of("pcpRefills", "pcpRefillPagesMean", "livePageblocks", "unknownFrees")) {
      FidelityMetric m = r.metric(headline);
      out.number(headline + ".kernel", m.kernel()).number(headline + ".model", m.model());
    }
    out.number("replay.allocs", r.replay().allocs()).number("replay.frees", r.replay().frees());
    out.table("kernelAgainstModel", table.build());
    return out.build();
  }
}
