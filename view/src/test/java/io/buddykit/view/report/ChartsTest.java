package io.buddykit.view.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @Test
  void aTableBeginningWithOrderIsABuddyinfoOfGroupedBars() {
    ResultTable t = ResultTable.builder("order", "before", "after").row(0L, 5L, 9L).row(1L, 3L, 0L).build();
    ChartSpec c = Charts.table("s/free", "free", t).orElseThrow();
    assertThat(c.title()).isEqualTo("free: free blocks per order");
    assertThat(c.categories()).containsExactly("0", "1");
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("before", "after");
    assertThat(c.single()).isFalse();
  }

  @Test
  void aTableWithAColumnPerOrderIsABuddyinfoOfABarGroupPerRow() {
    ResultTable t = ResultTable.builder("stage", "zone", "o0", "o1", "o2")
        .row("aged", "Normal", 40L, 12L, 1L).row("compacted", "Normal", 10L, 6L, 9L).build();
    ChartSpec c = Charts.table("s/buddyinfo", "buddyinfo", t).orElseThrow();
    assertThat(c.title()).isEqualTo("buddyinfo: free blocks per order");
    assertThat(c.categories()).containsExactly("0", "1", "2");
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("aged / Normal", "compacted / Normal");
    assertThat(new ArrayList<Object>(c.series().get(1).data())).containsExactly(10L, 6L, 9L);
    assertThat(c.single()).isFalse();
  }

  /** Issue 16, defect 8: the numa section charted node ids as bar heights. */
  @Test
  void aNodeColumnNamesTheRowAndIsNoBar() {
    ResultTable t = ResultTable.builder("policy", "node", "huge faults", "local huge share")
        .row("local-first", 0L, 648L, 0.83).row("local-first", 1L, 81L, 1.0).row("interleave", 0L, 650L, 0.54).build();
    ChartSpec c = Charts.table("numa/nodes", "nodes", t).orElseThrow();
    assertThat(c.xName()).isEqualTo("policy / node");
    assertThat(c.categories()).containsExactly("local-first / 0", "local-first / 1", "interleave / 0");
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("huge faults", "local huge share");
    assertThat(c.yName()).isEqualTo("huge faults");
  }

  /** Issue 16, defect 7: −1 meant "no probe ran" and was charted as −1 huge pages. */
  @Test
  void minusOneInACountLineIsAGapNotAValue() {
    Series s = Series.builder("step", "freePageblocks", "hugePages", "delta")
        .point(1, 3, -1, 0.5).point(2, 2, 4, -1).point(3, 2, -1, 2).build();
    ChartSpec c = Charts.series("w/avail", "avail", s).getFirst();
    assertThat(new ArrayList<Object>(c.series().get(0).data())).containsExactly(List.of(1.0, 3.0), List.of(2.0, 2.0), List.of(3.0, 2.0));
    assertThat(new ArrayList<Object>(c.series().get(1).data())).containsExactly(
        java.util.Arrays.asList(1.0, null), List.of(2.0, 4.0), java.util.Arrays.asList(3.0, null));
    // A line with fractions is a measurement: its −1 is a value.
    assertThat(new ArrayList<Object>(c.series().get(2).data())).contains(List.of(2.0, -1.0));
    assertThat(Charts.minusOneIsNoValue(s, 1)).isFalse();
  }

  @Test
  void leadingColumnsUpToTheLastTextOneNameTheBars() {
    ResultTable t = ResultTable.builder("load", "broker", "offered", "blocking", "utilisation")
        .row(8.5, "lowest", 100L, 0.01, 0.5).row(8.5, "crowded", 100L, 0.02, Double.NaN).build();
    ChartSpec c = Charts.table("s/sweep", "sweep", t).orElseThrow();
    assertThat(c.xName()).isEqualTo("load / broker");
    assertThat(c.yName()).as("the first column that differs is shown first").isEqualTo("blocking");
    assertThat(c.categories()).containsExactly("8.5 / lowest", "8.5 / crowded");
    assertThat(c.single()).isTrue();
    assertThat(new ArrayList<Object>(c.series().get(2).data())).containsExactly(0.5, null);
    assertThat(Charts.table("s/t", "t", ResultTable.builder("a", "b").row("x", "y").build())).isEmpty();
  }

  /** Issue 16: each chart's default column is the one that carries the section's conclusion. */
  @Test
  void headlineColumnsAreShownFirstTogetherWhenSeveral() {
    ResultTable t = ResultTable.builder("density", "mean density", "sets", "buddy.fifo", "exact.fifo")
        .row(0.2, 0.19, 10L, 1.0, 1.0).row(0.6, 0.61, 10L, 0.3, 0.6).build();
    ChartSpec two = Charts.table("c/d", "densitySweep", t, List.of("buddy.", "exact.")).orElseThrow();
    assertThat(two.shown()).containsExactly("buddy.fifo", "exact.fifo");
    assertThat(two.single()).isFalse();
    assertThat(two.yName()).isEqualTo("buddy.fifo, exact.fifo");
    assertThat(two.title()).isEqualTo("density sweep");
    ChartSpec one = Charts.table("c/d", "d", t, List.of("exact.fifo")).orElseThrow();
    assertThat(one.shown()).containsExactly("exact.fifo");
    assertThat(one.single()).isTrue();
    assertThat(Charts.table("c/d", "d", t).orElseThrow().shown()).as("no headline: the first that varies")
        .containsExactly("mean density");
  }

  /** Issue 16, item 18: the boot chart's categories were every cell of a row joined. */
  @Test
  void onlyTheLeadingNameColumnsLabelARowAndPositionsAreNoBars() {
    ResultTable t = ResultTable.builder("released", "start pfn", "pages", "freed as", "now part of", "pages after")
        .row("boot page tables", 10240L, 512L, "1 x o9", "1 x o10", 1024L)
        .row("initrd", 247807L, 14337L, "14 x o10", "14 x o10, 1 x o9", 14848L).build();
    ChartSpec c = Charts.table("b/r", "released", t, List.of("pages after")).orElseThrow();
    assertThat(c.categories()).containsExactly("boot page tables", "initrd");
    assertThat(c.xName()).isEqualTo("released");
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("pages", "pages after");
    assertThat(Charts.keyColumns(t)).isEqualTo(1);
  }

  /** The dma section's checkpoints were labelled "0 / 63232 / 3952 / 32/32": its step alone names a row. */
  @Test
  void aLeadingNumberNamesTheRowAndTheMeasuresAfterItAreBars() {
    ResultTable t = ResultTable.builder("step", "free pages", "slab groups contiguous", "no compaction", "tries")
        .row(0L, 63232L, "32/32", 128L, 128L).row(6L, 5059L, "28/32", 34L, 128L).build();
    ChartSpec c = Charts.table("d/c", "checkpoints", t, List.of("no compaction")).orElseThrow();
    assertThat(c.categories()).containsExactly("0", "6");
    assertThat(c.xName()).isEqualTo("step");
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("free pages", "no compaction", "tries");
  }

  /** Issue 16, item 18: the splitcoalesce legend was truncated map text. */
  @Test
  void aDrawnMapNamesNoRowAndAStepIsNamedUpToItsColon() {
    ResultTable t = ResultTable.builder("step", "map", "o0", "o1")
        .row("start: one free block", ".".repeat(64), 0L, 1L)
        .row("A = order 0 at 0: 64 splits into 32+16+8+4+2+1", "A" + ".".repeat(63), 1L, 0L).build();
    ChartSpec c = Charts.table("s/steps", "steps", t).orElseThrow();
    assertThat(c.series()).extracting(ChartSpec.Plot::name).containsExactly("start", "A = order 0 at 0");
  }

  /** Issue 16: series charts name quantities with units, not raw series keys. */
  @Test
  void keysReadAsQuantities() {
    assertThat(Charts.quantity("freePageblocks")).isEqualTo("free pageblocks");
    assertThat(Charts.quantity("meanLatencyNs")).isEqualTo("mean latency (ns)");
    assertThat(Charts.quantity("mibMigrated")).isEqualTo("MiB migrated");
    assertThat(Charts.quantity("dramShare")).isEqualTo("DRAM share");
    assertThat(Charts.quantity("ungated.hugePages")).isEqualTo("ungated, huge pages");
    assertThat(Charts.quantity("free_pages")).isEqualTo("free pages");
    assertThat(Charts.quantity("extfrag_pageblock")).isEqualTo("fragmentation index at pageblock order (x1000)");
    assertThat(Charts.quantity("free_blocks_o3")).isEqualTo("free order-3 blocks");
    assertThat(Charts.quantity("bytes held")).isEqualTo("bytes held");
    Series s = Series.builder("step", "free_pages", "free_pageblocks").point(0, 200_000, 400).point(1, 9_000, 3).build();
    ChartSpec c = Charts.series("a/aging", "aging", s, List.of("free_pageblocks")).getFirst();
    assertThat(c.single()).isTrue();
    assertThat(c.shown()).containsExactly("free pageblocks");
    assertThat(c.yName()).isEqualTo("free pageblocks");
    Series bytes = Series.builder("appends", "bytes held", "bytes used").point(0, 8, 1).point(1, 16, 9).build();
    assertThat(Charts.series("f/a", "array x2 move", bytes).getFirst().yName()).isEqualTo("bytes");
  }

  @Test
  void freeBlockSeriesAlsoGetBarsPerOrderAtTheLastPoint() {
    Series s = Series.builder("step", "free_blocks_o0", "free_blocks_o1").point(0, 4, 2).point(1, 6, 1).build();
    List<ChartSpec> charts = Charts.series("s/free", "free", s);
    assertThat(charts).extracting(ChartSpec::kind).containsExactly("line", "bar");
    assertThat(charts.get(1).categories()).containsExactly("0", "1");
    assertThat(new ArrayList<Object>(charts.get(1).series().getFirst().data())).containsExactly(6.0, 1.0);
  }

  @Test
  void linesOfVeryDifferentSizesAreShownOneAtATime() {
    Series apart = Series.builder("step", "free_pages", "extfrag").point(0, 200_000, 0.1).point(1, 90_000, 0.9).build();
    assertThat(Charts.series("s/a", "a", apart).getFirst().single()).isTrue();
    Series near = Series.builder("cycle", "address", "epoch").point(0, 9, 0).point(1, 11_000, 0).build();
    assertThat(Charts.series("s/n", "n", near).getFirst().single()).as("a line at zero is no scale").isFalse();
  }

  @Test
  void aResultOfOnlyNumbersStillGetsAChart(@TempDir Path dir) throws Exception {
    Result r = Result.builder("tiny", Params.of(List.of(), Map.of())).number("a", 1L).number("b", 2.5).build();
    Path page = dir.resolve("tiny.html");
    Report.writePage(page, new ReportSection("tiny", "Tiny <one>", "numbers & nothing else", r));
    Document doc = Jsoup.parse(Files.readString(page));
    assertThat(doc.select("section [data-chart]").eachAttr("data-chart")).containsExactly("tiny/numbers");
    assertThat(doc.select("h2").text()).isEqualTo("Tiny <one>");
    assertThat(doc.select(".toc")).isEmpty();
    assertThat(doc.select("section .muted").text()).as("no parameters").isEqualTo("none");
    TagBalance.check(Files.readString(page));
  }
}
