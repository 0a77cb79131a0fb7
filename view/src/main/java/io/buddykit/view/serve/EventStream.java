package io.buddykit.view.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GET /api/runs/{id}/events: server-sent events, one {@code state} event per published state
 * (the same JSON as GET /state), the current one first. A comment line every
 * {@value #KEEPALIVE_MILLIS} ms finds clients that went away: the write fails, the thread ends and
 * the run's {@code streams} count (in its brief) drops, within that interval. The stream stays open after the run
 * ends (the page closes it), so EventSource does not reconnect in a loop.
 */
final class EventStream {
  /** Short, as a dropped client is only found by a write: its thread and socket go within this. */
  static final long KEEPALIVE_MILLIS = 2_000;

  private EventStream() {}

  static void serve(HttpExchange ex, LiveRun run) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    run.countStream(1);
    try (OutputStream out = ex.getResponseBody()) {
      LiveRun.Published first = run.state();
      long seen = first.version();
      write(out, seen, first.json());
      while (!run.closed()) {
        LiveRun.Published state = run.awaitNewer(seen, KEEPALIVE_MILLIS);
        if (state == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        seen = state.version();
        write(out, seen, state.json());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away: nothing to tell anyone
    } finally {
      run.countStream(-1);
    }
  }

  private static void write(OutputStream out, long id, String json) throws IOException {
    out.write(("id: " + id + "\nevent: state\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
