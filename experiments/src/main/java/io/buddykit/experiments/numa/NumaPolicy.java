package io.buddykit.experiments.numa;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;

/**
 * A NUMA memory policy: which node a thread's page allocation is placed on (Linux's mempolicy
 * plus the allocator's node fallback). Policies may keep state (interleave's next node), so each
 * run gets its own instance.
 */
public interface NumaPolicy {
  /** The name the scenario reports, e.g. {@code local-first}. */
  String name();

  /**
   * Allocates {@code 2^order} pages for a thread running on {@code cpu}, owned by {@code tag};
   * returns the pfn, or -1 when no node could serve it.
   */
  long allocate(Machine machine, Gfp gfp, int order, int cpu, int tag);

  /** The node a huge page fault of a thread on {@code cpu} tries (with __GFP_THISNODE). */
  int hugePageNode(Machine machine, int cpu);
}
