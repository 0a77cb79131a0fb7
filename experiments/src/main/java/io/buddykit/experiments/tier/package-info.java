/**
 * The {@code tier} scenario: DRAM and NVM, each a buddy allocator. Open {@link TierScenario} first:
 * it runs each {@link MigrationPolicy} on the same {@link TierConfig} in a {@code TierRun}, where
 * objects of Zipf-skewed popularity ({@link ZipfSampler}) live in two {@code MemoryPool}s with
 * their access counters in an {@code ObjectTable}, and a hot NVM object is promoted, demoting a
 * {@link VictimRegion}, when the {@link CostBenefit} test says so; each epoch's figures are an
 * {@link EpochStats}. One package per experiment of the seed chapter, so that each reads, and
 * changes, alone.
 */
package io.buddykit.experiments.tier;
