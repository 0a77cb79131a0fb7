package io.buddykit.experiments.numa;

import io.buddykit.sim.MachineConfig;

/**
 * Memory access latency from the SLIT distance matrix: the local latency scaled by distance / 10,
 * since SLIT distances are relative to a local access (10). With 80 ns local and the default
 * remote distance 21, a remote access costs 80 x 21 / 10 = 168 ns.
 *
 * @param localNs latency of an access to the CPU's own node
 * @param distance SLIT distances, {@code distance[cpuNode][memoryNode]}
 */
public record DistanceModel(double localNs, int[][] distance) {
  public DistanceModel {
    if (!(localNs > 0) || !Double.isFinite(localNs)) {
      throw new IllegalArgumentException("local latency must be a positive number of ns, got " + localNs);
    }
    int[][] d = new int[distance.length][];
    for (int i = 0; i < d.length; i++) {
      d[i] = distance[i].clone();
    }
    distance = d;
  }

  /** The model for {@code config}'s distance matrix. */
  public static DistanceModel of(MachineConfig config, double localNs) {
    return new DistanceModel(localNs, config.distance());
  }

  /** Nanoseconds for a CPU on {@code cpuNode} to access memory on {@code memoryNode}. */
  public double latencyNs(int cpuNode, int memoryNode) {
    return localNs * distance[cpuNode][memoryNode] / MachineConfig.LOCAL_DISTANCE;
  }

  @Override
  public int[][] distance() {
    int[][] d = new int[distance.length][];
    for (int i = 0; i < d.length; i++) {
      d[i] = distance[i].clone();
    }
    return d;
  }
}
