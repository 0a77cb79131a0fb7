package io.buddykit.experiments.dma;

/**
 * A buffer a device reads or writes by physical address: {@code 2^order} pages from {@code pfn}.
 * Why a record: the properties a device needs (contiguity, alignment, address limit) follow from
 * these two numbers alone.
 */
public record DmaBuffer(long pfn, int order) {
  public DmaBuffer {
    if (pfn < 0 || order < 0 || order > 30) {
      throw new IllegalArgumentException("buffer at pfn " + pfn + " of order " + order);
    }
  }

  public long pages() {
    return 1L << order;
  }

  /** One past the last pfn. */
  public long endPfn() {
    return pfn + pages();
  }

  /** True when the buffer starts on a multiple of its own size (a buddy block always does). */
  public boolean naturallyAligned() {
    return (pfn & (pages() - 1)) == 0;
  }

  /** True when every page lies below {@code limitPfn} (a device's addressing limit). */
  public boolean below(long limitPfn) {
    return endPfn() <= limitPfn;
  }
}
