package io.buddykit.sim;

/**
 * Who holds each page frame: for the head pfn of every allocation, an owner tag (the caller's
 * number for the object), the allocation's order, its migratetype and whether it may be migrated
 * or reclaimed. Six bytes per pfn, so 64 GiB of 4 KiB pages (16M pfns) costs 96 MiB.
 *
 * <p>Only heads carry an entry; the pages behind a head belong to it through the buddy
 * allocator's own record of the block. Compaction moves an entry to the new pfn, so the table
 * always names the current holder of every live block ({@link Machine#verify()} checks it).
 *
 * <p>Public to read (experiments and the live view ask who holds a pfn); every mutator is the engine's.
 */
public final class OwnerTable {
  /** The entry of a pfn that heads no allocation. */
  static final byte NONE = 0;

  private static final int HEAD = 0x80;
  private static final int MOVABLE = 0x40;
  private static final int RECLAIMABLE = 0x20;
  private static final int PCP = 0x10;

  private final int[] owner;
  /** HEAD | MOVABLE | RECLAIMABLE | PCP | order (4 bits); migratetype in {@link #types}. */
  private final byte[] flags;
  private final byte[] types;

  OwnerTable(long pfns) {
    if (pfns <= 0 || pfns > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("owner table of " + pfns + " pfns: must be 1.." + Integer.MAX_VALUE);
    }
    owner = new int[(int) pfns];
    flags = new byte[(int) pfns];
    types = new byte[(int) pfns];
  }

  /** Records an allocation of {@code 2^order} pages at {@code pfn}. */
  void set(long pfn, int order, int tag, Migratetype type, boolean movable, boolean reclaimable) {
    assert order >= 0 && order <= 0x0f : "order " + order + " does not fit the entry";
    assert !isHead(pfn) : "pfn " + pfn + " already heads a block";
    int p = (int) pfn;
    owner[p] = tag;
    flags[p] = (byte) (HEAD | (movable ? MOVABLE : 0) | (reclaimable ? RECLAIMABLE : 0) | order);
    types[p] = (byte) type.ordinal();
  }

  /** Records pages parked on a per-CPU list: allocated as far as the buddy allocator knows. */
  void setPcp(long pfn, int order, Migratetype type) {
    assert order >= 0 && order <= 0x0f : "order " + order + " does not fit the entry";
    assert !isHead(pfn) : "pfn " + pfn + " already heads a block";
    int p = (int) pfn;
    owner[p] = -1;
    flags[p] = (byte) (HEAD | PCP | order);
    types[p] = (byte) type.ordinal();
  }

  void clear(long pfn) {
    int p = (int) pfn;
    owner[p] = 0;
    flags[p] = NONE;
    types[p] = 0;
  }

  /** Moves the entry at {@code from} to {@code to} (migration). */
  void move(long from, long to) {
    assert isHead(from) && !isHead(to) : "moving pfn " + from + " onto " + to;
    int f = (int) from;
    int t = (int) to;
    owner[t] = owner[f];
    flags[t] = flags[f];
    types[t] = types[f];
    clear(from);
  }

  /** True when an allocation (or a per-CPU list entry) starts at {@code pfn}. */
  public boolean isHead(long pfn) {
    return (flags[(int) pfn] & HEAD) != 0;
  }

  /** True when the block at {@code pfn} sits on a per-CPU list (free to the system). */
  public boolean isPcp(long pfn) {
    return (flags[(int) pfn] & PCP) != 0;
  }

  public boolean isMovable(long pfn) {
    return (flags[(int) pfn] & MOVABLE) != 0;
  }

  public boolean isReclaimable(long pfn) {
    return (flags[(int) pfn] & RECLAIMABLE) != 0;
  }

  /** Order of the allocation headed at {@code pfn}. */
  public int order(long pfn) {
    return flags[(int) pfn] & 0x0f;
  }

  /** The owner tag of the allocation headed at {@code pfn}. */
  public int owner(long pfn) {
    return owner[(int) pfn];
  }

  /** The migratetype the allocation at {@code pfn} asked for. */
  public Migratetype type(long pfn) {
    return Migratetype.of(types[(int) pfn]);
  }

  /** Number of pfns covered. */
  public long size() {
    return owner.length;
  }

  /** Heads recorded in [from, to), for verification. */
  long heads(long from, long to) {
    long n = 0;
    for (int p = (int) from; p < to; p++) {
      if ((flags[p] & HEAD) != 0) {
        n++;
      }
    }
    return n;
  }
}
