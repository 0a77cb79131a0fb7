package io.buddykit.sim.proc;

import io.buddykit.core.BuddyInfo;
import io.buddykit.core.Fragmentation;
import io.buddykit.scenario.Series;
import io.buddykit.sim.Machine;
import io.buddykit.sim.Node;
import io.buddykit.sim.VmStat;
import io.buddykit.sim.Zone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A run's fragmentation and work over time: one row per {@link #sample} of free memory, free
 * blocks per order, pageblock-sized availability and its fragmentation index, and the cumulative
 * failure, reclaim and compaction counters. Sampling reads only per-zone free-list counts and
 * counters (zones x orders), so a scenario can sample every step.
 *
 * <p>Column names are fixed ({@link #STEP} and the other constants, then {@code free_blocks_o0}
 * up to the machine's max order); counters are totals since boot, not per step.
 */
public final class MetricsSeries {
  public static final String STEP = "step";
  /** NR_FREE_PAGES over all zones (pages on per-CPU lists are not free). */
  public static final String FREE_PAGES = "free_pages";
  /** Free blocks of pageblock order or more, counted in pageblocks: what THP could get now. */
  public static final String FREE_PAGEBLOCKS = "free_pageblocks";
  /** __fragmentation_index at pageblock order over the machine's summed buddyinfo, x1000. */
  public static final String EXTFRAG_PAGEBLOCK = "extfrag_pageblock";
  /** Requests that failed after the slow path. */
  public static final String ALLOC_FAIL = "alloc_fail";
  /** Pages reclaimed: pgsteal_kswapd + pgsteal_direct. */
  public static final String PGSTEAL = "pgsteal";
  /** Pages compaction migrated (pgmigrate_success). */
  public static final String PGMIGRATE_SUCCESS = "pgmigrate_success";
  /** Pages compaction's scanners looked at: compact_migrate_scanned + compact_free_scanned. */
  public static final String COMPACT_SCANNED = "compact_scanned";
  /** Prefix of the per-order columns: free blocks of exactly that order, machine-wide. */
  public static final String FREE_BLOCKS_PREFIX = "free_blocks_o";

  private static final List<String> FIXED = List.of(STEP, FREE_PAGES, FREE_PAGEBLOCKS,
      EXTFRAG_PAGEBLOCK, ALLOC_FAIL, PGSTEAL, PGMIGRATE_SUCCESS, COMPACT_SCANNED);

  /** Each fixed column's name for a reader, with its unit; the order columns follow their prefix. */
  private static final java.util.Map<String, String> LABELS = java.util.Map.of(
      FREE_PAGES, "free pages",
      FREE_PAGEBLOCKS, "free pageblocks",
      EXTFRAG_PAGEBLOCK, "fragmentation index at pageblock order (x1000)",
      ALLOC_FAIL, "failed requests",
      PGSTEAL, "pages reclaimed",
      PGMIGRATE_SUCCESS, "pages migrated",
      COMPACT_SCANNED, "pages scanned by compaction");

  /**
   * A column's name as a chart's reader wants it (a quantity and its unit), or null when {@code
   * column} is not one of these columns.
   */
  public static String label(String column) {
    if (column.startsWith(FREE_BLOCKS_PREFIX) && column.length() > FREE_BLOCKS_PREFIX.length()) {
      return "free order-" + column.substring(FREE_BLOCKS_PREFIX.length()) + " blocks";
    }
    return LABELS.get(column);
  }

  private List<String> names = List.of();
  private long[][] columns = new long[0][];
  private int size;
  private int maxOrder = -1;
  private int pageblockOrder;
  private long[] orderSum = new long[0];

  /** Records the machine's state as the row of {@code step}; steps must not go backwards. */
  public void sample(long step, Machine m) {
    if (maxOrder < 0) {
      start(m.config().maxOrder(), m.config().pageblockOrder());
    } else if (m.config().maxOrder() != maxOrder || m.config().pageblockOrder() != pageblockOrder) {
      throw new IllegalArgumentException("sampled machine has other orders than the first one");
    }
    if (size > 0 && step < columns[0][size - 1]) {
      throw new IllegalArgumentException("step " + step + " after step " + columns[0][size - 1]);
    }
    Arrays.fill(orderSum, 0);
    for (Node n : m.nodes()) {
      for (Zone z : n.zones()) {
        long[] row = z.buddyInfo();
        for (int k = 0; k <= maxOrder; k++) {
          orderSum[k] += row[k];
        }
      }
    }
    long pageblocks = BuddyInfo.suitableBlocks(orderSum, pageblockOrder);
    VmStat s = m.stat();
    grow();
    int i = 0;
    put(i++, step);
    put(i++, BuddyInfo.freeUnits(orderSum));
    put(i++, pageblocks);
    put(i++, Fragmentation.fragmentationIndex(orderSum, pageblockOrder));
    put(i++, s.allocFail());
    put(i++, s.pgstealKswapd() + s.pgstealDirect());
    put(i++, s.pgmigrateSuccess());
    put(i++, s.compactMigrateScanned() + s.compactFreeScanned());
    for (int k = 0; k <= maxOrder; k++) {
      put(i++, orderSum[k]);
    }
    size++;
  }

  private void start(int maxOrder, int pageblockOrder) {
    this.maxOrder = maxOrder;
    this.pageblockOrder = pageblockOrder;
    List<String> all = new ArrayList<>(FIXED);
    for (int k = 0; k <= maxOrder; k++) {
      all.add(FREE_BLOCKS_PREFIX + k);
    }
    names = Collections.unmodifiableList(all);
    columns = new long[all.size()][16];
    orderSum = new long[maxOrder + 1];
  }

  private void grow() {
    if (size == columns[0].length) {
      for (int c = 0; c < columns.length; c++) {
        columns[c] = Arrays.copyOf(columns[c], size * 2);
      }
    }
  }

  private void put(int column, long value) {
    columns[column][size] = value;
  }

  /** Number of samples. */
  public int size() {
    return size;
  }

  /** The column names, {@link #STEP} first; empty before the first sample. */
  public List<String> names() {
    return names;
  }

  /** A copy of one column, a value per sample. */
  public long[] column(String name) {
    int c = names.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column '" + name + "' (have " + names + ")");
    }
    return Arrays.copyOf(columns[c], size);
  }

  /** Free blocks of exactly {@code order} per sample, machine-wide. */
  public long[] freeBlocks(int order) {
    return column(FREE_BLOCKS_PREFIX + order);
  }

  /** Every column against {@link #STEP}, for a scenario {@code Result}. */
  public Series toSeries() {
    if (size == 0) {
      return Series.builder(STEP).build();
    }
    return toSeries(names.subList(1, names.size()).toArray(String[]::new));
  }

  /** The named columns against {@link #STEP}: a chart wants series of one scale together. */
  public Series toSeries(String... ys) {
    long[] x = column(STEP);
    long[][] cols = new long[ys.length][];
    for (int j = 0; j < ys.length; j++) {
      cols[j] = column(ys[j]);
    }
    Series.Builder b = Series.builder(STEP, ys);
    double[] row = new double[ys.length];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < ys.length; j++) {
        row[j] = cols[j][i];
      }
      b.point(x[i], row);
    }
    return b.build();
  }
}
