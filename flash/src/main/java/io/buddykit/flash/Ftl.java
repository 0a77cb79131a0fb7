package io.buddykit.flash;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.BuddyInfo;
import io.buddykit.scenario.HeapBudget;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A page-mapped flash translation layer over a NAND device whose free erase blocks are a buddy
 * system (unit = one erase block). Random host writes fill single blocks; a sequential stream
 * fills a superblock of 2^superblockOrder blocks taken as one aligned buddy block; garbage
 * collection writes into blocks of its own. Two free buddy groups coalesce only when their erase
 * counts are close ({@link WearTree}, the core's merge policy), so a superblock is made of blocks
 * of similar wear.
 *
 * <p>Each programmed page carries out-of-band metadata (its logical page and a sequence number),
 * the only state that survives a power loss: {@link #recover()} rebuilds the mapping from it,
 * taking for each logical page its highest-sequence copy. An erase happens only after every valid
 * page of the block was copied, so a power loss at any point, mid-GC included, loses nothing that
 * was acknowledged.
 *
 * <p>Wear levelling: dynamic (the least-worn free block is taken) and static (when the erase
 * spread passes a threshold, the data of the least-worn block, cold by definition, is moved off it
 * so that it gets erased). Not thread-safe.
 */
public final class Ftl {
  private static final byte FREE = 0;
  private static final byte OPEN = 1;
  private static final byte CLOSED = 2;
  /** The content of a tombstone page: the record of a TRIM. Hosts may not write it. */
  static final long TOMBSTONE = Long.MIN_VALUE;

  /**
   * Java heap per physical page, with margin: out-of-band LPN and sequence and the data word (24
   * bytes a physical page), the mapping and copy count per logical page (12), the host's record in
   * {@link FlashRun} (8) and the mapping rebuilt by recovery (16).
   */
  static final long HEAP_BYTES_PER_PAGE = 64;

  /** The Java heap an FTL of this shape and its run take: {@link #HEAP_BYTES_PER_PAGE} per physical page. */
  public static long heapBytes(FlashConfig config) {
    return HeapBudget.times((long) config.blocks() * config.pagesPerBlock(), HEAP_BYTES_PER_PAGE);
  }

  private final FlashConfig c;
  private final int ppb;
  private final int blocks;
  private final long logical;
  private final WearTree wear;
  private final SplittableRandom random;

  // Physical state: survives power loss.
  private final int[] eraseCount;
  private final int[] writePtr;
  private final long[] oobLpn;
  private final long[] oobSeq;
  private final long[] data;
  /** Per logical page: programmed pages on flash (not yet erased) that record it. */
  private final int[] copies;

  // DRAM state: lost at power loss, rebuilt by recover().
  private BuddyAllocator free;
  private long[] l2p;
  private final int[] validCount;
  private final long[] lastWrite;
  private final byte[] state;
  private int hostBlock = -1;
  private int gcBlock = -1;
  private final int[] superblock;
  private int superNext;
  private int superCount;
  private long lastLpn = -2;
  private long seq;

  private long hostWrites;
  private long gcWrites;
  private long erases;
  private long gcRuns;
  private long staticMoves;
  private long superAllocs;
  private long superMisses;
  private long reads;

  private long faultCountdown = -1;

  public Ftl(FlashConfig config) {
    HeapBudget.require("a device of " + config.blocks() + " blocks of " + config.pagesPerBlock() + " pages",
        heapBytes(config));
    this.c = config;
    this.ppb = config.pagesPerBlock();
    this.blocks = config.blocks();
    this.logical = config.logicalPages();
    this.wear = new WearTree(blocks, config.wearThreshold());
    this.random = new SplittableRandom(config.seed());
    long pages = (long) blocks * ppb;
    this.eraseCount = new int[blocks];
    this.writePtr = new int[blocks];
    this.oobLpn = new long[(int) pages];
    this.oobSeq = new long[(int) pages];
    this.data = new long[(int) pages];
    Arrays.fill(oobLpn, -1);
    this.copies = new int[(int) logical];
    this.validCount = new int[blocks];
    this.lastWrite = new long[blocks];
    this.state = new byte[blocks];
    this.superblock = new int[1 << config.superblockOrder()];
    this.free = newAllocator();
    this.l2p = new long[(int) logical];
    Arrays.fill(l2p, -1);
  }

  private BuddyAllocator newAllocator() {
    return BuddyAllocator.builder(blocks, Integer.numberOfTrailingZeros(blocks)).mergePolicy(wear).build();
  }

  // ------------------------------------------------------------------ host interface

  public long logicalPages() {
    return logical;
  }

  /** Writes {@code content} (a checksum of the page's data) to logical page {@code lpn}. */
  public void write(long lpn, long content) {
    checkLpn(lpn);
    if (content == TOMBSTONE) {
      throw new IllegalArgumentException("content " + TOMBSTONE + " is reserved for trim records");
    }
    boolean sequential = lpn == lastLpn + 1;
    lastLpn = lpn;
    if (free.freeUnits() < c.gcLowBlocks()) {
      collect();
    }
    int b = sequential && c.superblockOrder() > 0 ? sequentialBlock() : hostBlock();
    program(b, lpn, content);
    hostWrites++;
    if (writePtr[b] == ppb) {
      close(b);
    }
  }

  /** The content last written to {@code lpn}, or 0 if never written or trimmed. */
  public long read(long lpn) {
    checkLpn(lpn);
    reads++;
    long ppn = l2p[(int) lpn];
    return ppn < 0 || data[(int) ppn] == TOMBSTONE ? 0 : data[(int) ppn];
  }

  /**
   * Forgets logical page {@code lpn} (TRIM), durably: a tombstone page records the trim with a
   * sequence number, so that a power loss cannot bring back any older copy. Garbage collection
   * keeps a tombstone only while an older copy of the page is still on flash, and drops it once
   * none is: a trim then costs no space.
   */
  public void trim(long lpn) {
    checkLpn(lpn);
    long ppn = l2p[(int) lpn];
    if (ppn < 0 || data[(int) ppn] == TOMBSTONE) {
      return; // never written, or trimmed already
    }
    lastLpn = -2;
    if (free.freeUnits() < c.gcLowBlocks()) {
      collect();
    }
    int b = hostBlock();
    program(b, lpn, TOMBSTONE);
    if (writePtr[b] == ppb) {
      close(b);
    }
  }

  private void checkLpn(long lpn) {
    if (lpn < 0 || lpn >= logical) {
      throw new IllegalArgumentException("logical page " + lpn + " is outside [0, " + logical + ")");
    }
  }

  // ------------------------------------------------------------------ write points

  private int hostBlock() {
    if (hostBlock < 0) {
      hostBlock = takeLeastWorn();
    }
    return hostBlock;
  }

  private int gcBlock() {
    if (gcBlock < 0) {
      gcBlock = takeLeastWorn();
    }
    return gcBlock;
  }

  /** The next block of the open superblock, or a new superblock (falling back to a single block). */
  private int sequentialBlock() {
    while (superNext < superCount && writePtr[superblock[superNext]] == ppb) {
      superNext++;
    }
    if (superNext < superCount) {
      return superblock[superNext];
    }
    int k = c.superblockOrder();
    long start = leastWornGroup(k);
    if (start < 0) {
      superMisses++; // no free aligned group of similar wear: the stream goes to single blocks
      return hostBlock();
    }
    if (!free.tryAllocateAt(start, k)) {
      throw new IllegalStateException("free group at " + start + " could not be taken");
    }
    splitDown(start, k);
    superAllocs++;
    superCount = 1 << k;
    superNext = 0;
    for (int i = 0; i < superCount; i++) {
      superblock[i] = (int) start + i;
      state[(int) start + i] = OPEN;
    }
    return superblock[0];
  }

  /** Splits a live block of order k into 2^k live single blocks, each freed on its own later. */
  private void splitDown(long start, int k) {
    for (int order = k; order > 0; order--) {
      for (long s = start; s < start + (1L << k); s += 1L << order) {
        free.split(s);
      }
    }
  }

  /** Takes the least-worn free block (dynamic wear levelling). */
  private int takeLeastWorn() {
    long[] best = {-1, Integer.MAX_VALUE};
    free.forEachFreeBlock((s, size, order, cls) -> {
      int m = wear.minOf(s, order);
      if (m < best[1]) {
        best[0] = wear.leastWorn(s, order);
        best[1] = m;
      }
    });
    if (best[0] < 0) {
      throw new IllegalStateException("no free erase block: the device is full of valid data");
    }
    if (!free.tryAllocateAt(best[0], 0)) {
      throw new IllegalStateException("free block " + best[0] + " could not be taken");
    }
    state[(int) best[0]] = OPEN;
    return (int) best[0];
  }

  /** Takes the most-worn free block (for cold data). */
  private int takeMostWorn() {
    long[] best = {-1, -1};
    free.forEachFreeBlock((s, size, order, cls) -> {
      int m = wear.maxOf(s, order);
      if (m > best[1]) {
        best[0] = wear.mostWorn(s, order);
        best[1] = m;
      }
    });
    if (best[0] < 0 || !free.tryAllocateAt(best[0], 0)) {
      throw new IllegalStateException("no free erase block for cold data");
    }
    state[(int) best[0]] = OPEN;
    return (int) best[0];
  }

  /** The start of the least-worn free aligned group of 2^k blocks, or -1. */
  private long leastWornGroup(int k) {
    long[] best = {-1, Integer.MAX_VALUE};
    free.forEachFreeBlock((s, size, order, cls) -> {
      if (order < k) {
        return;
      }
      // The least-worn aligned k-group inside this free block: descend by minima to order k.
      long g = s;
      for (int o = order; o > k; o--) {
        long left = g;
        long right = g + (1L << (o - 1));
        g = wear.minOf(left, o - 1) <= wear.minOf(right, o - 1) ? left : right;
      }
      int m = wear.minOf(g, k);
      if (m < best[1]) {
        best[0] = g;
        best[1] = m;
      }
    });
    return best[0];
  }

  private void close(int b) {
    state[b] = CLOSED;
    if (superNext < superCount && superblock[superNext] == b) {
      superNext++; // the stream moves on: a closed member may be cleaned and reused at once
    }
    if (b == hostBlock) {
      hostBlock = -1;
    }
    if (b == gcBlock) {
      gcBlock = -1;
    }
  }

  // ------------------------------------------------------------------ NAND operations

  private void program(int b, long lpn, long content) {
    if (writePtr[b] >= ppb || state[b] != OPEN) {
      throw new IllegalStateException("block " + b + " is not open for writing (state " + state[b]
          + ", " + writePtr[b] + " of " + ppb + " pages written)");
    }
    tick("program");
    int ppn = b * ppb + writePtr[b]++;
    oobLpn[ppn] = lpn;
    oobSeq[ppn] = ++seq;
    data[ppn] = content;
    copies[(int) lpn]++;
    long old = l2p[(int) lpn];
    if (old >= 0) {
      validCount[(int) (old / ppb)]--;
    }
    l2p[(int) lpn] = ppn;
    validCount[b]++;
    lastWrite[b] = seq;
  }

  private void erase(int b) {
    tick("erase");
    eraseCount[b]++;
    wear.set(b, eraseCount[b]);
    for (int p = 0; p < writePtr[b]; p++) {
      copies[(int) oobLpn[b * ppb + p]]--;
    }
    Arrays.fill(oobLpn, b * ppb, (b + 1) * ppb, -1);
    writePtr[b] = 0;
    validCount[b] = 0;
    state[b] = FREE;
    erases++;
    free.free(b); // coalesces with free buddies of similar wear
  }

  private void tick(String op) {
    if (faultCountdown > 0 && --faultCountdown == 0) {
      faultCountdown = -1;
      throw new PowerLoss("power lost before a " + op + " (sequence " + seq + ")");
    }
  }

  /** Injects a power loss before the n-th next program or erase (n >= 1). */
  public void failAfter(long operations) {
    if (operations < 1) {
      throw new IllegalArgumentException("operations must be at least 1, got " + operations);
    }
    faultCountdown = operations;
  }

  // ------------------------------------------------------------------ garbage collection

  private void collect() {
    gcRuns++;
    int target = c.gcLowBlocks() + 2;
    while (free.freeUnits() < target) {
      int victim = pickVictim();
      if (victim < 0) {
        break;
      }
      clean(victim);
    }
    if (c.staticWearThreshold() >= 0 && wear.maxAll() - wear.minAll() > c.staticWearThreshold()) {
      int cold = leastWornClosed();
      if (cold >= 0) {
        // The cold data goes to the most-worn free block, where it will rest; its young block
        // is erased and goes back into service.
        int rest = takeMostWorn();
        int saved = gcBlock;
        gcBlock = rest;
        clean(cold);
        if (gcBlock >= 0 && writePtr[gcBlock] == 0) {
          state[gcBlock] = FREE; // nothing was valid: the target goes back unused
          free.free(gcBlock);
        } else if (gcBlock >= 0) {
          close(gcBlock); // the rest of the target stays unused until it is cleaned
        }
        gcBlock = saved;
        staticMoves++;
      }
    }
  }

  /** Moves the valid pages of block v to the GC write point, then erases v. */
  private void clean(int v) {
    int base = v * ppb;
    for (int p = 0; p < writePtr[v]; p++) {
      long lpn = oobLpn[base + p];
      if (lpn >= 0 && l2p[(int) lpn] == base + p) {
        if (data[base + p] == TOMBSTONE && copies[(int) lpn] == 1) {
          l2p[(int) lpn] = -1; // no older copy left to hide: the trim record can go with the block
          continue;
        }
        int g = gcBlock();
        program(g, lpn, data[base + p]);
        gcWrites++;
        if (writePtr[g] == ppb) {
          close(g);
        }
      }
    }
    erase(v);
  }

  private int pickVictim() {
    return switch (c.gc()) {
      case GREEDY -> greedy();
      case COST_BENEFIT -> costBenefit();
      case D_CHOICES -> dChoices(8);
    };
  }

  private int greedy() {
    int best = -1;
    for (int b = 0; b < blocks; b++) {
      if (state[b] == CLOSED && validCount[b] < ppb && (best < 0 || validCount[b] < validCount[best])) {
        best = b;
      }
    }
    return best;
  }

  private int costBenefit() {
    int best = -1;
    double bestScore = -1;
    for (int b = 0; b < blocks; b++) {
      if (state[b] == CLOSED && validCount[b] < ppb) {
        double u = validCount[b] / (double) ppb;
        double age = seq - lastWrite[b] + 1;
        double score = u == 0 ? Double.MAX_VALUE : (1 - u) / (2 * u) * age;
        if (score > bestScore) {
          best = b;
          bestScore = score;
        }
      }
    }
    return best;
  }

  private int dChoices(int d) {
    int best = -1;
    for (int i = 0; i < d * 4 && (i < d || best < 0); i++) {
      int b = random.nextInt(blocks);
      if (state[b] == CLOSED && validCount[b] < ppb && (best < 0 || validCount[b] < validCount[best])) {
        best = b;
      }
    }
    return best < 0 ? greedy() : best;
  }

  private int leastWornClosed() {
    int best = -1;
    for (int b = 0; b < blocks; b++) {
      if (state[b] == CLOSED && (best < 0 || eraseCount[b] < eraseCount[best])) {
        best = b;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ power loss

  /**
   * Rebuilds every DRAM structure from what survives on flash (erase counts, programmed pages and
   * their out-of-band logical page and sequence number): the mapping takes each logical page's
   * highest-sequence copy; blocks with programmed pages are closed, erased ones free.
   */
  public void recover() {
    faultCountdown = -1;
    long[] best = new long[(int) logical];
    Arrays.fill(best, -1);
    l2p = new long[(int) logical];
    Arrays.fill(l2p, -1);
    Arrays.fill(validCount, 0);
    Arrays.fill(copies, 0);
    free = newAllocator();
    seq = 0;
    for (int b = 0; b < blocks; b++) {
      wear.set(b, eraseCount[b]);
      for (int p = 0; p < writePtr[b]; p++) {
        int ppn = b * ppb + p;
        long lpn = oobLpn[ppn];
        seq = Math.max(seq, oobSeq[ppn]);
        copies[(int) lpn]++;
        if (lpn >= 0 && oobSeq[ppn] > best[(int) lpn]) {
          best[(int) lpn] = oobSeq[ppn];
          l2p[(int) lpn] = ppn;
        }
      }
    }
    // Every block taken, then the erased ones freed one by one: their merges go through the
    // wear rule, as they would have in service.
    for (int b = 0; b < blocks; b++) {
      free.tryAllocateAt(b, 0);
    }
    for (int b = 0; b < blocks; b++) {
      lastWrite[b] = 0;
      if (writePtr[b] > 0) {
        state[b] = CLOSED;
      } else {
        state[b] = FREE;
        free.free(b);
      }
    }
    for (long lpn = 0; lpn < logical; lpn++) {
      if (l2p[(int) lpn] >= 0) {
        validCount[(int) (l2p[(int) lpn] / ppb)]++;
      }
    }
    hostBlock = -1;
    gcBlock = -1;
    superNext = 0;
    superCount = 0;
    lastLpn = -2;
  }

  // ------------------------------------------------------------------ checks and metrics

  /**
   * Proves every logical page reads {@code expected[lpn]} (0 for never written); returns the
   * number of pages that do not (lost or stale). Also checks valid counts and the free-space
   * allocator.
   */
  public long lostPages(long[] expected) {
    long lost = 0;
    for (long lpn = 0; lpn < logical; lpn++) {
      long ppn = l2p[(int) lpn];
      long have = ppn < 0 || data[(int) ppn] == TOMBSTONE ? 0 : data[(int) ppn];
      if (have != expected[(int) lpn]) {
        lost++;
      }
    }
    checkCounts();
    return lost;
  }

  private void checkCounts() {
    int[] valid = new int[blocks];
    for (long lpn = 0; lpn < logical; lpn++) {
      long ppn = l2p[(int) lpn];
      if (ppn >= 0) {
        valid[(int) (ppn / ppb)]++;
        if (oobLpn[(int) ppn] != lpn) {
          throw new IllegalStateException(
              "logical page " + lpn + " maps to page " + ppn + " of page " + oobLpn[(int) ppn]);
        }
      }
    }
    for (int b = 0; b < blocks; b++) {
      if (valid[b] != validCount[b]) {
        throw new IllegalStateException("block " + b + " counts " + validCount[b] + " valid pages, has " + valid[b]);
      }
      if ((state[b] == FREE) != free.isFree(b)) {
        throw new IllegalStateException("block " + b + " state " + state[b] + " disagrees with the allocator");
      }
    }
    free.verify();
  }

  /** Free blocks per order (the erase-block buddy system's buddyinfo). */
  public long[] buddyInfo() {
    return free.buddyInfo();
  }

  public int eraseCount(int block) {
    return eraseCount[block];
  }

  public long gcRuns() {
    return gcRuns;
  }

  public FlashMetrics metrics() {
    double sum = 0;
    double sq = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int e : eraseCount) {
      sum += e;
      sq += (double) e * e;
      min = Math.min(min, e);
      max = Math.max(max, e);
    }
    double mean = sum / blocks;
    double std = Math.sqrt(Math.max(0, sq / blocks - mean * mean));
    long[] info = free.buddyInfo();
    long groups = BuddyInfo.suitableBlocks(info, c.superblockOrder());
    double lifetime = max == 0 ? Double.POSITIVE_INFINITY : hostWrites * (double) c.peLimit() / max;
    double seconds = (hostWrites * c.programUs() + gcWrites * (c.readUs() + c.programUs())
        + erases * c.eraseUs() + reads * c.readUs()) / 1e6;
    return new FlashMetrics(hostWrites,
        hostWrites == 0 ? 0 : (hostWrites + gcWrites) / (double) hostWrites, erases, mean, std,
        min, max, gcRuns, gcWrites, staticMoves, superAllocs, superMisses, groups, lifetime, seconds);
  }
}
