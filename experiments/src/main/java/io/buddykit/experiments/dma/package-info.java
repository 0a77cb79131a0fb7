/**
 * The {@code dma} scenario: why a device buffer comes from the buddy allocator. Open {@link
 * DmaScenario} first: at each checkpoint of an aging machine, {@link DmaProbe} asks for 64 KiB
 * buffers ({@link DmaBuffer}, one order-4 block below 4 GiB) without and with direct compaction,
 * and as one-page objects of a minimal {@link SlabAllocator}, which {@link Contiguity} checks for
 * physical contiguity; {@link DmaCheckpoint} holds one checkpoint's figures. One package per
 * experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.dma;
