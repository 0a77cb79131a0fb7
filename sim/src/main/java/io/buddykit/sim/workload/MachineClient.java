package io.buddykit.sim.workload;

import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import java.util.SplittableRandom;

/**
 * A workload's hands on a machine: allocates and frees through the machine while keeping its
 * {@link Holdings} exact, spreads requests over CPUs, and counts failed allocations instead of
 * throwing, as a kernel caller would see NULL and carry on.
 *
 * <p>Installs its holdings as the machine's listener: one client (one workload) per machine.
 * Public as {@link Workload#client()}'s type.
 */
public final class MachineClient {
  private final Machine machine;
  private final Holdings holdings = new Holdings();
  private final CpuPolicy cpuPolicy;
  private final SplittableRandom random;
  private final int cpus;
  private final int pageblockOrder;
  private int nextCpu;
  private long allocations;
  private long frees;
  private final long[] failuresByKind = new long[PageKind.count()];

  /** @param random the workload's generator; used only under {@link CpuPolicy#RANDOM} */
  public MachineClient(Machine machine, CpuPolicy cpuPolicy, SplittableRandom random) {
    this.machine = machine;
    this.cpuPolicy = cpuPolicy;
    this.random = random;
    this.cpus = machine.config().nodes() * machine.config().cpusPerNode();
    this.pageblockOrder = machine.config().pageblockOrder();
    machine.setListener(holdings);
  }

  public Machine machine() {
    return machine;
  }

  public Holdings holdings() {
    return holdings;
  }

  private int cpu() {
    if (cpuPolicy == CpuPolicy.RANDOM) {
      return random.nextInt(cpus);
    }
    int c = nextCpu;
    nextCpu = (nextCpu + 1) % cpus;
    return c;
  }

  /** Allocates a block of {@code order} for {@code kind}; returns its tag, or -1 when it failed. */
  public int allocate(PageKind kind, int order) {
    int tag = holdings.reserve();
    PageRequest request = PageRequest.of(kind.gfp(order, pageblockOrder), order).onCpu(cpu()).tagged(tag);
    long pfn = machine.allocPages(request.reclaimable(kind.reclaimable()));
    if (pfn < 0) {
      holdings.cancel(tag);
      failuresByKind[kind.ordinal()]++;
      return -1;
    }
    holdings.add(tag, pfn, order, kind);
    allocations++;
    return tag;
  }

  /** Frees the block {@code tag} holds, from some CPU (not necessarily the allocating one). */
  public void free(int tag) {
    long pfn = holdings.pfn(tag);
    holdings.remove(tag);
    machine.freePages(pfn, cpu());
    frees++;
  }

  /** Frees every block held. */
  public void freeAll() {
    for (PageKind k : PageKind.values()) {
      while (holdings.count(k) > 0) {
        free(holdings.tag(k, holdings.count(k) - 1));
      }
    }
  }

  /** Allocations that succeeded. */
  public long allocations() {
    return allocations;
  }

  /** Frees the client made (reclaim's are in {@link Holdings#reclaims()}). */
  public long frees() {
    return frees;
  }

  /** Allocations that failed. */
  public long failures() {
    long n = 0;
    for (long f : failuresByKind) {
      n += f;
    }
    return n;
  }

  /** Allocations of {@code kind} that failed. */
  public long failures(PageKind kind) {
    return failuresByKind[kind.ordinal()];
  }
}
