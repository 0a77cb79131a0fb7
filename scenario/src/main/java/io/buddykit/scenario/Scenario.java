package io.buddykit.scenario;

import java.util.List;

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
