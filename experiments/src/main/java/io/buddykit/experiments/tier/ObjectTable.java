package io.buddykit.experiments.tier;

/**
 * The live objects by slot: the pool holding each, its block, its order and its access counters.
 * The decayed counter is halved every epoch before the epoch's accesses are added, so it weighs
 * recent epochs most; in a steady state it settles at twice the accesses per epoch, which is why
 * {@link #rate} is half of it.
 */
final class ObjectTable {
  static final byte DRAM = 0;
  static final byte NVM = 1;

  private final byte[] pool;
  private final long[] start;
  private final byte[] order;
  private final double[] decayed;
  private final int[] epochAccesses;
  private final int[] promotedInEpoch;

  ObjectTable(int objects) {
    pool = new byte[objects];
    start = new long[objects];
    order = new byte[objects];
    decayed = new double[objects];
    epochAccesses = new int[objects];
    promotedInEpoch = new int[objects];
    java.util.Arrays.fill(promotedInEpoch, -1);
  }

  int size() {
    return pool.length;
  }

  /** Records a new object in {@code slot}, its counters reset. */
  void place(int slot, byte where, long at, int ord) {
    pool[slot] = where;
    start[slot] = at;
    order[slot] = (byte) ord;
    decayed[slot] = 0;
    epochAccesses[slot] = 0;
    promotedInEpoch[slot] = -1;
  }

  /** Moves the object in {@code slot} to another pool. */
  void move(int slot, byte where, long at) {
    pool[slot] = where;
    start[slot] = at;
  }

  byte pool(int slot) {
    return pool[slot];
  }

  long start(int slot) {
    return start[slot];
  }

  int order(int slot) {
    return order[slot];
  }

  long pages(int slot) {
    return 1L << order[slot];
  }

  void touch(int slot) {
    epochAccesses[slot]++;
  }

  /** End of epoch: every decayed counter halves, then takes the epoch's accesses. */
  void decay() {
    for (int i = 0; i < decayed.length; i++) {
      decayed[i] = decayed[i] / 2 + epochAccesses[i];
      epochAccesses[i] = 0;
    }
  }

  double decayed(int slot) {
    return decayed[slot];
  }

  /** Expected accesses per epoch: half the decayed counter. */
  double rate(int slot) {
    return decayed[slot] / 2;
  }

  /** Expected accesses per page per epoch. */
  double density(int slot) {
    return rate(slot) / pages(slot);
  }

  void markPromoted(int slot, int epoch) {
    promotedInEpoch[slot] = epoch;
  }

  boolean promotedIn(int slot, int epoch) {
    return promotedInEpoch[slot] == epoch;
  }
}
