package io.buddykit.view.serve;

import java.io.Serial;

/** A request the API refuses, with the HTTP status and the message the client gets as {"error": ...}. */
final class ApiException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
