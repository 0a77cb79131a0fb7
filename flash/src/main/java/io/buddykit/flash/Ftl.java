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
 * <p>Each programmed page carries out-of-band metadata (its logical page and a sequence number,
 * under a check word) on the {@link Nand}, the only state that survives a power loss: {@link
 * #recover()} rebuilds the mapping from it, taking for each logical page its highest-sequence copy
 * that verifies. An erase happens only after every valid page of the block was copied, so a power
 * loss at any point, mid-GC included, before or during a program or an erase ({@link PowerCut}),
 * loses nothing that was acknowledged; the write in flight reads old or new, never a torn page.
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
   * Java heap per physical page: out-of-band LPN, sequence and check word and the data word (28
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

  /** Physical state: survives power loss. */
  private final Nand nand;

  // DRAM state: lost at power loss, rebuilt by recover().
  /** Per block: pages programmed (or torn) so far; the next page to program. */
  private final int[] writePtr;
  /** Per logical page: pages on flash that read good and record it (not yet erased). */
  private final int[] copies;
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

  public Ftl(FlashConfig config) {
    HeapBudget.require("a device of " + config.blocks() + " blocks of " + config.pagesPerBlock() + " pages",
        heapBytes(config));
    this.c = config;
    this.ppb = config.pagesPerBlock();
    this.blocks = config.blocks();
    this.logical = config.logicalPages();
    this.wear = new WearTree(blocks, config.wearThreshold());
    this.random = new SplittableRandom(config.seed());
    this.nand = new Nand(blocks, ppb, config.seed());
    this.writePtr = new int[blocks];
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
    return content(l2p[(int) lpn]);
  }

  /** What a mapped physical page holds for the host: 0 for none or a tombstone. */
  private long content(long ppn) {
    return ppn < 0 || nand.data((int) ppn) == TOMBSTONE ? 0 : nand.data((int) ppn);
  }

  /**
   * Forgets logical page {@code lpn} (TRIM), durably: a tombstone page records the trim with a
   * sequence number, so that a power loss cannot bring back any older copy. Garbage collection
   * keeps a tombstone only while an older copy of the page is still on flash, and drops it once
   * none is: a trim then costs no space.
   */
  public void trim(long lpn) {
    checkLpn(lpn);
    if (content(l2p[(int) lpn]) == 0) {
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
    int ppn = b * ppb + writePtr[b];
    nand.program(b, writePtr[b]++, lpn, ++seq, content);
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
    for (int ppn = b * ppb; ppn < b * ppb + writePtr[b]; ppn++) {
      if (nand.read(ppn) == Nand.Read.GOOD) {
        copies[(int) nand.lpn(ppn)]--;
      }
    }
    nand.erase(b);
    wear.set(b, nand.eraseCount(b));
    writePtr[b] = 0;
    validCount[b] = 0;
    state[b] = FREE;
    erases++;
    free.free(b); // coalesces with free buddies of similar wear
  }

  /** Injects a power loss before the n-th next program or erase (n >= 1), recover()'s own included. */
  public void failAfter(long operations) {
    failAfter(operations, PowerCut.BEFORE);
  }

  /**
   * Injects a power loss at the n-th next program or erase (n >= 1), recover()'s own included:
   * before it, or during it (a torn page, a partially erased block).
   */
  public void failAfter(long operations, PowerCut cut) {
    nand.failAfter(operations, cut);
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
      long lpn = nand.lpn(base + p); // garbage on a torn page, which no mapping points to
      if (lpn >= 0 && lpn < logical && l2p[(int) lpn] == base + p) {
        if (nand.data(base + p) == TOMBSTONE && copies[(int) lpn] == 1) {
          l2p[(int) lpn] = -1; // no older copy left to hide: the trim record can go with the block
          continue;
        }
        int g = gcBlock();
        program(g, lpn, nand.data(base + p));
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
      if (state[b] == CLOSED && (best < 0 || nand.eraseCount(b) < nand.eraseCount(best))) {
        best = b;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ power loss

  /**
   * Rebuilds every DRAM structure from what survives on the {@link Nand}, and may itself lose power
   * at any of its flash operations: run again, it finishes the job (it is idempotent).
   *
   * <ol>
   *   <li>A block without its erase header (its erase was cut) is erased again, first: its pages,
   *       whatever they read, hold nothing to keep (an erase starts only once every valid page of
   *       the block was copied), and its cells may be half erased. These erases are recovery's only
   *       flash operations; a cut during one leaves that block for the next recovery to erase.
   *   <li>Every other block is scanned: its write pointer goes past its last page that does not
   *       read erased (a torn page included: it cannot be programmed before an erase); pages that
   *       read uncorrectable are skipped; each logical page maps to its highest-sequence good copy.
   *   <li>Blocks with pages are closed (one with a torn page is a GC victim like any other), erased
   *       ones freed through the wear rule.
   * </ol>
   */
  public void recover() {
    for (int b = 0; b < blocks; b++) {
      if (!nand.eraseCompleted(b)) {
        nand.erase(b);
      }
    }
    scan();
    // Every block taken, then the erased ones freed one by one: their merges go through the
    // wear rule, as they would have in service.
    free = newAllocator();
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
    hostBlock = -1;
    gcBlock = -1;
    superNext = 0;
    superCount = 0;
    lastLpn = -2;
  }

  /** Recovery's scan of every page: write pointers, good copies, the mapping, valid counts, wear. */
  private void scan() {
    long[] best = new long[(int) logical];
    Arrays.fill(best, -1);
    l2p = new long[(int) logical];
    Arrays.fill(l2p, -1);
    Arrays.fill(validCount, 0);
    Arrays.fill(copies, 0);
    seq = 0;
    for (int b = 0; b < blocks; b++) {
      wear.set(b, nand.eraseCount(b));
      writePtr[b] = 0;
      for (int ppn = b * ppb; ppn < (b + 1) * ppb; ppn++) {
        Nand.Read read = nand.read(ppn);
        if (read == Nand.Read.ERASED) {
          continue;
        }
        writePtr[b] = ppn - b * ppb + 1;
        if (read == Nand.Read.GOOD) {
          int lpn = (int) nand.lpn(ppn);
          seq = Math.max(seq, nand.seq(ppn));
          copies[lpn]++;
          if (nand.seq(ppn) > best[lpn]) {
            best[lpn] = nand.seq(ppn);
            l2p[lpn] = ppn;
          }
        }
      }
    }
    for (long lpn = 0; lpn < logical; lpn++) {
      if (l2p[(int) lpn] >= 0) {
        validCount[(int) (l2p[(int) lpn] / ppb)]++;
      }
    }
  }

  // ------------------------------------------------------------------ checks and metrics

  /**
   * Proves every logical page reads {@code expected[lpn]} (0 for never written); returns the
   * number of pages that do not (lost or stale). Also checks the mapping against the pages' OOB,
   * the valid counts and the free-block allocator (the DRAM half of {@link #checkInvariants()},
   * cheap enough to run every few garbage collections).
   */
  public long lostPages(long[] expected) {
    long lost = 0;
    for (long lpn = 0; lpn < logical; lpn++) {
      if (content(l2p[(int) lpn]) != expected[(int) lpn]) {
        lost++;
      }
    }
    checkCounts();
    return lost;
  }

  private void checkCounts() {
    int[] valid = new int[blocks];
    for (int lpn = 0; lpn < logical; lpn++) {
      long ppn = l2p[lpn];
      if (ppn >= 0) {
        valid[(int) (ppn / ppb)]++;
        if (nand.lpn((int) ppn) != lpn) {
          throw new IllegalStateException(
              "logical page " + lpn + " maps to page " + ppn + " of page " + nand.lpn((int) ppn));
        }
      }
    }
    for (int b = 0; b < blocks; b++) {
      if (valid[b] != validCount[b]) {
        throw new IllegalStateException("block " + b + " counts " + validCount[b] + " valid pages, has " + valid[b]);
      }
      if ((state[b] == FREE) != free.isFree(b) || state[b] == FREE && writePtr[b] > 0) {
        throw new IllegalStateException("block " + b + " state " + state[b] + " with " + writePtr[b]
            + " pages written disagrees with the allocator (free " + free.isFree(b) + ")");
      }
    }
    free.verify();
  }

  /**
   * The FTL's invariants, from the flash up: {@link #lostPages}'s checks, and every block's last
   * erase completed, its wear is in the wear tree and its pages past the write pointer read erased;
   * each logical page maps to its highest-sequence copy that reads good, or to nothing if it has
   * none (what {@link #recover()} would rebuild), and its copy count is its good copies on flash.
   * Reads every page: for tests and after recovery.
   *
   * @throws IllegalStateException naming the first that does not hold
   */
  void checkInvariants() {
    checkCounts();
    long[] best = new long[(int) logical];
    Arrays.fill(best, -1);
    int[] onFlash = new int[(int) logical];
    for (int b = 0; b < blocks; b++) {
      checkBlock(b, best, onFlash);
    }
    for (int lpn = 0; lpn < logical; lpn++) {
      long ppn = l2p[lpn];
      if (ppn >= 0 && nand.read((int) ppn) != Nand.Read.GOOD) {
        throw new IllegalStateException("logical page " + lpn + " maps to page " + ppn + ", which reads "
            + nand.read((int) ppn));
      }
      long mapped = ppn < 0 ? -1 : nand.seq((int) ppn);
      if (mapped != best[lpn] || copies[lpn] != onFlash[lpn]) {
        throw new IllegalStateException("logical page " + lpn + " maps to sequence " + mapped + " of "
            + copies[lpn] + " copies; flash has " + onFlash[lpn] + ", the newest sequence " + best[lpn]);
      }
    }
  }

  /** One block's part of {@link #checkInvariants()}; counts its good copies into the two arrays. */
  private void checkBlock(int b, long[] best, int[] onFlash) {
    if (!nand.eraseCompleted(b)) {
      throw new IllegalStateException("block " + b + " is in service though its erase did not complete");
    }
    if (wear.minOf(b, 0) != nand.eraseCount(b)) {
      throw new IllegalStateException("block " + b + " is erased " + nand.eraseCount(b) + " times, the wear tree says "
          + wear.minOf(b, 0));
    }
    for (int p = 0; p < ppb; p++) {
      int ppn = b * ppb + p;
      Nand.Read read = nand.read(ppn);
      if (p >= writePtr[b] && read != Nand.Read.ERASED) {
        throw new IllegalStateException("page " + p + " of block " + b + " reads " + read
            + " past the write pointer " + writePtr[b]);
      }
      if (read == Nand.Read.GOOD) {
        int lpn = (int) nand.lpn(ppn);
        onFlash[lpn]++;
        best[lpn] = Math.max(best[lpn], nand.seq(ppn));
      }
    }
  }

  /** Free blocks per order (the erase-block buddy system's buddyinfo). */
  public long[] buddyInfo() {
    return free.buddyInfo();
  }

  public int eraseCount(int block) {
    return nand.eraseCount(block);
  }

  public long gcRuns() {
    return gcRuns;
  }

  public FlashMetrics metrics() {
    double sum = 0;
    double sq = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int b = 0; b < blocks; b++) {
      int e = nand.eraseCount(b);
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
