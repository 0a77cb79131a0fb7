/**
 * The {@code balloon} scenario: one more free 2 MiB block on an aged guest, for the host. Open
 * {@link BalloonScenario} first: from the same {@link Guest} state it compares the seed's {@link
 * TargetedBalloon} (empty the pageblock closest to free), a {@link RandomBalloon} and full
 * compaction ({@link CompactionBaseline}), counting the pages given up or migrated per huge page.
 * One package per experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.balloon;
