/**
 * The {@code boot} scenario: what freeing init memory gives back to the buddy allocator. Open
 * {@link BootScenario} first: it boots a machine through memblock, frees the initrd and the boot
 * page tables, and reads each zone before and after ({@link ZoneRelease}), counting the maximal
 * aligned blocks a range is freed as (the core's {@code AlignedBlocks}) so that the merges can be
 * counted. One package per experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.boot;
