package io.buddykit.view.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.buddykit.app.Json;
import io.buddykit.scenario.Scenario;
import io.buddykit.sim.workload.Workloads;
import io.buddykit.trace.memory.MemoryTraceFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API under /api/ (documented on {@link WebServer}): routing, bodies, and errors as {"error": ...}. */
final class Api implements HttpHandler {
  /** Largest JSON body: a run request is a few hundred bytes. */
  static final long MAX_JSON = 64 * 1024;

  /** Content type of a trace upload: raw bytes, and not a type a cross-site form could send. */
  static final String UPLOAD_TYPE = "application/octet-stream";
  /**
   * Reads request bodies: trailing text after the object ({@code {...} junk}) is refused, not
   * silently dropped.
   */
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Runs runs;
  private final List<Scenario> scenarios;
  private final long maxUpload;
  private final LocalOnly local;

  Api(Runs runs, List<Scenario> scenarios, long maxUpload, LocalOnly local) {
    this.runs = runs;
    this.scenarios = List.copyOf(scenarios);
    this.maxUpload = maxUpload;
    this.local = local;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        local.checkOrigin(ex);
        route(ex);
      } catch (ApiException e) {
        Http.sendError(ex, e.status(), e.getMessage());
      } catch (RuntimeException e) { // a bug: the client still gets JSON, and a message to report
        Http.sendError(ex, 500, "internal error: " + e);
      }
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String[] parts = path.substring("/api/".length()).split("/", -1);
    String method = ex.getRequestMethod();
    switch (parts.length) {
      case 1 -> routeTop(ex, method, parts[0], path);
      case 2, 3 -> {
        if (!parts[0].equals("runs")) {
          throw ApiException.notFound("no API " + Http.clip(path));
        }
        routeRun(ex, method, parts[1], parts.length == 2 ? "" : parts[2], path);
      }
      default -> throw ApiException.notFound("no API " + Http.clip(path));
    }
  }

  /** /api/{name}: what can be run (scenarios, workloads, traces), and the runs. */
  private void routeTop(HttpExchange ex, String method, String name, String path) throws IOException {
    switch (name) {
      case "scenarios" -> {
        allow(method, "GET");
        Http.sendJson(ex, 200, scenarios.stream()
            .map(s -> Map.of("name", s.name(), "description", s.description(),
                "params", RunSpec.describe(s.params())))
            .toList());
      }
      case "workloads" -> {
        allow(method, "GET");
        Http.sendJson(ex, 200, Workloads.names().stream()
            .map(n -> Map.of("name", n, "params", RunSpec.describe(RunSpec.WORKLOAD_PARAMS))).toList());
      }
      case "traces" -> {
        allow(method, "GET");
        Http.sendJson(ex, 200, Map.of("formats", traceFormats(),
            "params", RunSpec.describe(RunSpec.TRACE_PARAMS), "maxUploadBytes", maxUpload));
      }
      case "runs" -> {
        allow(method, "GET", "POST");
        if (method.equals("GET")) {
          Http.sendJson(ex, 200, runs.list());
        } else {
          create(ex);
        }
      }
      default -> throw ApiException.notFound("no API " + Http.clip(path));
    }
  }

  /** /api/runs/{id} and /api/runs/{id}/{what}: one run. */
  private void routeRun(HttpExchange ex, String method, String id, String what, String path) throws IOException {
    LiveRun run = runs.get(id);
    switch (what) {
      case "" -> {
        allow(method, "GET", "DELETE");
        if (method.equals("DELETE")) {
          runs.remove(id);
          Http.sendJson(ex, 200, Map.of("id", id, "deleted", true));
        } else {
          Http.sendJson(ex, 200, run.brief());
        }
      }
      case "state" -> {
        allow(method, "GET");
        Http.sendJson(ex, 200, run.state().json());
      }
      case "events" -> {
        allow(method, "GET");
        EventStream.serve(ex, run);
      }
      case "control" -> {
        allow(method, "POST");
        JsonNode body = json(ex);
        JsonNode action = body.get("action");
        JsonNode speed = body.get("speed");
        if (action != null && !action.isTextual() || speed != null && !speed.isNumber()) {
          throw ApiException.badRequest(
              "control takes {\"action\": \"play\"|\"pause\"|\"step\", \"speed\": steps a second}");
        }
        run.control(action == null ? null : action.asText(), speed == null ? null : speed.asDouble());
        Http.sendJson(ex, 200, run.state().json());
      }
      case "upload" -> {
        allow(method, "POST");
        Http.requireContentType(ex, UPLOAD_TYPE);
        byte[] trace = Http.body(ex, maxUpload);
        run.upload(trace);
        Http.sendJson(ex, 202, Map.of("id", id, "bytes", trace.length));
      }
      default -> throw ApiException.notFound("no API " + Http.clip(path));
    }
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode body = json(ex);
    RunSpec spec = RunSpec.of(body, scenarios);
    JsonNode play = body.get("play");
    JsonNode speed = body.get("speed");
    if (play != null && !play.isBoolean() || speed != null && !speed.isNumber()) {
      throw ApiException.badRequest("play must be true or false and speed a number of steps a second");
    }
    LiveRun run = runs.start(spec, play != null && play.asBoolean(), speed == null ? 10 : speed.asDouble());
    String base = "/api/runs/" + run.id();
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("id", Long.toString(run.id()));
    reply.put("state", base + "/state");
    reply.put("events", base + "/events");
    reply.put("control", base + "/control");
    if (spec.needsUpload()) {
      reply.put("upload", base + "/upload");
    }
    ex.getResponseHeaders().set("Location", base);
    Http.sendJson(ex, 201, reply);
  }

  private static JsonNode json(HttpExchange ex) throws IOException {
    Http.requireContentType(ex, "application/json");
    byte[] body = Http.body(ex, MAX_JSON);
    try {
      JsonNode node = READER.readTree(new String(body, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new ApiException(405, method + " is not allowed here (allowed: " + String.join(", ", allowed) + ")");
  }

  /** The names a trace upload may give: {@code auto} (detect it), then each memory trace format. */
  private static List<String> traceFormats() {
    List<String> names = new ArrayList<>(List.of("auto"));
    for (MemoryTraceFormat f : MemoryTraceFormat.values()) {
      names.add(f.cliName());
    }
    return names;
  }
}
