package io.buddykit.sim.replay;

import java.util.Arrays;

/**
 * An open-addressing hash map from long keys (pfns, heap addresses) to int values, with no object
 * per entry: replay looks one up per event. Linear probing with backward-shift deletion, so there
 * are no tombstones to slow lookups after many frees.
 */
final class LongIntMap {
  /** Returned by {@link #get} for an absent key. */
  static final int MISSING = -1;

  private long[] keys;
  private int[] values;
  private boolean[] used;
  private int size;
  private int mask;

  LongIntMap() {
    allocate(1024);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  int get(long key) {
    for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return MISSING;
  }

  /** Sets key to value (value must not be {@link #MISSING}). */
  void put(long key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = slot(key, mask);
    while (used[i]) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes key; returns its value or {@link #MISSING}. */
  int remove(long key) {
    int i = slot(key, mask);
    while (used[i]) {
      if (keys[i] == key) {
        int v = values[i];
        shiftBack(i);
        size--;
        return v;
      }
      i = (i + 1) & mask;
    }
    return MISSING;
  }

  private void shiftBack(int gap) {
    int i = gap;
    while (true) {
      i = (i + 1) & mask;
      if (!used[i]) {
        break;
      }
      int home = slot(keys[i], mask);
      // Move the entry back into the gap if its home is not between the gap and i (cyclically).
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        keys[gap] = keys[i];
        values[gap] = values[i];
        gap = i;
      }
    }
    used[gap] = false;
  }

  /** An entry's key and value. */
  interface EntryConsumer {
    void accept(long key, int value);
  }

  /** Visits every entry, in no particular order. */
  void forEach(EntryConsumer action) {
    for (int i = 0; i < keys.length; i++) {
      if (used[i]) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] k = keys;
    int[] v = values;
    boolean[] u = used;
    allocate(keys.length * 2);
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (u[i]) {
        put(k[i], v[i]);
      }
    }
  }

  void clear() {
    Arrays.fill(used, false);
    size = 0;
  }
}
