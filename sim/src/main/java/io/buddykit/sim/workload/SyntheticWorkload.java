package io.buddykit.sim.workload;

import io.buddykit.sim.Machine;
import java.util.SplittableRandom;

/**
 * A stationary mix of allocations: each step frees the objects whose lifetime ran out, then
 * allocates fresh ones (order, kind and lifetime drawn from the config) until the workload holds
 * its share of memory or has made its attempts for the step. The baseline load, against which
 * the aging workload's fragmentation stands out.
 */
final class SyntheticWorkload implements Workload {
  private final String name;
  private final SyntheticConfig config;
  private final MachineClient client;
  private final SplittableRandom random;
  private final Weights orders;
  private final Weights kinds;
  private final Expiries expiries = new Expiries();
  private final long targetPages;

  public SyntheticWorkload(Machine machine, SyntheticConfig config, long seed) {
    this("synthetic", machine, config, seed);
  }

  /** A synthetic workload reporting {@code name} (for presets built on it). */
  public SyntheticWorkload(String name, Machine machine, SyntheticConfig config, long seed) {
    int maxOrder = machine.config().maxOrder();
    if (config.orderWeights().size() > maxOrder + 1) {
      throw new IllegalArgumentException("order weights go to order " + (config.orderWeights().size() - 1)
          + " but the machine's largest order is " + maxOrder);
    }
    this.name = name;
    this.config = config;
    this.random = new SplittableRandom(seed);
    this.client = new MachineClient(machine, config.cpuPolicy(), random.split());
    this.orders = new Weights(config.orderWeights());
    this.kinds = new Weights(config.kindWeightList());
    this.targetPages = (long) (config.occupancy() * machine.managedPages());
  }

  @Override
  public String name() {
    return name;
  }

  public SyntheticConfig config() {
    return config;
  }

  @Override
  public void step(long step) {
    expiries.freeDue(step, client);
    Holdings h = client.holdings();
    for (int i = 0; i < config.eventsPerStep() && h.pages() < targetPages; i++) {
      int tag = client.allocate(PageKind.of(kinds.draw(random)), orders.draw(random));
      if (tag >= 0) {
        expiries.schedule(tag, step, config.lifetime().draw(random));
      }
    }
  }

  @Override
  public long steps() {
    return config.steps();
  }

  @Override
  public MachineClient client() {
    return client;
  }
}
