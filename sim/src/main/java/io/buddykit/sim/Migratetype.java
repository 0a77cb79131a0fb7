package io.buddykit.sim;

/**
 * Linux's migratetypes, in the kernel's order (so {@code ordinal()} is the number ftrace prints as
 * {@code migratetype=}). Each is one list class of a zone's buddy allocator, and each pageblock
 * carries one.
 */
public enum Migratetype {
  UNMOVABLE("Unmovable"),
  MOVABLE("Movable"),
  RECLAIMABLE("Reclaimable"),
  HIGHATOMIC("HighAtomic"),
  CMA("CMA"),
  ISOLATE("Isolate");

  /** The first {@code PCPTYPES} types have per-CPU lists and may merge across pageblocks. */
  public static final int PCPTYPES = 3;

  private static final Migratetype[] VALUES = values();

  private final String procName;

  Migratetype(String procName) {
    this.procName = procName;
  }

  /** The name /proc/pagetypeinfo prints. */
  public String procName() {
    return procName;
  }

  /** The type numbered {@code n} (ftrace's migratetype=n); throws for an unknown number. */
  public static Migratetype of(int n) {
    if (n < 0 || n >= VALUES.length) {
      throw new IllegalArgumentException("no migratetype " + n + " (0.." + (VALUES.length - 1) + ")");
    }
    return VALUES[n];
  }

  /** Linux's migratetype_is_mergeable: free blocks of these types may merge across pageblocks. */
  public boolean mergeable() {
    return ordinal() < PCPTYPES;
  }

  /** Number of types: the zone allocator's list classes. */
  public static int count() {
    return VALUES.length;
  }
}
