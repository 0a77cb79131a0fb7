package io.buddykit.sim;

import java.util.Locale;

/**
 * The transparent huge page mode, /sys/kernel/mm/transparent_hugepage/enabled. The model has no
 * page faults to back with huge pages, so what the mode changes here is what it changes at boot:
 * with {@link #ALWAYS} or {@link #MADVISE} khugepaged runs and raises min_free_kbytes ({@code
 * set_recommended_min_free_kbytes}); with {@link #NEVER} it does not.
 */
public enum Thp {
  ALWAYS,
  MADVISE,
  NEVER;

  /** The name sysfs prints and {@code --thp} takes. */
  public String sysfsName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether khugepaged runs in this mode (Linux's {@code hugepage_pmd_enabled()} in 6.12, {@code
   * hugepage_enabled()} in 7.3, for the PMD size), so that it raises min_free_kbytes.
   */
  public boolean khugepaged() {
    return this != NEVER;
  }

  /** The mode named {@code name} as sysfs spells it; throws for anything else. */
  public static Thp parse(String name) {
    for (Thp t : values()) {
      if (t.sysfsName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("transparent huge page mode must be always, madvise or never, not '"
        + name + "'");
  }
}
