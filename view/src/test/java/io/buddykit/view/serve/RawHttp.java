package io.buddykit.view.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.app.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP spoken by hand over a socket, for the tests that must misbehave as clients (half-sent
 * headers, dropped event streams) where an HTTP client library would not let them.
 */
final class RawHttp {
  private RawHttp() {}

  /** A socket to {@code server} whose reads give up after {@code timeoutMillis}. */
  static Socket connect(WebServer server, int timeoutMillis) throws IOException {
    Socket s = new Socket(server.uri().getHost(), server.uri().getPort());
    s.setSoTimeout(timeoutMillis);
    return s;
  }

  static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends {@code request} on a new connection and reads the reply until the server closes it. */
  static String exchange(WebServer server, String request) throws IOException {
    try (Socket s = connect(server, 30_000)) {
      send(s, request);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** A reply's body: what follows its header. */
  static String body(String reply) {
    return reply.substring(reply.indexOf("\r\n\r\n") + 4);
  }

  /** The event streams run {@code id} has open, as {@code GET /api/runs/ID} counts them. */
  static int streams(WebServer server, String id) throws IOException {
    String reply = exchange(server, "GET /api/runs/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return Json.mapper().readTree(body(reply)).get("streams").asInt();
  }

  /** Reads the stream until {@code text} has arrived. */
  static void readUntil(Socket s, String text) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder seen = new StringBuilder();
    for (int c; !seen.toString().contains(text) && (c = in.read()) >= 0; ) {
      seen.append((char) c);
    }
    assertThat(seen.toString()).contains(text);
  }
}
