package io.buddykit.scenario;

/**
 * A run stopped because its thread was interrupted: the live view interrupts a run it closes, and
 * the models' long loops call {@link Scenario#checkInterrupted()} once a step so that the run ends
 * there instead of computing, unseen, to its end.
 */
public final class ScenarioCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioCancelledException() {
    super("the run was cancelled");
  }
}
