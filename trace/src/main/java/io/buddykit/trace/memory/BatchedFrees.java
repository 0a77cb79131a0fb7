package io.buddykit.trace.memory;

/**
 * Tells the second record of a batched free from a free: Linux traces a page freed through a batch
 * as mm_page_free and as mm_page_free_batched, in an order that depends on the version ({@link
 * FtraceReader}'s doc comment gives the rule per version, with the kernel functions). A free
 * record of one kind that follows a record of the other kind for the same pfn, with no allocation
 * of that pfn between them and within {@link #WINDOW} lines, is the same free; anything else is a
 * free of its own. So a trace of only one of the two events reads as the frees it holds.
 *
 * <p>The pfn decides, not the CPU: 4.15 to 7.3 run the two loops that emit the pair with
 * preemption enabled between them, so the task may move to another CPU. The state is a map from
 * pfn to the line and kind of its last unpaired free record, open addressing on primitive arrays;
 * when it grows past {@link #SWEEP_AT} entries, those older than the window are dropped, so its
 * size stays bounded by the window.
 */
final class BatchedFrees {
  /**
   * Lines within which a pair's second record must follow its first: a batch is at most a few
   * hundred pages (release_pages of an mmu_gather batch) plus what other CPUs and interrupts
   * trace meanwhile; the longest distance in the 6.18 recording of 369,906 lines was 2,105.
   */
  static final long WINDOW = 1 << 16;

  private static final int SWEEP_AT = 1 << 18;

  /** pfn + 1 per slot; 0 marks an empty slot. */
  private long[] keys = new long[1024];

  /** {@code line << 1 | 1} for an mm_page_free_batched record, {@code line << 1} for mm_page_free. */
  private long[] values = new long[1024];

  private int size;

  /**
   * Whether the free record of {@code pfn} on {@code line} is a free to deliver, or (false) the
   * second record of a free already delivered.
   */
  boolean isFree(long pfn, boolean batched, long line) {
    int i = find(pfn);
    if (i >= 0) {
      long v = values[i];
      boolean otherKind = ((v & 1) == 1) != batched;
      if (otherKind && line - (v >>> 1) <= WINDOW) {
        remove(i);
        return false;
      }
      values[i] = line << 1 | (batched ? 1 : 0);
      return true;
    }
    put(pfn, line << 1 | (batched ? 1 : 0), line);
    return true;
  }

  /** {@code pfn} was allocated: a free record after this is a new free. */
  void allocated(long pfn) {
    int i = find(pfn);
    if (i >= 0) {
      remove(i);
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & (keys.length - 1);
  }

  private int find(long pfn) {
    long key = pfn + 1;
    for (int i = slot(key); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private void put(long pfn, long value, long line) {
    if (size >= SWEEP_AT) {
      sweep(line);
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    insert(pfn + 1, value);
  }

  private void insert(long key, long value) {
    int i = slot(key);
    while (keys[i] != 0) {
      i = (i + 1) & (keys.length - 1);
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Drops the entries older than the window: they can no longer be paired. */
  private void sweep(long line) {
    long[] k = keys;
    long[] v = values;
    keys = new long[k.length];
    values = new long[k.length];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != 0 && line - (v[i] >>> 1) <= WINDOW) {
        insert(k[i], v[i]);
      }
    }
  }

  private void rehash(int capacity) {
    long[] k = keys;
    long[] v = values;
    keys = new long[capacity];
    values = new long[capacity];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != 0) {
        insert(k[i], v[i]);
      }
    }
  }

  /** Backward-shift deletion, so lookups never meet tombstones. */
  private void remove(int gap) {
    int mask = keys.length - 1;
    int i = gap;
    while (true) {
      i = (i + 1) & mask;
      if (keys[i] == 0) {
        break;
      }
      int home = slot(keys[i]);
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        keys[gap] = keys[i];
        values[gap] = values[i];
        gap = i;
      }
    }
    keys[gap] = 0;
    size--;
  }
}
