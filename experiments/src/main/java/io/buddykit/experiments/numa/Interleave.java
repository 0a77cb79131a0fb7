package io.buddykit.experiments.numa;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;

/**
 * MPOL_INTERLEAVE: each allocation prefers the next node round-robin, whatever the CPU, so that
 * memory and bandwidth spread evenly; the allocator still falls back when that node is full.
 * Huge page faults take their turn too.
 */
public final class Interleave implements NumaPolicy {
  private int next;

  @Override
  public String name() {
    return "interleave";
  }

  @Override
  public long allocate(Machine machine, Gfp gfp, int order, int cpu, int tag) {
    return machine.allocPages(PageRequest.of(gfp, order).onCpu(cpu).preferNode(nextNode(machine)).tagged(tag));
  }

  @Override
  public int hugePageNode(Machine machine, int cpu) {
    return nextNode(machine);
  }

  private int nextNode(Machine machine) {
    int nid = next;
    next = (next + 1) % machine.config().nodes();
    return nid;
  }
}
