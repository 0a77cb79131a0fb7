package io.buddykit.view.serve;

import static io.buddykit.view.serve.RawHttp.body;
import static io.buddykit.view.serve.RawHttp.exchange;
import static io.buddykit.view.serve.RawHttp.readUntil;
import static io.buddykit.view.serve.RawHttp.send;
import static io.buddykit.view.serve.RawHttp.streams;
import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Catalogue;
import io.buddykit.app.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 20 under churn: many event-stream clients that all go away at once (half of them
 * resetting the connection, half closing it) and as many clients stuck half-way through a header.
 * Every stream is released within two keep-alive intervals and every slow client is dropped, and
 * the server answers a plain request all along. {@value #DEFAULT_CLIENTS} of each by default;
 * {@code -Dbuddykit.churn.clients=N} (the {@code long} profile sets 60: both kinds are open at
 * once, and past the server's cap of {@link WebServer#MAX_CONNECTIONS} connections the JDK's
 * server resets new ones, as item 18 asked).
 */
class ServeChurnTest {
  static final int DEFAULT_CLIENTS = 12;
  private static final int CLIENTS = Integer.getInteger("buddykit.churn.clients", DEFAULT_CLIENTS);
  static WebServer server;

  @BeforeAll
  static void start() throws Exception {
    server = WebServer.start("127.0.0.1", 0, Catalogue.all(), 4096);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void manyDroppedStreamsAndSlowHeadersAreAllReleased() throws Exception {
    assertThat(2 * CLIENTS + 4).as("connections open at once, under the cap").isLessThan(WebServer.MAX_CONNECTIONS);
    String run = "{\"kind\":\"workload\",\"name\":\"aging\",\"params\":{\"memory\":\"64M\",\"steps\":1}}";
    String id = Json.mapper().readTree(body(exchange(server, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + run.length() + "\r\nConnection: close\r\n\r\n"
        + run))).get("id").asText();
    List<Socket> streams = new ArrayList<>();
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        Socket s = connect();
        send(s, "GET /api/runs/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        streams.add(s);
        Socket h = connect();
        send(h, "GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        slow.add(h);
      }
      for (Socket s : streams) {
        readUntil(s, "event: state");
      }
      assertThat(streams(server, id)).isEqualTo(CLIENTS);
      assertThat(exchange(server, "GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 200 ");
      for (int i = 0; i < streams.size(); i++) {
        if (i % 2 == 0) {
          streams.get(i).setSoLinger(true, 0);
        }
        streams.get(i).close();
      }
      long deadline = System.nanoTime() + (2 * EventStream.KEEPALIVE_MILLIS + 2000) * 1_000_000;
      while (streams(server, id) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(streams(server, id)).as("streams left of " + CLIENTS).isZero();
      for (Socket h : slow) {
        h.setSoTimeout((WebServer.MAX_REQUEST_SECONDS + 10) * 1000);
        assertThat(closedByServer(h)).as("a slow header's connection closed").isTrue();
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  private static Socket connect() throws IOException {
    return RawHttp.connect(server, 30_000);
  }






  private static boolean closedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // a 408 or 400 before the close is fine
      }
      return true;
    } catch (java.net.SocketTimeoutException kept) {
      return false;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }
}
