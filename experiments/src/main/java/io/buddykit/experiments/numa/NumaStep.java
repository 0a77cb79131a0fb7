package io.buddykit.experiments.numa;

/**
 * What one step of a NUMA run measured.
 *
 * @param step the step number
 * @param meanLatencyNs mean latency of the step's sampled accesses
 * @param freeHugeBlocks free memory in blocks of order >= 9 on each node, in 2 MiB blocks, after the step
 * @param hugeFaults huge page faults in the step
 * @param localHugePages of those, served by a huge page on the faulting thread's node
 */
public record NumaStep(long step, double meanLatencyNs, long[] freeHugeBlocks, long hugeFaults, long localHugePages) {
  public NumaStep {
    freeHugeBlocks = freeHugeBlocks.clone();
  }

  @Override
  public long[] freeHugeBlocks() {
    return freeHugeBlocks.clone();
  }

  /** Free 2 MiB blocks over all nodes. */
  public long totalFreeHugeBlocks() {
    long n = 0;
    for (long b : freeHugeBlocks) {
      n += b;
    }
    return n;
  }
}
