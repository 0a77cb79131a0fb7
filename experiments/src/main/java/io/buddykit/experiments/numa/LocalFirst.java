package io.buddykit.experiments.numa;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;

/**
 * Linux's default policy (MPOL_LOCAL): prefer the CPU's node, fall back to the other nodes by
 * distance when its zones are below their watermarks (the zonelist walk).
 */
public final class LocalFirst implements NumaPolicy {
  @Override
  public String name() {
    return "local-first";
  }

  @Override
  public long allocate(Machine machine, Gfp gfp, int order, int cpu, int tag) {
    return machine.allocPages(PageRequest.of(gfp, order).onCpu(cpu).tagged(tag));
  }

  @Override
  public int hugePageNode(Machine machine, int cpu) {
    return machine.nodeOfCpu(cpu);
  }
}
