package io.buddykit.experiments.tier;

/**
 * What one epoch of a tiering run measured.
 *
 * @param epoch the epoch number
 * @param meanAccessNs mean latency of the epoch's accesses
 * @param dramShare share of the epoch's accesses served from DRAM
 * @param pagesMigrated pages copied between the tiers at the end of the epoch
 */
public record EpochStats(int epoch, double meanAccessNs, double dramShare, long pagesMigrated) {}
