package io.buddykit.experiments.numa;

import io.buddykit.sim.MachineConfig;

/**
 * The shape of a NUMA run: the machine, its distance, the pinned threads and their load.
 *
 * @param memoryBytes RAM of the whole machine, split evenly over the nodes
 * @param nodes NUMA nodes
 * @param remoteDistance SLIT distance between any two different nodes (21 on a two-socket box)
 * @param threadsPerNode threads pinned one per CPU on each node
 * @param localNs latency of a local access; remote costs localNs x distance / 10
 * @param occupancy per node, the share of the node's usable pages its threads hold after each step
     (one value for every node, or one per node)
 * @param churn share of each thread's pages freed (random blocks) and allocated again per step
 * @param hugeShare per node, the share of its threads' requested pages asked for as 2 MiB huge page
 *     faults (one value for every node, or one per node)
 * @param protectOrder the smallest order protect-high-orders keeps whole (9)
 * @param accessesPerStep memory accesses sampled per step, spread over the threads
 * @param steps steps of the run
 * @param seed random seed: the same for every policy
 */
public record NumaConfig(
    long memoryBytes,
    int nodes,
    int remoteDistance,
    int threadsPerNode,
    double localNs,
    double[] occupancy,
    double churn,
    double[] hugeShare,
    int protectOrder,
    int accessesPerStep,
    int steps,
    long seed) {

  public NumaConfig {
    if (nodes < 2 || nodes > 8) {
      throw new IllegalArgumentException("nodes must be in [2, 8], got " + nodes);
    }
    if (remoteDistance <= MachineConfig.LOCAL_DISTANCE || remoteDistance > 255) {
      throw new IllegalArgumentException("remote distance must be in [11, 255], got " + remoteDistance);
    }
    if (threadsPerNode < 1 || threadsPerNode > 64) {
      throw new IllegalArgumentException("threads per node must be in [1, 64], got " + threadsPerNode);
    }
    if (occupancy.length != 1 && occupancy.length != nodes) {
      throw new IllegalArgumentException(
          "occupancy needs one value or one per node (" + nodes + "), got " + occupancy.length);
    }
    occupancy = occupancy.clone();
    for (double o : occupancy) {
      if (!(o > 0 && o <= 1)) {
        throw new IllegalArgumentException("occupancy must be in (0, 1], got " + o);
      }
    }
    if (!(churn > 0 && churn <= 1)) {
      throw new IllegalArgumentException("churn must be in (0, 1], got " + churn);
    }
    if (hugeShare.length != 1 && hugeShare.length != nodes) {
      throw new IllegalArgumentException(
          "huge share needs one value or one per node (" + nodes + "), got " + hugeShare.length);
    }
    hugeShare = hugeShare.clone();
    for (double h : hugeShare) {
      if (!(h >= 0 && h < 1)) {
        throw new IllegalArgumentException("huge share must be in [0, 1), got " + h);
      }
    }
    if (accessesPerStep < 1 || steps < 1) {
      throw new IllegalArgumentException("accesses per step and steps must be >= 1");
    }
  }

  @Override
  public double[] occupancy() {
    return occupancy.clone();
  }

  /** The occupancy of node {@code nid}. */
  public double occupancy(int nid) {
    return occupancy.length == 1 ? occupancy[0] : occupancy[nid];
  }

  @Override
  public double[] hugeShare() {
    return hugeShare.clone();
  }

  /** The huge page share of node {@code nid}'s threads. */
  public double hugeShare(int nid) {
    return hugeShare.length == 1 ? hugeShare[0] : hugeShare[nid];
  }

  /** The distance matrix: 10 on the diagonal, {@code remoteDistance} elsewhere. */
  public int[][] distanceMatrix() {
    int[][] d = new int[nodes][nodes];
    for (int a = 0; a < nodes; a++) {
      for (int b = 0; b < nodes; b++) {
        d[a][b] = a == b ? MachineConfig.LOCAL_DISTANCE : remoteDistance;
      }
    }
    return d;
  }

  /**
   * The machine: per-CPU lists off, so that every allocation is decided on the buddy free lists
   * the policies read (a per-CPU list refill would split blocks in batches behind their back).
   */
  public MachineConfig machineConfig() {
    return MachineConfig.of(memoryBytes, nodes)
        .withDistance(distanceMatrix())
        .withCpusPerNode(threadsPerNode)
        .withPerCpuLists(false);
  }
}
