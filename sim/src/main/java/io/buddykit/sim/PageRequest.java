package io.buddykit.sim;

import java.util.Objects;

/**
 * A request for {@link Machine#allocPages(PageRequest)}: what Linux's alloc_pages_node is given
 * (gfp mask, order, preferred node) with the CPU the request runs on, the owner tag the machine
 * records for the block and whether the pages are page cache. The defaults are CPU 0, that CPU's
 * node, tag 0 and not page cache; each wither returns a changed copy:
 * {@code PageRequest.of(Gfp.GFP_KERNEL, 0).onCpu(cpu).tagged(tag)}. The machine checks the order,
 * CPU and node against its configuration.
 *
 * @param gfp the request's mask
 * @param order log2 of the pages wanted
 * @param cpu the CPU whose per-CPU lists serve the request (and whose node is the default)
 * @param nid the preferred node, or {@link #NUMA_NO_NODE} for the node of {@code cpu}
 * @param tag the owner recorded for the block, named in the listener's migrated and reclaimed calls
 * @param reclaimable page cache: reclaim may take it back (telling the listener)
 */
public record PageRequest(Gfp gfp, int order, int cpu, int nid, int tag, boolean reclaimable) {
  /** No preferred node: the node of the request's CPU (numa_node_id()), as in Linux. */
  public static final int NUMA_NO_NODE = -1;

  public PageRequest {
    Objects.requireNonNull(gfp, "gfp");
  }

  /** A request for {@code 2^order} pages with {@code gfp}, from CPU 0 on its node, tag 0. */
  public static PageRequest of(Gfp gfp, int order) {
    return new PageRequest(gfp, order, 0, NUMA_NO_NODE, 0, false);
  }

  /** This request made on {@code cpu}. */
  public PageRequest onCpu(int cpu) {
    return new PageRequest(gfp, order, cpu, nid, tag, reclaimable);
  }

  /** This request preferring node {@code nid}; the zonelist still falls back unless __GFP_THISNODE. */
  public PageRequest preferNode(int nid) {
    return new PageRequest(gfp, order, cpu, nid, tag, reclaimable);
  }

  /** This request with the owner tag {@code tag}. */
  public PageRequest tagged(int tag) {
    return new PageRequest(gfp, order, cpu, nid, tag, reclaimable);
  }

  /** This request for page cache when {@code reclaimable}, which reclaim may take back. */
  public PageRequest reclaimable(boolean reclaimable) {
    return new PageRequest(gfp, order, cpu, nid, tag, reclaimable);
  }
}
