package io.buddykit.view.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Catalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 18: slow clients used to be kept for ever (400 connections sending a header line
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

  @Test
  void theServerSetsNoDelayAndItsLimits() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo(String.valueOf(WebServer.MAX_REQUEST_SECONDS));
    assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo(String.valueOf(WebServer.MAX_CONNECTIONS));
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket(server.uri().getHost(), server.uri().getPort());
    s.setSoTimeout(WAIT_MILLIS);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
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
