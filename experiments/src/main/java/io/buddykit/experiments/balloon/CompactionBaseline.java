package io.buddykit.experiments.balloon;

import io.buddykit.sim.VmStat;

/**
 * The alternative the seed wants to avoid: full memory compaction for order 9 (kcompactd's work,
 * {@code Machine.compactAll(9)}) from the same state, counting the pages it migrates and scans.
 */
public final class CompactionBaseline {
  private CompactionBaseline() {}

  /**
   * The outcome.
   *
   * @param success whether a free pageblock exists afterwards
   * @param migrated pages migrated (pgmigrate_success)
   * @param scanned pages the migrate and free scanners looked at
   */
  public record Outcome(boolean success, long migrated, long scanned) {}

  public static Outcome run(Guest guest) {
    VmStat before = guest.machine().stat().snapshot();
    guest.machine().compactAll(guest.machine().config().pageblockOrder());
    VmStat after = guest.machine().stat();
    return new Outcome(guest.freePageblocks() > 0, after.pgmigrateSuccess() - before.pgmigrateSuccess(),
        after.compactMigrateScanned() - before.compactMigrateScanned()
            + after.compactFreeScanned() - before.compactFreeScanned());
  }
}
