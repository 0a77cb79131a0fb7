package io.buddykit.flash;

import io.buddykit.scenario.Scenario;
import io.buddykit.trace.block.BlockTraceFormat;
import java.nio.file.Path;

/**
 * Drives an {@link Ftl} as a host would and keeps the host's own record of what each logical page
 * must read (its latest acknowledged content), so that the FTL can be made to prove it: after
 * every garbage collection (every {@code checkEvery}-th one; 1 checks them all) and at the end.
 * First fills every logical page once in order (preconditioning, as real drives are measured).
 */
public final class FlashRun {
  private final Ftl ftl;
  private final long[] expected;
  private final long checkEvery;
  private long version;
  private long lastCheckedGc;
  private long lost;

  public FlashRun(Ftl ftl, long checkEvery) {
    if (checkEvery < 1) {
      throw new IllegalArgumentException("checkEvery must be at least 1, got " + checkEvery);
    }
    this.ftl = ftl;
    this.expected = new long[(int) ftl.logicalPages()];
    this.checkEvery = checkEvery;
  }

  /** Content of a write: a checksum of (page, version), never 0 (0 reads as unwritten). */
  static long content(long lpn, long version) {
    long h = (lpn + 1) * 0x9E3779B97F4A7C15L ^ version * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }

  /** Writes one page and records it once the FTL has acknowledged it. */
  public void write(long lpn) {
    long c = content(lpn, ++version);
    ftl.write(lpn, c);
    expected[(int) lpn] = c; // acknowledged
    if (ftl.gcRuns() >= lastCheckedGc + checkEvery) {
      lastCheckedGc = ftl.gcRuns();
      lost = Math.max(lost, ftl.lostPages(expected));
    }
  }

  /** Trims one page. */
  public void trim(long lpn) {
    ftl.trim(lpn);
    expected[(int) lpn] = 0;
  }

  /** Reads one page and counts it lost if it does not hold what was last written. */
  public boolean read(long lpn) {
    boolean ok = ftl.read(lpn) == expected[(int) lpn];
    if (!ok) {
      lost++;
    }
    return ok;
  }

  /** Writes every logical page once, in order. */
  public void precondition() {
    for (long lpn = 0; lpn < ftl.logicalPages(); lpn++) {
      write(lpn);
    }
  }

  /** The most host writes one run takes, as the flash scenario's {@code writes}: minutes of work. */
  public static final long MAX_WRITES = 100_000_000;

  /**
   * Runs {@code writes} host writes from the workload.
   *
   * @throws IllegalArgumentException if {@code writes} is outside 0..{@link #MAX_WRITES}
   */
  public void run(HostWrites w, long writes) {
    if (writes < 0 || writes > MAX_WRITES) {
      throw new IllegalArgumentException("writes " + writes + " outside 0.." + MAX_WRITES);
    }
    for (long i = 0; i < writes; i++) {
      if ((i & 0xfff) == 0) {
        Scenario.checkInterrupted();
      }
      write(w.next());
    }
  }

  /**
   * Replays a block trace: each request's byte range becomes the logical pages it touches (page
   * size from the config), folded into the device's logical space; writes write, reads check,
   * trims trim. Returns the number of requests replayed.
   *
   * @throws io.buddykit.trace.TraceParseException naming the file and line of a request larger than
   *     the device's logical space (folding it would touch every page once per lap, for ever)
   */
  public long replay(Path file, BlockTraceFormat format, int pageBytes) {
    long pages = ftl.logicalPages();
    long deviceBytes = pages * pageBytes;
    return format.read(file, req -> {
      if (req.sizeBytes() > deviceBytes) {
        throw new IllegalArgumentException("a request of " + req.sizeBytes() + " bytes is larger than the device's "
            + deviceBytes + " logical bytes");
      }
      long first = req.offsetBytes() / pageBytes;
      long last = (req.offsetBytes() + req.sizeBytes() - 1) / pageBytes;
      for (long p = first; p <= last; p++) {
        long lpn = Math.floorMod(p, pages);
        switch (req.op()) {
          case WRITE -> write(lpn);
          case READ -> read(lpn);
          case TRIM -> trim(lpn);
        }
      }
    }, false).events();
  }

  /** The pages that do not read their latest acknowledged content now (must be 0). */
  public long lostPages() {
    return Math.max(lost, ftl.lostPages(expected));
  }

  /** The host's record, for power-loss checks. */
  long[] expected() {
    return expected;
  }

  public Ftl ftl() {
    return ftl;
  }
}
