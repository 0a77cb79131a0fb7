package io.buddykit.experiments.dma;

/**
 * What one aging checkpoint measured: how many buffer-sized groups of single slab pages happened to
 * be contiguous, and how many of the buffers tried could be had without and with direct
 * compaction (and reclaim), on the same aged state.
 *
 * @param step aging steps run before the checkpoint
 * @param freePages free pages below the device's limit
 * @param freeBufferBlocks free buddy blocks of the buffer's order or more below the limit, counted
 *     in buffers
 * @param contiguousGroups groups of one-page slab objects whose pages formed one contiguous range
 * @param groups groups tried
 * @param noCompaction buffers obtained with a mask that may neither reclaim nor compact
 * @param compaction buffers obtained with a mask that may reclaim and compact
 * @param tries buffers tried with each mask
 */
public record DmaCheckpoint(long step, long freePages, long freeBufferBlocks, int contiguousGroups, int groups,
    int noCompaction, int compaction, int tries) {

  public double contiguousShare() {
    return groups == 0 ? 0 : (double) contiguousGroups / groups;
  }

  public double noCompactionRate() {
    return (double) noCompaction / tries;
  }

  public double compactionRate() {
    return (double) compaction / tries;
  }
}
