/**
 * The {@code fidelity} scenario: the simulator against the real Linux kernel on a kmem trace this
 * project recorded, through {@code sim.replay.Fidelity}. It is the report's view of {@code
 * buddykit fidelity}: the same table, for one of the bundled recordings.
 */
package io.buddykit.experiments.fidelity;
