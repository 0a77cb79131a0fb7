package io.buddykit.experiments.tier;

import java.util.Locale;

/** When a hot object in NVM is moved into DRAM. */
public enum MigrationPolicy {
  /** First-touch placement only: DRAM until it is full, then NVM; nothing ever moves. */
  NO_MIGRATION,
  /** Every hot NVM object is promoted at the end of an epoch, demoting the coldest DRAM objects. */
  ALWAYS_PROMOTE,
  /** A hot NVM object is promoted only when {@link CostBenefit#worthIt} says so. */
  COST_BENEFIT;

  /** The name the scenario prints: {@code no-migration}, {@code always-promote}, {@code cost-benefit}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
