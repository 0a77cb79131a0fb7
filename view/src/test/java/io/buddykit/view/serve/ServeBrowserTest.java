package io.buddykit.view.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.Scenario;
import io.buddykit.view.report.Report;
import io.buddykit.view.report.ReportSection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real browser ({@link HeadlessChromium}: Debian's Chromium, never a downloaded
 * one), a workload started from the page, the map seen to change, and the numbers on
 * the page checked against the JSON API; and a report page opened from disk with every chart
 * drawn. Leaves the screenshots the README shows at target/serve-live.png and
 * target/report-section.png.
 */
class ServeBrowserTest {
  static WebServer server;
  static HeadlessChromium chromium;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server = WebServer.start("127.0.0.1", 0, Catalogue.all(), WebServer.MAX_UPLOAD);
    chromium = new HeadlessChromium();
    browser = chromium.driver;
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  WebDriverWait waiting(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(50));
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  String mapHash() {
    return browser.findElement(By.id("map")).getDomAttribute("data-map-hash");
  }

  static JsonNode apiState(String id) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.uri().resolve("/api/runs/" + id + "/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body());
  }

  @Test
  void aWorkloadStartedFromThePageChangesTheMapAndShowsTheApiNumbers() throws Exception {
    browser.get(server.uri().toString());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#name option[value=aging]")).isEmpty());
    new Select(browser.findElement(By.id("kind"))).selectByValue("workload");
    new Select(browser.findElement(By.id("name"))).selectByValue("aging");
    set("param-memory", "256M");
    set("param-steps", "48");
    set("speed", "4");
    browser.findElement(By.id("start")).click();

    waiting(30).until(d -> !mapHash().isEmpty());
    String first = mapHash();
    waiting(60).until(d -> !mapHash().equals(first));
    assertThat(text("error")).isEmpty();

    browser.findElement(By.id("pause")).click();
    waiting(30).until(d -> text("status").equals("paused"));
    String id = text("run-id");
    JsonNode api = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) { // a step in flight at the pause is published after it
      api = apiState(id);
      if (Long.parseLong(text("step")) == api.get("step").asLong() && mapHash().equals(api.at("/map/hash").asText())) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(api).isNotNull();
    assertThat(api.get("status").asText()).isEqualTo("paused");
    assertThat(Long.parseLong(text("step"))).isEqualTo(api.get("step").asLong()).isPositive();
    assertThat(mapHash()).isEqualTo(api.at("/map/hash").asText());
    assertThat(browser.findElement(By.id("map")).getDomAttribute("data-step")).isEqualTo(api.get("step").asText());
    assertThat(Long.parseLong(text("free-pages"))).isEqualTo(api.get("freePages").asLong());
    assertThat(Long.parseLong(text("managed-pages"))).isEqualTo(api.get("managedPages").asLong());
    assertThat(Long.parseLong(text("free-pageblocks"))).isEqualTo(api.get("freeFragBlocks").asLong());
    assertThat(Double.parseDouble(text("extfrag"))).isCloseTo(api.get("extfrag").asLong() / 1000.0, within(1e-9));
    assertThat(Double.parseDouble(text("unusable"))).isCloseTo(api.get("unusable").asLong() / 1000.0, within(1e-9));
    assertThat(text("steps")).isEqualTo("48");

    long before = Long.parseLong(text("step"));
    browser.findElement(By.id("step-once")).click();
    waiting(30).until(d -> Long.parseLong(text("step")) == before + 1);

    // To the end at full speed: the page then shows the final state, the same as the API's.
    set("speed", "0");
    browser.findElement(By.id("play")).click();
    waiting(60).until(d -> text("status").equals("done"));
    JsonNode done = apiState(id);
    assertThat(text("step")).isEqualTo("48").isEqualTo(done.get("step").asText());
    assertThat(mapHash()).isEqualTo(done.at("/map/hash").asText());
    assertThat(Long.parseLong(text("free-pages"))).isEqualTo(done.get("freePages").asLong());

    // The charts drew something: ECharts renders into a canvas inside each chart's div.
    assertThat(browser.findElements(By.cssSelector("#buddyinfo-chart canvas"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#history-chart canvas"))).isNotEmpty();
    Path shot = Path.of("target", "serve-live.png");
    Files.createDirectories(shot.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isPositive();
  }

  @Test
  void aReportPageDrawsEveryChartFromDiskWithoutNetwork() throws Exception {
    Scenario aging = Catalogue.named("aging").orElseThrow();
    Result r = aging.run(Params.of(aging.params(), Map.of("memoryMiB", "256", "steps", "24")));
    Path page = Files.createTempDirectory("buddykit-report").resolve("aging.html");
    Report.writePage(page, ReportSection.of(Catalogue.entry("aging").orElseThrow(), r, Map.of()));
    browser.manage().window().setSize(new Dimension(1200, 2150));
    try {
      browser.get(page.toUri().toString());
      java.util.List<WebElement> charts = browser.findElements(By.cssSelector("[data-chart]"));
      assertThat(charts).isNotEmpty();
      // ECharts draws each chart as an SVG inside its container: all of them, from the inlined
      // library, with the browser offline.
      waiting(20).until(d -> charts.stream().allMatch(c -> !c.findElements(By.tagName("svg")).isEmpty()));
      Path shot = Path.of("target", "report-section.png");
      Files.createDirectories(shot.getParent());
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.manage().window().setSize(new Dimension(1480, 900));
    }
  }

  /**
   * Issue 16, item 18: the thp chart's axis title sat on its rotated labels. In a real browser, no
   * chart's axis name overlaps another text of its chart (labels, legend, title), for charts with
   * short labels, labels that wrap and labels that rotate.
   */
  @Test
  void aReportChartsAxisNamesSitClearOfTheirLabels() throws Exception {
    Scenario thp = Catalogue.named("thp").orElseThrow();
    Result r = thp.run(Params.of(thp.params(), Map.of("memoryMiB", "128", "accesses", "20000", "steps", "8")));
    Path page = Files.createTempDirectory("buddykit-report").resolve("thp.html");
    Report.writePage(page, ReportSection.of(Catalogue.entry("thp").orElseThrow(), r, Map.of()));
    for (int width : new int[] {1200, 700}) {
      browser.manage().window().setSize(new Dimension(width, 2400));
      try {
        browser.get(page.toUri().toString());
        java.util.List<WebElement> charts = browser.findElements(By.cssSelector("[data-chart]"));
        waiting(20).until(d -> charts.stream().allMatch(c -> !c.findElements(By.tagName("svg")).isEmpty()));
        Object overlaps = browser.executeScript("""
            var specs = JSON.parse(document.getElementById('report-charts').textContent);
            var out = [];
            document.querySelectorAll('[data-chart]').forEach(function (el) {
              var spec = specs[el.getAttribute('data-chart')];
              var texts = Array.from(el.querySelectorAll('svg text'));
              var name = texts.filter(function (t) { return t.textContent === spec.xName; })[0];
              if (!name) { out.push(spec.id + ': no axis name'); return; }
              var a = name.getBoundingClientRect();
              texts.forEach(function (t) {
                var b = t.getBoundingClientRect();
                if (t !== name && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom
                    && b.top < a.bottom) {
                  out.push(spec.id + ': "' + spec.xName + '" on "' + t.textContent + '"');
                }
              });
            });
            return out.join('; ');""");
        assertThat(overlaps).as("width " + width).isEqualTo("");
      } finally {
        browser.manage().window().setSize(new Dimension(1480, 900));
      }
    }
  }

  @Test
  void aFailedTraceShowsItsErrorOnThePage() throws Exception {
    browser.get(server.uri().toString());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#name option[value=aging]")).isEmpty());
    new Select(browser.findElement(By.id("kind"))).selectByValue("trace");
    new Select(browser.findElement(By.id("name"))).selectByValue("ftrace");
    set("param-memory", "64M");
    Path trace = Files.createTempFile("bad", ".trace");
    Files.writeString(trace, "this is not ftrace\n");
    try {
      browser.findElement(By.id("trace-file")).sendKeys(trace.toString());
      browser.findElement(By.id("start")).click();
      waiting(30).until(d -> text("status").equals("failed"));
      assertThat(text("error")).contains(trace.getFileName() + ":1:");
    } finally {
      Files.delete(trace);
    }
  }

  @Test
  void aRunThatIsGoneSaysSoOnThePage() throws Exception {
    browser.get(server.uri().toString());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#name option[value=aging]")).isEmpty());
    new Select(browser.findElement(By.id("kind"))).selectByValue("workload");
    new Select(browser.findElement(By.id("name"))).selectByValue("aging");
    set("param-memory", "64M");
    set("param-steps", "100000");
    set("speed", "2");
    browser.findElement(By.id("start")).click();
    waiting(30).until(d -> text("status").equals("running"));
    String id = text("run-id");
    HttpResponse<String> deleted = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.uri().resolve("/api/runs/" + id)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(200);
    // The event stream ends with the run; the page must say the run is gone, not freeze.
    waiting(30).until(d -> text("error").contains("is gone"));
    assertThat(text("error")).contains("run " + id);
  }

  void set(String id, String value) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(value);
  }
}
