package io.buddykit.view.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import io.buddykit.app.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small helpers over {@link HttpExchange}: JSON replies, errors, bounded request bodies. */
final class Http {
  /** Compact JSON: the page parses it, nobody reads it. */
  static final ObjectWriter JSON = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  private Http() {}

  /** Longest piece of a request (path, id, header) an error message repeats. */
  static final int ECHO_MAX = 200;

  /** {@code text} cut to {@value #ECHO_MAX} characters, so that an error never echoes a huge request back. */
  static String clip(String text) {
    if (text == null || text.length() <= ECHO_MAX) {
      return text;
    }
    return text.substring(0, ECHO_MAX) + "...";
  }

  /**
   * 415 unless the request's Content-Type is {@code type} (parameters such as a charset aside).
   * Requiring a type a browser cannot send cross-site without asking first (not text/plain, a
   * form or multipart) keeps other sites' pages from posting to the API.
   */
  static void requireContentType(HttpExchange ex, String type) {
    String given = ex.getRequestHeaders().getFirst("Content-Type");
    String bare = given == null ? "" : given.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (!bare.equals(type)) {
      throw new ApiException(415, "the body must be sent as Content-Type: " + type
          + (given == null ? " (none was given)" : ", not " + clip(given)));
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json; charset=utf-8", (value instanceof String s ? s : json(value))
        .getBytes(StandardCharsets.UTF_8));
  }

  static void sendError(HttpExchange ex, int status, String message) throws IOException {
    sendJson(ex, status, Map.of("error", message == null ? "error" : message));
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The request body, refused with 413 past {@code limit} bytes: by its Content-Length before
   * reading anything, else (chunked) as soon as the count passes the limit.
   */
  static byte[] body(HttpExchange ex, long limit) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > limit) {
          throw tooLarge(limit);
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length is not a number: " + length);
      }
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = ex.getRequestBody()) {
      for (int n; (n = in.read(chunk)) > 0; ) {
        if (buf.size() + (long) n > limit) {
          throw tooLarge(limit);
        }
        buf.write(chunk, 0, n);
      }
    }
    return buf.toByteArray();
  }

  private static ApiException tooLarge(long limit) {
    return new ApiException(413, "the body is larger than the limit of " + limit + " bytes ("
        + io.buddykit.scenario.Sizes.format(limit) + ")");
  }
}
