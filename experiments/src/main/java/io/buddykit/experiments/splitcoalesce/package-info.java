/**
 * The {@code splitcoalesce} scenario, the buddy system at its smallest: {@link
 * SplitCoalesceScenario} takes 64 pages of the core allocator through three allocations and three
 * frees and prints the memory map and the free blocks per order after each, so that splitting and
 * coalescing read off line by line. One package per experiment of the seed chapter, so that each
 * reads, and changes, alone.
 */
package io.buddykit.experiments.splitcoalesce;
