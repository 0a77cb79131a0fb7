package io.buddykit.flash;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The NAND device under the {@link Ftl}: everything that survives a power loss, and the one place
 * power is lost.
 *
 * <p>Per page: a data word (a checksum of the page's data) and its out-of-band area, the logical
 * page, a sequence number and a check word over the three (the OOB CRC and ECC of a real page). A
 * page reads {@link Read#ERASED} (all cells erased, check word 0), {@link Read#GOOD} (the check word
 * verifies) or {@link Read#UNCORRECTABLE} (it does not: a torn program or a partial erase left it;
 * its content must not be trusted). Per block: its erase count (the drive's wear table, kept where a
 * power loss does not reach it) and an erase header written as the last step of an erase, as UBI
 * writes its EC header (drivers/mtd/ubi/wl.c, sync_erase, ubi_sync_erase in recent kernels:
 * ubi_io_sync_erase, then ubi_io_write_ec_hdr). A block without it may hold cells left half erased
 * however its pages read, and must be erased again before use, as UBI's scan_peb
 * (drivers/mtd/ubi/attach.c, Linux 6.x) puts a block whose EC header reads empty on its erase list.
 *
 * <p>A program needs an erased page; an erase resets a whole block. {@link #failAfter} arms a power
 * loss at the n-th next program or erase, before or during it ({@link PowerCut}). Not modelled: a
 * cut program that disturbs an already programmed paired page (MLC lower pages), ECC miscorrection
 * (a torn page always reads uncorrectable, never as valid data), bad blocks and read disturb.
 */
final class Nand {
  /** What reading a page gives. */
  enum Read {
    ERASED,
    GOOD,
    UNCORRECTABLE
  }

  private final int ppb;
  private final int[] eraseCount;
  /** Per block: the erase header (written when an erase completed) is there and verifies. */
  private final boolean[] eraseHeader;
  private final long[] lpn;
  private final long[] seq;
  private final long[] data;
  private final int[] check;
  /** Chooses what a cut leaves in the cells; drawn from only when a cut lands. */
  private final SplittableRandom cells;
  private long countdown = -1;
  private PowerCut cut = PowerCut.BEFORE;

  /** A factory-fresh device: every block erased, with its erase header, erase count 0. */
  Nand(int blocks, int pagesPerBlock, long seed) {
    this.ppb = pagesPerBlock;
    int pages = blocks * pagesPerBlock;
    this.eraseCount = new int[blocks];
    this.eraseHeader = new boolean[blocks];
    Arrays.fill(eraseHeader, true);
    this.lpn = new long[pages];
    this.seq = new long[pages];
    this.data = new long[pages];
    this.check = new int[pages];
    Arrays.fill(lpn, -1);
    this.cells = new SplittableRandom(seed ^ 0x7A3D_F1A5_0C0FL);
  }

  /**
   * The OOB check word over a page's logical page, sequence and data: a 32-bit mix standing for the
   * CRC and ECC a real controller stores; never 0, which marks an erased page.
   */
  static int checkWord(long lpn, long seq, long data) {
    long h = (lpn + 1) * 0x9E3779B97F4A7C15L + seq;
    h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L + data;
    h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL;
    int w = (int) (h ^ (h >>> 31));
    return w == 0 ? 1 : w;
  }

  Read read(int ppn) {
    if (check[ppn] == 0) {
      return Read.ERASED;
    }
    return check[ppn] == checkWord(lpn[ppn], seq[ppn], data[ppn]) ? Read.GOOD : Read.UNCORRECTABLE;
  }

  /** The out-of-band logical page; trustworthy only when the page reads {@link Read#GOOD}. */
  long lpn(int ppn) {
    return lpn[ppn];
  }

  long seq(int ppn) {
    return seq[ppn];
  }

  long data(int ppn) {
    return data[ppn];
  }

  int eraseCount(int block) {
    return eraseCount[block];
  }

  /** Whether block b's last erase completed (its erase header is there). */
  boolean eraseCompleted(int block) {
    return eraseHeader[block];
  }

  /** Programs erased page p of block b. A power cut during it leaves the page torn. */
  void program(int b, int p, long l, long s, long d) {
    int ppn = b * ppb + p;
    if (check[ppn] != 0 || !eraseHeader[b]) {
      throw new IllegalStateException(
          "page " + p + " of block " + b + " is not erased: NAND programs only erased pages");
    }
    if (cutNow()) {
      if (cut == PowerCut.DURING) {
        tear(ppn, l, s, d);
      }
      throw new PowerLoss("power lost " + where() + " the program of page " + p + " of block " + b
          + " (sequence " + s + ")");
    }
    lpn[ppn] = l;
    seq[ppn] = s;
    data[ppn] = d;
    check[ppn] = checkWord(l, s, d);
  }

  /** Erases block b and writes its erase header. A power cut during it leaves the block partially erased. */
  void erase(int b) {
    if (cutNow()) {
      if (cut == PowerCut.DURING) {
        partialErase(b);
      }
      throw new PowerLoss("power lost " + where() + " the erase of block " + b);
    }
    eraseCount[b]++;
    Arrays.fill(lpn, b * ppb, (b + 1) * ppb, -1);
    Arrays.fill(seq, b * ppb, (b + 1) * ppb, 0);
    Arrays.fill(data, b * ppb, (b + 1) * ppb, 0);
    Arrays.fill(check, b * ppb, (b + 1) * ppb, 0);
    eraseHeader[b] = true;
  }

  /** Arms a power loss at the n-th next program or erase (n >= 1), {@code where} in it. */
  void failAfter(long operations, PowerCut where) {
    if (operations < 1) {
      throw new IllegalArgumentException("operations must be at least 1, got " + operations);
    }
    if (where == null) {
      throw new IllegalArgumentException("a power cut needs a place: BEFORE or DURING");
    }
    countdown = operations;
    cut = where;
  }

  private boolean cutNow() {
    if (countdown > 0 && --countdown == 0) {
      countdown = -1;
      return true;
    }
    return false;
  }

  private String where() {
    return cut == PowerCut.DURING ? "during" : "before";
  }

  /**
   * A torn page: each OOB field and the data word hold the intended value or garbage (the cells
   * got part of their charge), and the check word verifies neither, nor reads as erased.
   */
  private void tear(int ppn, long l, long s, long d) {
    lpn[ppn] = cells.nextBoolean() ? l : cells.nextLong();
    seq[ppn] = cells.nextBoolean() ? s : cells.nextLong();
    data[ppn] = cells.nextBoolean() ? d : cells.nextLong();
    garbleCheck(ppn);
  }

  /**
   * A partially erased block: the erase pulse wore the cells (the erase counts) and wiped the erase
   * header; each page is now erased, still holds its old data, or reads uncorrectable.
   */
  private void partialErase(int b) {
    eraseCount[b]++;
    eraseHeader[b] = false;
    for (int ppn = b * ppb; ppn < (b + 1) * ppb; ppn++) {
      switch (cells.nextInt(3)) {
        case 0 -> wipe(ppn);
        case 1 -> { } // the old cells held
        default -> {
          data[ppn] = cells.nextLong();
          garbleCheck(ppn);
        }
      }
    }
  }

  private void garbleCheck(int ppn) {
    int good = checkWord(lpn[ppn], seq[ppn], data[ppn]);
    int w;
    do {
      w = cells.nextInt();
    } while (w == 0 || w == good);
    check[ppn] = w;
  }

  private void wipe(int ppn) {
    lpn[ppn] = -1;
    seq[ppn] = 0;
    data[ppn] = 0;
    check[ppn] = 0;
  }
}
