/**
 * The {@code frag} scenario: the internal fragmentation that rounding costs, measured on the core
 * allocator. Open {@link FragScenario} first: it runs {@link RequestRounding} (single requests,
 * powers of two against alloc_pages_exact), {@link ArrayGrowthRun} ({@link DynamicArray}s growing
 * by a {@link GrowthPolicy} on one buddy heap, counted in {@link GrowthStats}) and {@link
 * SmallObjects} (a {@link SizeMix} served by {@link Kmalloc}'s slabs, by buddy blocks and by whole
 * pages). One package per experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.frag;
