package io.buddykit.view.serve;

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
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 items 18 and 20: slow clients used to be kept for ever (400 connections sending a header line
 * every 5 s, 100 POSTs promising 60,000 bytes and sending one). Each must now be dropped: the read
 * below gets the end of the stream, where before it waited out its socket timeout.
 */
class ServeSlowClientTest {
  /** Well past the server's request limit plus its once-a-second timer. */
  static final int WAIT_MILLIS = (WebServer.MAX_REQUEST_SECONDS + 10) * 1000;
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
  void aBodyThatNeverArrivesIsDropped() throws Exception {
    try (Socket s = connect()) {
      send(s, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 3000\r\n\r\n{");
      assertThat(drainUntilClosed(s)).isTrue();
    }
  }

  @Test
  void aHeaderSentALineAtATimeIsDropped() throws Exception {
    try (Socket s = connect()) {
      send(s, "GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      long end = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
      boolean closed = false;
      s.setSoTimeout(1000);
      while (!closed && System.nanoTime() < end) {
        try {
          send(s, "X-Slow: 1\r\n");
          closed = s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
          // the server is still reading the header: send the next line
        } catch (SocketException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("the slow header's connection was closed").isTrue();
    }
  }

  /**
   * Issue 19 item 20: an event stream whose client went away is found by the next keep-alive
   * write, so its thread ends and the run's {@code streams} count drops within a bound. A client
   * that resets the connection is gone after one keep-alive interval; one that closes it politely
   * (FIN, as a closed tab) after at most two, as the first write after a FIN still succeeds and
   * only draws the peer's reset. One second is added for the scheduler.
   */
  @Test
  void aDroppedEventStreamIsReleasedWithinTheKeepAliveInterval() throws Exception {
    String id = createPausedRun();
    for (boolean reset : new boolean[] {true, false}) {
      Socket s = connect();
      send(s, "GET /api/runs/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      readUntil(s, "event: state");
      assertThat(streams(server, id)).isEqualTo(1);
      if (reset) {
        s.setSoLinger(true, 0);
      }
      long closed = System.nanoTime();
      s.close();
      long bound = (reset ? 1 : 2) * EventStream.KEEPALIVE_MILLIS + 1000;
      long deadline = closed + bound * 1_000_000;
      while (streams(server, id) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long millis = (System.nanoTime() - closed) / 1_000_000;
      assertThat(streams(server, id)).as("streams %d ms after a %s", millis, reset ? "reset" : "close").isZero();
    }
  }

  /**
   * What the JDK's server refuses before any handler runs gets its own HTML 400, not the API's
   * JSON (the README and {@link WebServer} say so): this holds the status, and notices the day a
   * JDK lets such requests through to the handler, when the API's error would apply.
   */
  @Test
  void requestsTheJdkRefusesBeforeAnyHandlerAre400() throws Exception {
    for (String request : new String[] {"GET /api/runs?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999\r\n"}) {
      try (Socket s = connect()) {
        send(s, request + "Connection: close\r\n\r\n");
        String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(reply).as(request).startsWith("HTTP/1.1 400 ").contains("Content-Type: text/html");
      }
    }
  }

  private static String createPausedRun() throws IOException {
    String body = "{\"kind\":\"workload\",\"name\":\"aging\",\"params\":{\"memory\":\"64M\",\"steps\":1}}";
    String reply = exchange(server, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    assertThat(reply).startsWith("HTTP/1.1 201 ");
    return Json.mapper().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("id").asText();
  }




  @Test
  void theServerSetsNoDelayAndItsLimits() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo(String.valueOf(WebServer.MAX_REQUEST_SECONDS));
    assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo(String.valueOf(WebServer.MAX_CONNECTIONS));
  }

  private static Socket connect() throws IOException {
    return RawHttp.connect(server, WAIT_MILLIS);
  }


  /** Reads whatever the server sends until it closes; false when the socket timed out first. */
  private static boolean drainUntilClosed(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // a response before the close is fine
      }
      return true;
    } catch (java.net.SocketTimeoutException kept) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }
}
