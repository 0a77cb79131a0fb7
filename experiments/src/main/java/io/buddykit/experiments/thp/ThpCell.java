package io.buddykit.experiments.thp;

/**
 * One cell of the availability table: an aged machine with or without mobility grouping, counted
 * before or after full compaction.
 *
 * @param freePageblocks free memory in whole pageblocks before the count
 * @param hugePages order-9 allocations that succeeded at once
 * @param misaligned of those, how many were not aligned to 512 pages (0 by construction)
 */
public record ThpCell(boolean grouping, boolean compaction, long freePageblocks, int hugePages, int misaligned) {}
