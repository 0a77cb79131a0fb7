package io.buddykit.view.serve;

import static io.buddykit.view.serve.ServeApiTest.awaitTrue;
import static io.buddykit.view.serve.ServeApiTest.http;
import static io.buddykit.view.serve.ServeApiTest.json;
import static io.buddykit.view.serve.ServeApiTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Catalogue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 16: six deleted encryption runs of 10^8 cycles (inside the accepted range) kept
 * computing unseen, and every new run got 409 "runs are still working" for as long as they
 * lasted. The model's loops now look at the interrupt a close sends, so a deleted run's thread
 * ends and the next run is accepted.
 */
class ServeCancelTest {
  static final String LONG_RUN =
      "{\"kind\":\"scenario\",\"name\":\"encryption\",\"params\":{\"cycles\":100000000},\"play\":true}";

  @Test
  void deletedLongScenarioRunsStopAndNeverBlockANewRun() throws Exception {
    try (WebServer own = WebServer.start("127.0.0.1", 0, Catalogue.all(), 4096)) {
      for (int i = 0; i < Runs.MAX_THREADS; i++) {
        HttpResponse<String> r = post(own, "/api/runs", "application/json", LONG_RUN.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("run %d", i + 1).isEqualTo(201);
        String id = json(r).get("id").asText();
        awaitTrue(() -> runThreads() > 0, 30);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(own.uri().resolve("/api/runs/" + id))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
      }
      awaitTrue(() -> runThreads() == 0, 30);
      assertThat(runThreads()).as("run threads still computing after their runs were deleted").isZero();
      HttpResponse<String> next = post(own, "/api/runs", "application/json", LONG_RUN.getBytes(StandardCharsets.UTF_8));
      assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
    }
  }

  private static long runThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("buddykit-run-") && t.isAlive()).count();
  }
}
