package io.buddykit.sweep;

import java.util.List;

/**
 * A runner of sweeps other than the embedded one, found with {@link java.util.ServiceLoader}: the
 * {@code spark} module's Apache Spark job is one. The command loads an engine from a jar it does
 * not compile against, so everything that crosses this interface is the sweep module's own types
 * or the JDK's (an engine's libraries, Spark's Jackson among them, stay on its side).
 */
public interface SweepEngine {
  /** The name {@code buddykit sweep --engine NAME} selects it by. */
  String name();

  /**
   * Runs every run of {@code spec} (a grid's (point, seed)s or a fleet's traces) and writes the
   * engine's outputs under {@code out} (a local path or any URI the engine reads, such as
   * {@code hdfs://...}); returns the rows as {@link RunRow#line()} gives them, in no set order.
   *
   * @param master where the engine runs, in its own terms ({@code local[2]} for Spark in this process)
   */
  List<String> run(SweepSpec spec, String out, String master);
}
