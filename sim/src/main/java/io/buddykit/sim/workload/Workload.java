package io.buddykit.sim.workload;

/**
 * A seeded synthetic load on one machine, driven one step at a time: each step is a batch of
 * allocations and frees, the same for the same seed. The workload owns what it allocated and
 * keeps its {@link Holdings} exact through the machine's listener; the driver runs the machine's
 * background work ({@code Machine.tick()}) between steps.
 */
public interface Workload {
  /** The name {@link Workloads#of} knows it by. */
  String name();

  /** Runs step {@code step}; steps are expected in order from 0. */
  void step(long step);

  /** How many steps the workload is shaped for (a driver's default run length). */
  long steps();

  /** The client through which the workload allocates and frees. */
  MachineClient client();

  /** Frees everything the workload still holds. */
  default void drainAll() {
    client().freeAll();
  }

  /** The blocks held now. */
  default Holdings holdings() {
    return client().holdings();
  }

  /** Allocation requests that failed so far. */
  default long failures() {
    return client().failures();
  }
}
