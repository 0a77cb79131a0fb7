package io.buddykit.view.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view's defects a newcomer hit (issue 16, defect 9), in the same headless Chromium as
 * {@link ServeBrowserTest}: a scenario after a workload shows no stale map or numbers, an mtrace's
 * units are its heap's bytes and its statistics are rows, and a run created through the JSON API
 * opens by its id in the URL.
 */
class LiveViewBrowserTest {
  static final Path MTRACE = Path.of("../trace/src/test/resources/mtrace/tar.mtrace");

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


  @Test
  void aScenarioAfterAWorkloadShowsNoStaleMapOrNumbers() {
    openPage();
    choose("workload", "aging");
    set("param-memory", "64M");
    set("param-steps", "6");
    set("speed", "0");
    browser.findElement(By.id("start")).click();
    waiting(60).until(d -> text("status").equals("done"));
    assertThat(mapHash()).isNotEmpty();
    assertThat(text("free-pages")).matches("[0-9]+");
    assertThat(cells("vmstat")).contains("pgalloc");

    choose("scenario", "splitcoalesce");
    browser.findElement(By.id("start")).click();
    waiting(60).until(d -> text("run-label").startsWith("scenario") && text("status").equals("done"));
    assertThat(mapHash()).as("the workload's map is gone").isEmpty();
    assertThat(text("free-pages")).isEqualTo("-");
    assertThat(text("managed-pages")).isEqualTo("-");
    assertThat(text("map-scale")).isEmpty();
    assertThat(cells("vmstat")).doesNotContain("pgalloc");
  }

  @Test
  void anMtraceCountsInItsHeapUnitsAndShowsItsStatisticsAsRows() throws Exception {
    openPage();
    choose("trace", "mtrace");
    browser.findElement(By.id("trace-file")).sendKeys(MTRACE.toAbsolutePath().normalize().toString());
    set("speed", "0");
    browser.findElement(By.id("start")).click();
    waiting(60).until(d -> text("status").equals("done"));
    assertThat(text("free-label")).isEqualTo("free 16-byte units");
    assertThat(text("managed-label")).isEqualTo("heap 16-byte units");
    assertThat(text("map-scale")).contains("16-byte unit").doesNotContain("page");
    String cells = cells("vmstat");
    assertThat(cells).doesNotContain("{", "}").contains("trace.lines");
  }

  @Test
  void aRunCreatedThroughTheApiOpensByItsIdInTheUrl() throws Exception {
    HttpResponse<String> created = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.uri().resolve("/api/runs")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"workload\",\"name\":\"aging\","
                + "\"params\":{\"memory\":\"64M\",\"steps\":\"4\"},\"play\":true,\"speed\":0}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode run = Json.mapper().readTree(created.body());
    String id = run.get("id").asText();
    browser.get(server.uri() + "#run=" + id);
    waiting(30).until(d -> text("run-id").equals(id));
    waiting(60).until(d -> text("status").equals("done") && !mapHash().isEmpty());
    assertThat(text("run-label")).isEqualTo("workload aging");
    assertThat(text("steps")).isEqualTo("4");
    // The run list offers it too, and following a run puts its id in the URL.
    waiting(30).until(d -> new Select(browser.findElement(By.id("runs"))).getOptions().stream()
        .anyMatch(o -> id.equals(o.getDomAttribute("value"))));
    assertThat(browser.getCurrentUrl()).endsWith("#run=" + id);
  }

  void openPage() {
    browser.get(server.uri().toString());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#name option[value=aging]")).isEmpty());
  }

  void choose(String kind, String name) {
    new Select(browser.findElement(By.id("kind"))).selectByValue(kind);
    waiting(20).until(d -> !d.findElements(By.cssSelector("#name option[value='" + name + "']")).isEmpty());
    new Select(browser.findElement(By.id("name"))).selectByValue(name);
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

  /** Every cell of a table, one per line. */
  String cells(String id) {
    return String.join("\n", browser.findElement(By.id(id)).findElements(By.cssSelector("th, td")).stream()
        .map(WebElement::getText).toList());
  }

  void set(String id, String value) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(value);
  }
}
