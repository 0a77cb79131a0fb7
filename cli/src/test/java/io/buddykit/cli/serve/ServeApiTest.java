package io.buddykit.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.cli.Json;
import io.buddykit.cli.Scenarios;
import io.buddykit.scenario.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live view's JSON API and static files over real HTTP, without a browser. */
class ServeApiTest {
  static final long UPLOAD_LIMIT = 4096;
  static WebServer server;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = WebServer.start("127.0.0.1", 0, Scenarios.all(), UPLOAD_LIMIT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  /** Polls the run's state until {@code status} (the run works on its own thread). */
  static JsonNode awaitStatus(String id, String... statuses) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode s = json(get("/api/runs/" + id + "/state"));
      if (List.of(statuses).contains(s.get("status").asText()) || System.nanoTime() > deadline) {
        return s;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void listsTheScenariosWithTheirParameters() throws Exception {
    HttpResponse<String> r = get("/api/scenarios");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode list = json(r);
    assertThat(list.findValuesAsText("name")).containsAll(Scenarios.all().stream().map(Scenario::name).toList());
    assertThat(list.get(0).get("params").isArray()).isTrue();
    assertThat(json(get("/api/workloads")).findValuesAsText("name")).contains("aging", "synthetic", "steady");
    assertThat(json(get("/api/traces")).get("maxUploadBytes").asLong()).isEqualTo(UPLOAD_LIMIT);
  }

  @Test
  void badJsonIs400WithAMessage() throws Exception {
    HttpResponse<String> r = post("/api/runs", "{kind: oops");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("not JSON");
    HttpResponse<String> unknown = post("/api/runs", "{\"kind\":\"workload\",\"name\":\"nosuch\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("error").asText()).contains("unknown workload 'nosuch'", "aging");
    HttpResponse<String> param = post("/api/runs", "{\"kind\":\"workload\",\"name\":\"aging\",\"params\":{\"memory\":\"lots\"}}");
    assertThat(param.statusCode()).isEqualTo(400);
    assertThat(json(param).get("error").asText()).contains("'lots' is not a size");
    HttpResponse<String> typo = post("/api/runs", "{\"kind\":\"workload\",\"name\":\"aging\",\"params\":{\"memroy\":\"1G\"}}");
    assertThat(json(typo).get("error").asText()).contains("unknown parameter 'memroy'");
  }

  @Test
  void unknownRunIs404AndWrongMethodIs405() throws Exception {
    HttpResponse<String> r = get("/api/runs/999/state");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("no run '999'");
    assertThat(get("/api/runs/abc/events").statusCode()).isEqualTo(404);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/scenarios"))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(json(wrong).get("error").asText()).contains("DELETE is not allowed");
    assertThat(post("/", "x").statusCode()).isEqualTo(405);
  }

  @Test
  void servesThePageAndEchartsFromTheClasspath() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<canvas id=\"map\"", "/echarts.min.js", "/app.js");
    assertThat(get("/app.js").body()).contains("EventSource").doesNotContain("${");
    HttpResponse<String> echarts = get("/echarts.min.js");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.body().length()).isGreaterThan(500_000);
    assertThat(get("/nosuch.css").statusCode()).isEqualTo(404);
  }

  /** Raw requests, so that no client normalises the path before the server sees it. */
  @ParameterizedTest
  @ValueSource(strings = {"/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/pom.xml", "/..%2f..%2fetc%2fpasswd",
      "/web%2findex.html", "/.%2e/buddykit.properties", "/./index.html", "//etc/passwd", "/..\\pom.xml",
      "/io/buddykit/cli/Main.class", "/META-INF/MANIFEST.MF", "/buddykit.properties", "/.hidden"})
  void staticFilesNeverEscapeTheirFolder(String path) throws Exception {
    try (Socket s = new Socket(server.uri().getHost(), server.uri().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
      assertThat(status).as(path).matches("HTTP/1\\.1 40[04] .*");
    }
  }

  @Test
  void aWorkloadRunStartsPausedAndStepsOnRequest() throws Exception {
    HttpResponse<String> created = post("/api/runs",
        "{\"kind\":\"workload\",\"name\":\"aging\",\"params\":{\"memory\":\"128M\",\"steps\":5}}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asText();
    JsonNode s0 = awaitStatus(id, "paused");
    assertThat(s0.get("step").asLong()).isZero();
    assertThat(s0.get("steps").asLong()).isEqualTo(5);
    JsonNode map = s0.get("map");
    assertThat(map.get("cells").size()).isBetween(1, MemoryMap.MAX_CELLS);
    byte[] cells = new byte[map.get("cells").size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = (byte) map.get("cells").get(i).asInt();
    }
    assertThat(map.get("hash").asLong()).isEqualTo(MemoryMap.hash(cells));
    assertThat(s0.get("freePages").asLong()).isPositive().isLessThanOrEqualTo(s0.get("managedPages").asLong());

    JsonNode after = json(post("/api/runs/" + id + "/control", "{\"action\":\"step\"}"));
    assertThat(after.get("status").asText()).isEqualTo("paused");
    JsonNode s1 = s0;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (s1.get("step").asLong() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s1 = json(get("/api/runs/" + id + "/state"));
    }
    assertThat(s1.get("step").asLong()).isEqualTo(1);
    assertThat(s1.get("map").get("hash").asLong()).isNotEqualTo(map.get("hash").asLong());
    assertThat(s1.get("history").get("step").size()).isEqualTo(2);

    post("/api/runs/" + id + "/control", "{\"action\":\"play\",\"speed\":0}");
    JsonNode done = awaitStatus(id, "done");
    assertThat(done.get("step").asLong()).isEqualTo(5);
    assertThat(post("/api/runs/" + id + "/control", "{\"action\":\"play\"}").statusCode()).isEqualTo(409);
    assertThat(post("/api/runs/" + id + "/control", "{\"speed\":-3}").statusCode()).isEqualTo(400);
  }

  @Test
  void theEventStreamStartsWithTheCurrentState() throws Exception {
    String id = json(post("/api/runs", "{\"kind\":\"workload\",\"name\":\"steady\",\"params\":{\"memory\":\"64M\",\"steps\":3}}"))
        .get("id").asText();
    awaitStatus(id, "paused");
    HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/runs/" + id + "/events")).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (Stream<String> lines = r.body()) {
      String data = lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
      JsonNode state = Json.mapper().readTree(data.substring("data: ".length()));
      assertThat(state.get("id").asText()).isEqualTo(id);
      assertThat(state.get("status").asText()).isEqualTo("paused");
    }
  }

  @Test
  void aMalformedTraceFailsTheRunNamingTheLine() throws Exception {
    JsonNode created = json(post("/api/runs",
        "{\"kind\":\"trace\",\"name\":\"ftrace\",\"params\":{\"memory\":\"64M\",\"file\":\"bad.trace\"},\"play\":true}"));
    String id = created.get("id").asText();
    assertThat(awaitStatus(id, "awaiting-upload").get("status").asText()).isEqualTo("awaiting-upload");
    String trace = "# tracer: nop\n"
        + "bash-1 [000] .... 100.000001: mm_page_alloc: page=0x1000 pfn=0x1000 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
        + "bash-1 [000] .... 100.000002: mm_page_alloc: page=0x1001 pfn=zzz order=0 migratetype=0 gfp_flags=GFP_KERNEL\n";
    HttpResponse<String> up = post(created.get("upload").asText(), trace);
    assertThat(up.statusCode()).isEqualTo(202);
    JsonNode failed = awaitStatus(id, "failed");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").asText()).startsWith("bad.trace:3:");
    assertThat(post(created.get("upload").asText(), trace).statusCode()).isEqualTo(409);
  }

  @Test
  void aGoodTraceReplaysToTheEnd() throws Exception {
    JsonNode created = json(post("/api/runs",
        "{\"kind\":\"trace\",\"name\":\"auto\",\"params\":{\"memory\":\"64M\",\"mode\":\"policy\",\"batch\":1},\"play\":true,\"speed\":0}"));
    String trace = "bash-1 [000] .... 100.000001: mm_page_alloc: page=0x1000 pfn=0x1000 order=2 migratetype=0 gfp_flags=GFP_KERNEL\n"
        + "bash-1 [000] .... 100.000002: mm_page_free: page=0x1000 pfn=0x1000 order=2\n";
    post(created.get("upload").asText(), trace);
    JsonNode done = awaitStatus(created.get("id").asText(), "done", "failed");
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("steps").asLong()).isEqualTo(2);
    assertThat(done.at("/summary/format").asText()).isEqualTo("ftrace");
    assertThat(done.at("/summary/replay/allocs").asLong()).isEqualTo(1);
    assertThat(done.at("/summary/replay/frees").asLong()).isEqualTo(1);
  }

  @Test
  void anOversizeUploadIs413() throws Exception {
    JsonNode created = json(post("/api/runs", "{\"kind\":\"trace\",\"name\":\"ftrace\",\"params\":{\"memory\":\"64M\"}}"));
    HttpResponse<String> r = post(created.get("upload").asText(), new byte[(int) UPLOAD_LIMIT * 2]);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).contains("limit of 4096 bytes");
    assertThat(json(get("/api/runs/" + created.get("id").asText() + "/state")).get("status").asText())
        .isEqualTo("awaiting-upload");
  }

  @Test
  void aScenarioRunsToItsResult() throws Exception {
    Scenario s = Scenarios.all().stream().filter(x -> x.name().equals("bandwidth")).findFirst().orElseThrow();
    JsonNode created = json(post("/api/runs", "{\"kind\":\"scenario\",\"name\":\"" + s.name()
        + "\",\"params\":{\"flows\":\"2000\",\"loads\":\"8\"},\"play\":true}"));
    JsonNode done = awaitStatus(created.get("id").asText(), "done", "failed");
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.at("/summary/result/scenario").asText()).isEqualTo("bandwidth");
    assertThat(done.at("/summary/result/results").size()).isPositive();
  }

  @Test
  void serveIsASubcommandOfBuddykit() {
    var out = new java.io.StringWriter();
    var cl = io.buddykit.cli.Main.commandLine();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(cl.execute("serve", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "127.0.0.1");
    assertThat(cl.execute("serve", "--port", "70000")).isEqualTo(2);
  }

  @Test
  void theUriIsLoopback() {
    assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.uri().getPort() + "/"));
  }
}
