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
