package io.buddykit.view.serve;

import com.sun.net.httpserver.HttpServer;
import io.buddykit.scenario.Scenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live view's HTTP server: the page and a JSON API over runs of the simulator.
 *
 * <p>It is the JDK's {@link HttpServer}, not a framework: the view serves a handful of fixed
 * routes, a few static files and one event stream to one person on loopback, which needs no
 * routing DSL, templating, WebSocket or TLS; the JDK server does that with no dependency, and
 * virtual threads give every open event stream its own cheap thread.
 *
 * <h2>API</h2>
 * Errors are {@code {"error": "message"}} with 400 (bad body or parameter), 403 (a Host other than
 * the bind address, localhost, 127.0.0.1 or [::1], or an Origin other than this server: see {@link
 * LocalOnly}), 404 (unknown run or path), 405 (wrong method), 409 (the run is in the wrong state, or
 * too many run threads are still alive: see {@link Runs}), 413 (body too large), 415 (a JSON body
 * not sent as {@code application/json}, an upload not as {@code application/octet-stream}: types a
 * page elsewhere cannot post without a CORS preflight, which this server never grants). Requests
 * the JDK's server refuses before any handler runs get its own {@code text/html} 400, not this
 * JSON: a target that is not a valid URI ({@code ?x=%zz}) and a Content-Length that is not a
 * non-negative number that fits a long ({@code 99999999999999999999}); the JDK has no hook for them.
 *
 * <ul>
 *   <li>{@code GET /api/scenarios}: {@code [{name, description, params: [{name, defaultValue,
 *       description}]}]}, as {@code scenario list --json}.
 *   <li>{@code GET /api/workloads}: {@code [{name, params: [...]}]}; params memory (1G, at most
 *       16G), nodes, steps (0 = the workload's own), seed, pcp.
 *   <li>{@code GET /api/traces}: {@code {formats: [auto, ftrace, mtrace, jsonl], params: [...],
 *       maxUploadBytes}}; params memory, nodes, mode (recorded|policy), unit, batch, file.
 *   <li>{@code GET /api/runs}: {@code [{id, kind, name, status, step, steps, streams}]} ({@code
 *       streams}: event streams open on the run; one whose client went away is gone within
 *       {@link EventStream#KEEPALIVE_MILLIS} ms).
 *   <li>{@code POST /api/runs} with {@code {"kind": "workload"|"scenario"|"trace", "name": NAME,
 *       "params": {k: v}, "play": false, "speed": 10}} (for a trace, NAME is its format or
 *       {@code auto}): 201 {@code {id, state, events, control, upload?}} (the URLs). The run
 *       starts paused unless {@code play}; a trace run waits for its upload.
 *   <li>{@code POST /api/runs/{id}/upload} with the trace file as the raw body, Content-Type {@code
 *       application/octet-stream} (at most
 *       {@code maxUploadBytes}, else 413): 202; the run parses it, and a bad line fails the run
 *       with {@code error} = {@code "file:line: reason"}.
 *   <li>{@code POST /api/runs/{id}/control} with {@code {"action": "play"|"pause"|"step",
 *       "speed": steps a second, 0 = no delay}} (either may be left out): 200 and the state.
 *   <li>{@code GET /api/runs/{id}/state}: the state (below).
 *   <li>{@code GET /api/runs/{id}/events}: {@code text/event-stream} of {@code state} events,
 *       the current state first.
 *   <li>{@code GET /api/runs/{id}} (brief) and {@code DELETE /api/runs/{id}} (stop and forget).
 *   <li>{@code GET /}, {@code /app.js}, ...: the page from the classpath folder {@code web/};
 *       {@code GET /echarts.min.js}: ECharts from its webjar.
 * </ul>
 *
 * The state: {@code id, kind, name, params, status} (awaiting-upload, starting, paused, running,
 * done, failed), {@code error, step} (steps done), {@code steps} (total, -1 before start), {@code
 * playing, speed, version}, then once started: {@code managedPages, freePages, buddyinfo} (free
 * blocks per order, all zones), {@code fragOrder} (pageblock order), {@code freeFragBlocks} (free
 * memory in blocks of that order), {@code extfrag, unusable} (Linux's indices at that order,
 * x1000), {@code zones} ([{node, zone, freePages, buddyinfo}]), {@code vmstat, modelCounters},
 * {@code map} ({@code cellPages, states, cells, hash}: see {@link MemoryMap}), {@code history}
 * (columns step, freePages, freeFragBlocks, extfrag, unusable) and {@code summary} (per kind; a
 * scenario's {@code result}).
 */
public final class WebServer implements AutoCloseable {
  /** Upload limit: a trace of 16 MiB is some 200,000 events, minutes of watching. */
  public static final long MAX_UPLOAD = 16L << 20;

  /**
   * The JDK server's limits, read once per JVM from system properties when the first server is
   * made (sun.net.httpserver.ServerConfig), so they are set here, each unless the user set it:
   * TCP_NODELAY (without it a keep-alive response above a segment waits out the client's delayed
   * ACK, a 44 ms floor); a request's header and body must arrive within {@value #MAX_REQUEST_SECONDS}
   * s and a kept-alive connection may idle {@value #IDLE_SECONDS} s (slow clients are dropped,
   * not kept); at most {@value #MAX_CONNECTIONS} connections. Responses have no limit: an event
   * stream lasts as long as its page.
   */
  static final int MAX_REQUEST_SECONDS = 5;
  static final int IDLE_SECONDS = 15;
  static final int MAX_CONNECTIONS = 128;

  static {
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    System.getProperties().putIfAbsent("sun.net.httpserver.idleInterval", String.valueOf(IDLE_SECONDS));
    System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Runs runs = new Runs();

  private WebServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code bind:port} (port 0 picks a free one). */
  public static WebServer start(String bind, int port, List<Scenario> scenarios, long maxUpload) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
    WebServer web = new WebServer(http);
    LocalOnly local = new LocalOnly(bind, http.getAddress().getAddress(), http.getAddress().getPort());
    http.createContext("/api/", new Api(web.runs, scenarios, maxUpload, local)).getFilters().add(local);
    http.createContext("/", new StaticFiles()).getFilters().add(local);
    http.setExecutor(web.threads);
    http.start();
    return web;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  /** Stops the runs, ends the event streams and closes the socket. */
  @Override
  public void close() {
    runs.closeAll();
    server.stop(0);
    threads.shutdownNow();
  }
}
