package io.buddykit.sim;

import io.buddykit.core.FreeListOrder;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.boot.BootLayout;
import java.util.Arrays;

/**
 * The shape of a simulated machine: RAM per node, the SLIT distance matrix, CPUs per node, page
 * and block orders, the watermark tunables, whether per-CPU lists are in use, and the boot layout.
 *
 * @param nodeBytes RAM of each node, in bytes
 * @param distance SLIT distances, {@code distance[a][b]}: 10 on the diagonal
 * @param cpusPerNode CPUs of each node
 * @param pageShift log2 of the base page size (12: 4 KiB)
 * @param maxOrder MAX_PAGE_ORDER (10)
 * @param pageblockOrder pageblock_order (9: 2 MiB pageblocks)
 * @param minFreeKbytes vm.min_free_kbytes, or -1 for Linux's default from lowmem
 * @param watermarkScaleFactor vm.watermark_scale_factor (10 = 0.1% of the zone)
 * @param perCpuLists whether order 0-3 and pageblock-order pages go through per-CPU lists
 * @param boot firmware and kernel reservations at boot
 * @param mobilityGrouping grouping pages by mobility into pageblocks of one migratetype; off is
 *     Linux's page_group_by_mobility_disabled: every request uses the unmovable lists
 * @param fallbackGate which fallbacks into other migratetypes' pageblocks low-priority requests
 *     may take ({@link FallbackGate#LINUX} unless a what-if asks otherwise)
 * @param freeListOrder which free block of an order the zones' buddy allocators hand out: Linux's
 *     own lists ({@link FreeListOrder#LINUX}, the default), or the lowest address for pictures in
 *     which live blocks pack towards pfn 0
 */
public record MachineConfig(
    long[] nodeBytes,
    int[][] distance,
    int cpusPerNode,
    int pageShift,
    int maxOrder,
    int pageblockOrder,
    long minFreeKbytes,
    int watermarkScaleFactor,
    boolean perCpuLists,
    BootLayout boot,
    boolean mobilityGrouping,
    FallbackGate fallbackGate,
    FreeListOrder freeListOrder) {

  /** SLIT distance to the node itself. */
  public static final int LOCAL_DISTANCE = 10;
  /** SLIT distance between two sockets of a typical two-socket machine. */
  public static final int REMOTE_DISTANCE = 21;
  /** The smallest node {@link #of} makes: four MAX_PAGE_ORDER blocks of 4 KiB pages (16 MiB). */
  public static final long MIN_NODE_BYTES = 4L << 12 << 10;

  public MachineConfig {
    if (nodeBytes == null || nodeBytes.length == 0 || nodeBytes.length > 64) {
      throw new IllegalArgumentException("a machine has 1 to 64 nodes");
    }
    nodeBytes = nodeBytes.clone();
    if (pageShift < 9 || pageShift > 21) {
      throw new IllegalArgumentException("page shift " + pageShift + " outside 9..21");
    }
    if (maxOrder < 1 || maxOrder > 15 || pageblockOrder < 1 || pageblockOrder > maxOrder) {
      throw new IllegalArgumentException(
          "need 1 <= pageblock order (" + pageblockOrder + ") <= max order (" + maxOrder + ") <= 15");
    }
    for (long b : nodeBytes) {
      if (b % (1L << pageShift << maxOrder) != 0) {
        throw new IllegalArgumentException("node memory " + b
            + " bytes is not a whole number of MAX_PAGE_ORDER blocks (" + (1L << pageShift << maxOrder) + " bytes)");
      }
      if (b < (4L << pageShift << maxOrder)) {
        throw new IllegalArgumentException("node memory " + Sizes.format(b) + " is below the smallest node, "
            + Sizes.format(4L << pageShift << maxOrder) + " (four MAX_PAGE_ORDER blocks)");
      }
    }
    if (distance == null || distance.length != nodeBytes.length) {
      throw new IllegalArgumentException("distance matrix must be " + nodeBytes.length + " x " + nodeBytes.length);
    }
    int[][] d = new int[distance.length][];
    for (int a = 0; a < distance.length; a++) {
      if (distance[a].length != nodeBytes.length || distance[a][a] != LOCAL_DISTANCE) {
        throw new IllegalArgumentException("distance row " + a + " must have " + nodeBytes.length
            + " entries and " + LOCAL_DISTANCE + " on the diagonal: " + Arrays.toString(distance[a]));
      }
      for (int b = 0; b < distance.length; b++) {
        if (a != b && distance[a][b] <= LOCAL_DISTANCE) {
          throw new IllegalArgumentException("remote distance " + a + "->" + b + " must exceed " + LOCAL_DISTANCE);
        }
      }
      d[a] = distance[a].clone();
    }
    distance = d;
    if (cpusPerNode < 1 || cpusPerNode > 256) {
      throw new IllegalArgumentException("cpus per node " + cpusPerNode + " outside 1..256");
    }
    if (minFreeKbytes < -1 || watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
      throw new IllegalArgumentException("min_free_kbytes must be >= 0 (or -1) and watermark_scale_factor 1..3000");
    }
    if (perCpuLists && pageblockOrder <= PcpSizing.PAGE_ALLOC_COSTLY_ORDER) {
      throw new IllegalArgumentException("per-CPU lists need a pageblock order above "
          + PcpSizing.PAGE_ALLOC_COSTLY_ORDER + " (their THP list), not " + pageblockOrder);
    }
    if (boot == null) {
      throw new IllegalArgumentException("boot layout missing");
    }
    if (fallbackGate == null) {
      throw new IllegalArgumentException("fallback gate missing");
    }
    if (freeListOrder == null) {
      throw new IllegalArgumentException("free-list order missing");
    }
  }

  /** The configuration before the free-list order was a choice: Linux's lists. */
  public MachineConfig(long[] nodeBytes, int[][] distance, int cpusPerNode, int pageShift, int maxOrder,
      int pageblockOrder, long minFreeKbytes, int watermarkScaleFactor, boolean perCpuLists, BootLayout boot,
      boolean mobilityGrouping, FallbackGate fallbackGate) {
    this(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder, minFreeKbytes, watermarkScaleFactor,
        perCpuLists, boot, mobilityGrouping, fallbackGate, FreeListOrder.LINUX);
  }

  /** The configuration before {@link FallbackGate} existed: Linux's gate. */
  public MachineConfig(long[] nodeBytes, int[][] distance, int cpusPerNode, int pageShift, int maxOrder,
      int pageblockOrder, long minFreeKbytes, int watermarkScaleFactor, boolean perCpuLists, BootLayout boot,
      boolean mobilityGrouping) {
    this(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder, minFreeKbytes, watermarkScaleFactor,
        perCpuLists, boot, mobilityGrouping, FallbackGate.LINUX);
  }

  /**
   * {@code bytes} split evenly over {@code nodes} nodes, with Linux's defaults for the rest and a
   * boot layout that fits the node size ({@link BootLayout#forMemory}).
   */
  public static MachineConfig of(long bytes, int nodes) {
    if (nodes < 1 || nodes > 64) {
      throw new IllegalArgumentException("a machine has 1 to 64 nodes, not " + nodes);
    }
    if (bytes / nodes < MIN_NODE_BYTES) {
      throw new IllegalArgumentException("memory " + Sizes.format(bytes) + " over " + nodes
          + (nodes == 1 ? " node" : " nodes") + " is too small: each node needs at least "
          + Sizes.format(MIN_NODE_BYTES) + " (four 4 MiB MAX_PAGE_ORDER blocks)");
    }
    long[] each = new long[nodes];
    long per = (bytes / nodes) & -(4L << 20);
    Arrays.fill(each, per);
    int[][] d = new int[nodes][nodes];
    for (int a = 0; a < nodes; a++) {
      for (int b = 0; b < nodes; b++) {
        d[a][b] = a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
      }
    }
    return new MachineConfig(each, d, 2, 12, 10, 9, -1, 10, true, BootLayout.forMemory(per), true);
  }

  public MachineConfig withBoot(BootLayout layout) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, layout, mobilityGrouping, fallbackGate, freeListOrder);
  }

  public MachineConfig withPerCpuLists(boolean on) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, on, boot, mobilityGrouping, fallbackGate, freeListOrder);
  }

  public MachineConfig withMinFreeKbytes(long kbytes) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        kbytes, watermarkScaleFactor, perCpuLists, boot, mobilityGrouping, fallbackGate, freeListOrder);
  }

  public MachineConfig withMobilityGrouping(boolean on) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, boot, on, fallbackGate, freeListOrder);
  }

  /** The same machine with {@code gate} deciding low-priority requests' fallbacks. */
  public MachineConfig withFallbackGate(FallbackGate gate) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, boot, mobilityGrouping, gate, freeListOrder);
  }

  /**
   * The same machine with {@code order} choosing among free blocks of one order in every zone:
   * {@link FreeListOrder#LINUX} as the kernel, or {@link FreeListOrder#LOWEST_ADDRESS}.
   */
  public MachineConfig withFreeListOrder(FreeListOrder order) {
    return new MachineConfig(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, boot, mobilityGrouping, fallbackGate, order);
  }

  /** The same machine with {@code cpus} CPUs per node. */
  public MachineConfig withCpusPerNode(int cpus) {
    return new MachineConfig(nodeBytes, distance, cpus, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, boot, mobilityGrouping, fallbackGate, freeListOrder);
  }

  /** The same machine with {@code distance} as its SLIT matrix. */
  public MachineConfig withDistance(int[][] matrix) {
    return new MachineConfig(nodeBytes, matrix, cpusPerNode, pageShift, maxOrder, pageblockOrder,
        minFreeKbytes, watermarkScaleFactor, perCpuLists, boot, mobilityGrouping, fallbackGate, freeListOrder);
  }

  public int nodes() {
    return nodeBytes.length;
  }

  public long pageSize() {
    return 1L << pageShift;
  }

  @Override
  public long[] nodeBytes() {
    return nodeBytes.clone();
  }

  @Override
  public int[][] distance() {
    int[][] d = new int[distance.length][];
    for (int i = 0; i < d.length; i++) {
      d[i] = distance[i].clone();
    }
    return d;
  }

  /** The distance from node a to node b. */
  public int distance(int a, int b) {
    return distance[a][b];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MachineConfig c && Arrays.equals(nodeBytes, c.nodeBytes)
        && Arrays.deepEquals(distance, c.distance) && cpusPerNode == c.cpusPerNode
        && pageShift == c.pageShift && maxOrder == c.maxOrder && pageblockOrder == c.pageblockOrder
        && minFreeKbytes == c.minFreeKbytes && watermarkScaleFactor == c.watermarkScaleFactor
        && perCpuLists == c.perCpuLists && boot.equals(c.boot) && mobilityGrouping == c.mobilityGrouping
        && fallbackGate == c.fallbackGate && freeListOrder == c.freeListOrder;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nodeBytes) * 31 + Arrays.deepHashCode(distance);
  }

  @Override
  public String toString() {
    return "MachineConfig" + Arrays.toString(nodeBytes) + " nodes, " + cpusPerNode + " cpus/node, page 2^"
        + pageShift + ", orders 0.." + maxOrder + ", pageblock " + pageblockOrder;
  }
}
