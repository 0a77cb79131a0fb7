package io.buddykit.sim.workload;

import io.buddykit.sim.PageListener;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The blocks a workload holds on a machine, by owner tag: pfn, order and kind of each, kept exact
 * as the machine's listener (compaction moves a pfn, reclaim drops a tag), with O(1) add, remove
 * and uniform random pick per kind so that a step costs the same on a 16 GiB machine as on 16 MiB.
 *
 * <p>Tags are small ints, reused after removal, and never 0 or -1, which the machine's owner
 * table uses for "nobody" and "on a per-CPU list". A tag is {@link #reserve() reserved} before
 * the allocation that carries it, because the allocation itself may reclaim and free other tags.
 */
public final class Holdings implements PageListener {
  private static final byte FREE = -1;
  private static final byte RESERVED = -2;
  private static final int FIRST_TAG = 1;

  private long[] pfn = new long[64];
  private byte[] order = new byte[64];
  /** PageKind ordinal, or FREE or RESERVED. */
  private byte[] kind = new byte[64];
  /** Index of the tag in its kind's dense list. */
  private int[] slot = new int[64];
  private final int[][] byKind = new int[PageKind.count()][];
  private final int[] countByKind = new int[PageKind.count()];
  private final long[] pagesByKind = new long[PageKind.count()];
  /** Tags free for reuse, a stack; {@link #nextUnused} is the first never handed out. */
  private int[] freeTags = new int[64];
  private int freeCount;
  private int nextUnused = FIRST_TAG;
  private long pages;
  private long migrations;
  private long reclaims;

  public Holdings() {
    Arrays.fill(kind, FREE);
    for (int k = 0; k < byKind.length; k++) {
      byKind[k] = new int[16];
    }
  }

  /** Takes a tag for an allocation about to be made; {@link #add} or {@link #cancel} it next. */
  public int reserve() {
    int tag;
    if (freeCount > 0) {
      tag = freeTags[--freeCount];
    } else {
      if (nextUnused == Integer.MAX_VALUE) {
        throw new IllegalStateException("out of owner tags");
      }
      tag = nextUnused++;
      grow(tag);
    }
    kind[tag] = RESERVED;
    return tag;
  }

  /** Gives back a reserved tag whose allocation failed. */
  public void cancel(int tag) {
    if (!valid(tag) || kind[tag] != RESERVED) {
      throw new IllegalArgumentException("tag " + tag + " is not reserved");
    }
    release(tag);
  }

  /** Records that reserved {@code tag} now holds the block of {@code order} at {@code pfn}. */
  public void add(int tag, long pfn, int order, PageKind kind) {
    if (!valid(tag) || this.kind[tag] != RESERVED) {
      throw new IllegalArgumentException("tag " + tag + " is not reserved");
    }
    int k = kind.ordinal();
    this.pfn[tag] = pfn;
    this.order[tag] = (byte) order;
    this.kind[tag] = (byte) k;
    if (countByKind[k] == byKind[k].length) {
      byKind[k] = Arrays.copyOf(byKind[k], byKind[k].length * 2);
    }
    slot[tag] = countByKind[k];
    byKind[k][countByKind[k]++] = tag;
    pagesByKind[k] += 1L << order;
    pages += 1L << order;
  }

  /** Forgets {@code tag} (its block was freed or reclaimed). */
  public void remove(int tag) {
    if (!isLive(tag)) {
      throw new IllegalArgumentException("tag " + tag + " holds nothing");
    }
    int k = kind[tag];
    int[] list = byKind[k];
    int last = list[--countByKind[k]];
    list[slot[tag]] = last; // swap-remove keeps the list dense
    slot[last] = slot[tag];
    pagesByKind[k] -= 1L << order[tag];
    pages -= 1L << order[tag];
    release(tag);
  }

  private void release(int tag) {
    kind[tag] = FREE;
    if (freeCount == freeTags.length) {
      freeTags = Arrays.copyOf(freeTags, freeTags.length * 2);
    }
    freeTags[freeCount++] = tag;
  }

  private void grow(int tag) {
    if (tag < pfn.length) {
      return;
    }
    int n = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(tag + 1L, pfn.length * 2L));
    pfn = Arrays.copyOf(pfn, n);
    order = Arrays.copyOf(order, n);
    int old = kind.length;
    kind = Arrays.copyOf(kind, n);
    Arrays.fill(kind, old, n, FREE);
    slot = Arrays.copyOf(slot, n);
  }

  private boolean valid(int tag) {
    return tag >= FIRST_TAG && tag < nextUnused;
  }

  /** True when {@code tag} holds a block now. */
  public boolean isLive(int tag) {
    return valid(tag) && kind[tag] >= 0;
  }

  /** The head pfn of the block {@code tag} holds. */
  public long pfn(int tag) {
    checkLive(tag);
    return pfn[tag];
  }

  public int order(int tag) {
    checkLive(tag);
    return order[tag];
  }

  public PageKind kind(int tag) {
    checkLive(tag);
    return PageKind.of(kind[tag]);
  }

  private void checkLive(int tag) {
    if (!isLive(tag)) {
      throw new IllegalArgumentException("tag " + tag + " holds nothing");
    }
  }

  /** Blocks held of {@code kind}. */
  public int count(PageKind kind) {
    return countByKind[kind.ordinal()];
  }

  /** Blocks held of every kind. */
  public int count() {
    int n = 0;
    for (int c : countByKind) {
      n += c;
    }
    return n;
  }

  /** Pages held (2^order per block) of {@code kind}. */
  public long pages(PageKind kind) {
    return pagesByKind[kind.ordinal()];
  }

  /** Pages held of every kind. */
  public long pages() {
    return pages;
  }

  /** A tag of {@code kind} chosen uniformly, or -1 when none is held. */
  public int pick(PageKind kind, RandomGenerator random) {
    int k = kind.ordinal();
    return countByKind[k] == 0 ? -1 : byKind[k][random.nextInt(countByKind[k])];
  }

  /** The {@code i}-th held tag of {@code kind}, 0 <= i < count(kind); the order changes on remove. */
  public int tag(PageKind kind, int i) {
    int k = kind.ordinal();
    if (i < 0 || i >= countByKind[k]) {
      throw new IndexOutOfBoundsException("index " + i + " of " + countByKind[k] + " " + kind + " blocks");
    }
    return byKind[k][i];
  }

  /** Migrations the machine reported. */
  public long migrations() {
    return migrations;
  }

  /** Blocks reclaim took back. */
  public long reclaims() {
    return reclaims;
  }

  @Override
  public void migrated(int tag, long oldPfn, long newPfn, int order) {
    check(tag, oldPfn, order, "migrated");
    pfn[tag] = newPfn;
    migrations++;
  }

  @Override
  public void reclaimed(int tag, long pfn, int order) {
    check(tag, pfn, order, "reclaimed");
    remove(tag);
    reclaims++;
  }

  /** A report about a block we do not hold as reported means the two records have split: stop. */
  private void check(int tag, long at, int order, String what) {
    if (!isLive(tag) || pfn[tag] != at || this.order[tag] != order) {
      throw new IllegalStateException("machine " + what + " order-" + order + " block " + tag + " at pfn " + at
          + " but holdings have " + (isLive(tag) ? "order " + this.order[tag] + " at pfn " + pfn[tag] : "no such tag"));
    }
  }
}
