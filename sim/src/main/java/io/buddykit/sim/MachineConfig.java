package io.buddykit.sim;

import io.buddykit.core.FreeListOrder;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.boot.BootLayout;
import java.util.Arrays;
import java.util.function.Consumer;

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
 * @param minFreeKbytes vm.min_free_kbytes as written to the sysctl, or -1 for Linux's value at boot: the
 *     default from lowmem, raised by khugepaged when {@code thp} runs it
 * @param watermarkScaleFactor vm.watermark_scale_factor (10 = 0.1% of the zone)
 * @param perCpuLists whether order 0-3 and pageblock-order pages go through per-CPU lists
 * @param boot firmware and kernel reservations at boot
 * @param mobilityGrouping grouping pages by mobility into pageblocks of one migratetype; off is
 *     Linux's page_group_by_mobility_disabled: every request uses the unmovable lists
 * @param fallbackGate which fallbacks into other migratetypes' pageblocks low-priority requests
 *     may take ({@link FallbackGate#LINUX} unless a what-if asks otherwise)
 * @param thp the transparent huge page mode ({@link Thp#MADVISE}, this project's test machine's
 *     and most distributions' default, unless asked otherwise)
 * @param watermarkBoostFactor vm.watermark_boost_factor: the most a fragmenting fallback may boost
 *     a zone's watermarks, in 1/10000 of the high mark (15000, Linux's default; 0 turns boosting off)
 * @param compactionProactiveness vm.compaction_proactiveness, 0..100: how far below 100 kcompactd
 *     keeps each node's fragmentation score (20, Linux's default; 0 turns proactive compaction off)
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
    Thp thp,
    int watermarkBoostFactor,
    int compactionProactiveness,
    FreeListOrder freeListOrder) {

  /** SLIT distance to the node itself. */
  public static final int LOCAL_DISTANCE = 10;
  /** SLIT distance between two sockets of a typical two-socket machine. */
  public static final int REMOTE_DISTANCE = 21;
  /** The smallest node {@link #of} makes: four MAX_PAGE_ORDER blocks of 4 KiB pages (16 MiB). */
  public static final long MIN_NODE_BYTES = 4L << 12 << 10;
  /** vm.watermark_boost_factor's default (mm/page_alloc.c, 6.12 and 7.3). */
  public static final int DEFAULT_WATERMARK_BOOST_FACTOR = 15000;
  /** vm.compaction_proactiveness's default (mm/compaction.c, 6.12 and 7.3). */
  public static final int DEFAULT_COMPACTION_PROACTIVENESS = 20;
  /** The largest vm.min_free_kbytes the model takes: 1 GiB, far above any default. */
  public static final long MAX_MIN_FREE_KBYTES = 1L << 20;

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
    checkTunables(minFreeKbytes, watermarkScaleFactor, watermarkBoostFactor, compactionProactiveness, thp);
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

  /** The vm sysctls' own bounds, and a THP mode. */
  private static void checkTunables(long minFreeKbytes, int watermarkScaleFactor, int watermarkBoostFactor,
      int compactionProactiveness, Thp thp) {
    if (minFreeKbytes < -1 || minFreeKbytes > MAX_MIN_FREE_KBYTES) {
      throw new IllegalArgumentException("min_free_kbytes " + minFreeKbytes + " outside 0.." + MAX_MIN_FREE_KBYTES);
    }
    if (watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) { // the sysctl's own bounds
      throw new IllegalArgumentException("watermark_scale_factor " + watermarkScaleFactor + " outside 1..3000");
    }
    if (watermarkBoostFactor < 0) { // the sysctl's SYSCTL_ZERO minimum; it has no maximum
      throw new IllegalArgumentException("watermark_boost_factor " + watermarkBoostFactor + " is negative");
    }
    if (compactionProactiveness < 0 || compactionProactiveness > 100) { // the sysctl's bounds
      throw new IllegalArgumentException("compaction_proactiveness " + compactionProactiveness + " outside 0..100");
    }
    if (thp == null) {
      throw new IllegalArgumentException("transparent huge page mode missing");
    }
  }

  /** The configuration before {@link FallbackGate} existed: Linux's gate. */
  public MachineConfig(long[] nodeBytes, int[][] distance, int cpusPerNode, int pageShift, int maxOrder,
      int pageblockOrder, long minFreeKbytes, int watermarkScaleFactor, boolean perCpuLists, BootLayout boot,
      boolean mobilityGrouping) {
    this(nodeBytes, distance, cpusPerNode, pageShift, maxOrder, pageblockOrder, minFreeKbytes, watermarkScaleFactor,
        perCpuLists, boot, mobilityGrouping, FallbackGate.LINUX, Thp.MADVISE, DEFAULT_WATERMARK_BOOST_FACTOR,
        DEFAULT_COMPACTION_PROACTIVENESS, FreeListOrder.LINUX);
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

  /** The same machine with {@code layout} reserved at boot. */
  public MachineConfig withBoot(BootLayout layout) {
    return copy(c -> c.boot = layout);
  }

  /** The same machine with per-CPU lists in use or not. */
  public MachineConfig withPerCpuLists(boolean on) {
    return copy(c -> c.perCpuLists = on);
  }

  /** The same machine with vm.min_free_kbytes {@code kbytes} (-1: Linux's value at boot). */
  public MachineConfig withMinFreeKbytes(long kbytes) {
    return copy(c -> c.minFreeKbytes = kbytes);
  }

  /** The same machine with grouping by mobility on or off (page_group_by_mobility_disabled). */
  public MachineConfig withMobilityGrouping(boolean on) {
    return copy(c -> c.mobilityGrouping = on);
  }

  /** The same machine with {@code gate} deciding low-priority requests' fallbacks. */
  public MachineConfig withFallbackGate(FallbackGate gate) {
    return copy(c -> c.fallbackGate = gate);
  }

  /** The same machine with {@code cpus} CPUs per node. */
  public MachineConfig withCpusPerNode(int cpus) {
    return copy(c -> c.cpusPerNode = cpus);
  }

  /** The same machine with {@code distance} as its SLIT matrix. */
  public MachineConfig withDistance(int[][] matrix) {
    return copy(c -> c.distance = matrix);
  }

  /**
   * The same machine with {@code order} choosing among free blocks of one order in every zone:
   * {@link FreeListOrder#LINUX} as the kernel, or {@link FreeListOrder#LOWEST_ADDRESS}.
   */
  public MachineConfig withFreeListOrder(FreeListOrder order) {
    return copy(c -> c.freeListOrder = order);
  }

  /** The same machine with THP in {@code mode}. */
  public MachineConfig withThp(Thp mode) {
    return copy(c -> c.thp = mode);
  }

  /** The same machine with vm.watermark_scale_factor {@code factor}. */
  public MachineConfig withWatermarkScaleFactor(int factor) {
    return copy(c -> c.watermarkScaleFactor = factor);
  }

  /** The same machine with vm.watermark_boost_factor {@code factor} (0: no boosting). */
  public MachineConfig withWatermarkBoostFactor(int factor) {
    return copy(c -> c.watermarkBoostFactor = factor);
  }

  /** The same machine with vm.compaction_proactiveness {@code proactiveness} (0: none). */
  public MachineConfig withCompactionProactiveness(int proactiveness) {
    return copy(c -> c.compactionProactiveness = proactiveness);
  }

  /** This machine with one component changed by {@code change}, checked again by the constructor. */
  private MachineConfig copy(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new MachineConfig(c.nodeBytes, c.distance, c.cpusPerNode, pageShift, maxOrder, pageblockOrder,
        c.minFreeKbytes, c.watermarkScaleFactor, c.perCpuLists, c.boot, c.mobilityGrouping, c.fallbackGate, c.thp,
        c.watermarkBoostFactor, c.compactionProactiveness, c.freeListOrder);
  }

  /** The components the with-ers change, as a mutable copy: one place lists them for all with-ers. */
  private static final class Copy {
    long[] nodeBytes;
    int[][] distance;
    int cpusPerNode;
    long minFreeKbytes;
    int watermarkScaleFactor;
    boolean perCpuLists;
    BootLayout boot;
    boolean mobilityGrouping;
    FallbackGate fallbackGate;
    Thp thp;
    int watermarkBoostFactor;
    int compactionProactiveness;
    FreeListOrder freeListOrder;

    Copy(MachineConfig m) {
      nodeBytes = m.nodeBytes;
      distance = m.distance;
      cpusPerNode = m.cpusPerNode;
      minFreeKbytes = m.minFreeKbytes;
      watermarkScaleFactor = m.watermarkScaleFactor;
      perCpuLists = m.perCpuLists;
      boot = m.boot;
      mobilityGrouping = m.mobilityGrouping;
      fallbackGate = m.fallbackGate;
      thp = m.thp;
      watermarkBoostFactor = m.watermarkBoostFactor;
      compactionProactiveness = m.compactionProactiveness;
      freeListOrder = m.freeListOrder;
    }
  }

  public int nodes() {
    return nodeBytes.length;
  }

  /**
   * Java heap the engine takes per page frame: the owner table's 6 bytes, the zone allocator's
   * head word and free-list links (10.1 bytes with {@link FreeListOrder#LINUX}), and what boot
   * and the per-CPU lists grow on top. Measured, with margin: a 64 GiB machine (16 M pages) boots
   * and runs a step in a 600 MiB heap and fails in a 400 MiB one, about 30 bytes a page at the peak.
   */
  public static final long HEAP_BYTES_PER_PAGE = 40;

  /** The RAM of all nodes, in bytes. */
  public long totalBytes() {
    long sum = 0;
    for (long b : nodeBytes) {
      sum += b;
    }
    return sum;
  }

  /** The Java heap the engine needs for this machine: {@link #HEAP_BYTES_PER_PAGE} per page frame. */
  public long heapBytes() {
    return HeapBudget.times(totalBytes() >>> pageShift, HEAP_BYTES_PER_PAGE);
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
        && fallbackGate == c.fallbackGate && thp == c.thp && watermarkBoostFactor == c.watermarkBoostFactor
        && compactionProactiveness == c.compactionProactiveness && freeListOrder == c.freeListOrder;
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
