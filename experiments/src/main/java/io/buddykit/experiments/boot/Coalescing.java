package io.buddykit.experiments.boot;

import io.buddykit.scenario.ResultTable;
import java.util.List;

/**
 * What releasing init memory did to the free blocks, zone by zone and summed over the machine:
 * buddyinfo before, after, and as it would be had no piece merged; the merges; and the blocks of
 * pageblock order or more ("big") and of the largest order, gained in all and gained without
 * merging.
 */
record Coalescing(ResultTable buddyinfo, ResultTable zones, long merges, long pieces, long bigBefore, long bigAfter,
    long bigPagesBefore, long bigPagesAfter, long bigGainedWithoutMerging, long maxGained,
    long maxGainedWithoutMerging) {

  static Coalescing of(List<ZoneRelease> changes, int maxOrder, int pbOrder) {
    ResultTable.Builder info = ResultTable.builder(buddyinfoColumns(maxOrder));
    String big = "order>=" + pbOrder;
    ResultTable.Builder coal = ResultTable.builder("node", "zone", "released pages", "pieces freed",
        "blocks before", "blocks after", "merges", big + " before", big + " after", big + " gained",
        big + " gained without merging", "pages in " + big + " before", "pages in " + big + " after",
        "o" + maxOrder + " gained", "o" + maxOrder + " gained without merging");
    long[] sum = new long[9];
    for (ZoneRelease c : changes) {
      info.row(row(c, "before", c.before()));
      info.row(row(c, "after", c.after()));
      info.row(row(c, "after, had nothing merged", c.afterWithoutMerging()));
      long bb = ZoneRelease.blocksAtLeast(c.before(), pbOrder);
      long ba = ZoneRelease.blocksAtLeast(c.after(), pbOrder);
      long bn = ZoneRelease.blocksAtLeast(c.afterWithoutMerging(), pbOrder);
      long pb = ZoneRelease.pagesAtLeast(c.before(), pbOrder);
      long pa = ZoneRelease.pagesAtLeast(c.after(), pbOrder);
      long mg = c.after()[maxOrder] - c.before()[maxOrder];
      long mn = c.piecesByOrder()[maxOrder];
      coal.row(c.nid(), c.zone(), c.releasedPages(), c.pieces(), c.blocksBefore(), c.blocksAfter(), c.merges(),
          bb, ba, ba - bb, bn - bb, pb, pa, mg, mn);
      long[] zone = {c.merges(), c.pieces(), bb, ba, pb, pa, bn - bb, mg, mn};
      for (int i = 0; i < sum.length; i++) {
        sum[i] += zone[i];
      }
    }
    return new Coalescing(info.build(), coal.build(), sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
        sum[8]);
  }

  private static String[] buddyinfoColumns(int maxOrder) {
    String[] cols = new String[3 + maxOrder + 1];
    cols[0] = "node";
    cols[1] = "zone";
    cols[2] = "when";
    for (int k = 0; k <= maxOrder; k++) {
      cols[3 + k] = Integer.toString(k);
    }
    return cols;
  }

  private static Object[] row(ZoneRelease c, String when, long[] counts) {
    Object[] cells = new Object[3 + counts.length];
    cells[0] = c.nid();
    cells[1] = c.zone();
    cells[2] = when;
    for (int k = 0; k < counts.length; k++) {
      cells[3 + k] = counts[k];
    }
    return cells;
  }
}
