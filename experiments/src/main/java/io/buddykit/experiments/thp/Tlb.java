package io.buddykit.experiments.thp;

/**
 * A second-level TLB shared by base and huge translations, as on x86 cores since Skylake (1536
 * entries, each holding one 4 KiB or one 2 MiB translation). Why a model: huge pages pay off
 * through reach, entries times page size, and this is where that product is computed.
 *
 * @param entries translations the TLB holds
 * @param basePageBytes the base page size (4 KiB)
 * @param hugePageBytes the huge page size (2 MiB: an order-9 block)
 */
public record Tlb(int entries, long basePageBytes, long hugePageBytes) {
  /** Skylake-and-later STLB entries (shared by 4 KiB and 2 MiB translations). */
  public static final int DEFAULT_ENTRIES = 1536;

  public Tlb {
    if (entries < 1) {
      throw new IllegalArgumentException("a TLB needs at least one entry, got " + entries);
    }
    if (basePageBytes < 1 || Long.bitCount(basePageBytes) != 1 || hugePageBytes <= basePageBytes
        || Long.bitCount(hugePageBytes) != 1) {
      throw new IllegalArgumentException("page sizes must be powers of two with huge > base: " + basePageBytes
          + ", " + hugePageBytes);
    }
  }

  /** Memory the TLB covers when every entry maps a base page. */
  public long baseReach() {
    return entries * basePageBytes;
  }

  /** Memory the TLB covers when every entry maps a huge page. */
  public long hugeReach() {
    return entries * hugePageBytes;
  }

  /**
   * Hit rate of uniform random accesses over {@code workingSetBytes} mapped by pages of {@code
   * pageBytes} alone: a fully associative TLB then holds {@code entries} of the equally likely
   * pages, whatever it evicts, so min(1, reach / working set).
   */
  public double uniformHitRate(long workingSetBytes, long pageBytes) {
    if (workingSetBytes < 1) {
      throw new IllegalArgumentException("working set must be >= 1 byte, got " + workingSetBytes);
    }
    return Math.min(1.0, (double) entries * pageBytes / workingSetBytes);
  }
}
