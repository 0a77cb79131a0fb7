package io.buddykit.sim.workload;

import io.buddykit.sim.Machine;
import java.util.List;

/** The named workloads, as the CLI's {@code --workload} option picks them, and a plain driver loop. */
public final class Workloads {
  private static final List<String> NAMES = List.of("aging", "synthetic", "steady");

  private Workloads() {}

  /** The names {@link #of} knows. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The workload called {@code name} with its default shape, on {@code machine} (whose listener it
   * becomes), seeded with {@code seed}.
   */
  public static Workload of(String name, Machine machine, long seed) {
    return switch (name == null ? "" : name) {
      case "aging" -> new AgingWorkload(machine, AgingConfig.defaults(), seed);
      case "synthetic" -> new SyntheticWorkload(machine, SyntheticConfig.defaults(machine.managedPages()), seed);
      case "steady" -> new SyntheticWorkload("steady", machine, SyntheticConfig.steady(machine.managedPages()), seed);
      default ->
          throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** Runs steps {@code 0..steps-1} of {@code workload}, with the machine's background work after each. */
  public static void run(Machine machine, Workload workload, long steps) {
    for (long s = 0; s < steps; s++) {
      workload.step(s);
      machine.tick();
    }
  }
}
