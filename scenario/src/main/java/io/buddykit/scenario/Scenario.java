package io.buddykit.scenario;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A named, deterministic run of a model: the same parameters (the seed among them) give the same
 * result. Parameters default to the seed chapter's own numbers. Every module with a model
 * (simulator, time and bandwidth sharing, encryption, flash) contributes scenarios; the command
 * line lists, runs and reports them all the same way.
 */
public interface Scenario {
  /** The name used on the command line, e.g. {@code bandwidth}. */
  String name();

  /** One line: what the scenario shows. */
  String description();

  /** The parameters it takes, with their kinds, defaults and ranges. */
  List<Param<?>> params();

  /** Runs the model; {@code params} holds a value for every declared parameter. */
  Result run(Params params);

  /**
   * The Java heap a run with {@code params} needs, in bytes, computed from the parameters alone
   * (nothing allocated): the machine, device or heap the model builds, at its per-page figure. The
   * default, 0, is for models whose needs stay small over their parameters' whole ranges. A
   * parameter the model cannot build from (a flash shape it refuses) throws here, as in {@link #run}.
   */
  default long heapBytes(Params params) {
    return 0;
  }

  /**
   * What a front end does before it runs anything: reads {@code given} into {@link Params}
   * (kinds and ranges) and checks {@link #heapBytes} against {@link HeapBudget}, so that a run
   * the heap cannot hold is refused at once with one message naming the scenario and the values
   * given, not after it has started.
   *
   * @throws IllegalArgumentException naming the parameter, or {@link HeapBudget.TooSmall}
   */
  static Params checked(Scenario s, Map<String, String> given) {
    Params p = Params.of(s.params(), given);
    long need = s.heapBytes(p);
    if (need > HeapBudget.heapBytes()) {
      String values = given.isEmpty() ? "its defaults" : given.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
      HeapBudget.require("scenario " + s.name() + " with " + values, need);
    }
    return p;
  }

  /**
   * Throws {@link ScenarioCancelledException} when the current thread was interrupted (and keeps
   * the interrupt). A model's long loops call it once a step: one field read, so that whoever runs
   * a scenario on a thread can stop it by interrupting that thread.
   */
  static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new ScenarioCancelledException();
    }
  }
}
