package io.buddykit.sweep;

/**
 * A sweep spec that cannot run: the message names the file and the key ({@code spec.yaml: grid.load[1]:
 * ...}). Thrown while the spec is read, before any run starts; an {@link IllegalArgumentException}, so
 * the command reports it as bad input.
 */
public final class SweepSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SweepSpecException(String message) {
    super(message);
  }
}
