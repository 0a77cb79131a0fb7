/**
 * The {@code thp} scenario: transparent huge pages after aging. Open {@link ThpScenario} first: it
 * ages machines with and without mobility grouping, counts with {@link HugePages} the huge pages
 * each can give before and after compaction (a 2x2 table of {@link ThpCell}s), and turns that into
 * TLB reach and hit rate with the {@link Tlb} model and the {@link TlbSimulator}. One package per
 * experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.thp;
