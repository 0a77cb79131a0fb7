/**
 * The {@code aging} scenario: {@link AgingScenario} takes one machine through the memblock
 * hand-over, the release of init memory, the aging workload ({@code sim.workload}'s {@code
 * AgingWorkload}) and full compaction, with buddyinfo and the huge-page figures at each stage: what
 * aging costs huge pages and how much of it compaction wins back. One package per experiment of the
 * seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.aging;
