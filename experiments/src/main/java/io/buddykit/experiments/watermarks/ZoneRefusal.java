package io.buddykit.experiments.watermarks;

/**
 * Where one zone stopped serving during a fill: its marks, the reserve it keeps from requests that
 * could have used a higher zone, and its free pages when GFP_NOWAIT and then GFP_ATOMIC were refused.
 *
 * @param lowmemReserve pages kept back from requests whose highest zone is the request's own
 *     (Normal for GFP_NOWAIT and GFP_ATOMIC)
 * @param freeAtNowaitRefusal free pages once GFP_NOWAIT was refused
 * @param freeAtAtomicRefusal free pages once GFP_ATOMIC was refused too
 */
public record ZoneRefusal(String zone, long min, long low, long high, long lowmemReserve,
    long freeAtNowaitRefusal, long freeAtAtomicRefusal) {

  /** Pages GFP_ATOMIC took below where GFP_NOWAIT stopped. */
  public long atomicPages() {
    return freeAtNowaitRefusal - freeAtAtomicRefusal;
  }
}
