package io.buddykit.view.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses with 403 a request whose Host is not the server's own name, so that a page elsewhere
 * cannot reach the API through DNS rebinding (its requests carry the attacker's host name). The
 * names accepted are the bind address, localhost, 127.0.0.1 and [::1], with the server's port or
 * none; bound to a wildcard address (0.0.0.0), any IP literal, since rebinding needs a DNS name.
 * {@link #checkOrigin} applies the same rule to the Origin header of API requests, against
 * cross-site requests from a browser.
 */
final class LocalOnly extends Filter {
  private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-f:.%]+\\]");

  private final Set<String> names;
  private final boolean wildcard;
  private final int port;

  LocalOnly(String bind, InetAddress bound, int port) {
    this.port = port;
    this.wildcard = bound.isAnyLocalAddress();
    this.names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]", literal(bind),
        literal(bound.getHostAddress())));
  }

  private static String literal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  @Override
  public String description() {
    return "refuses requests for other host names and from other origins";
  }

  @Override
  public void doFilter(HttpExchange ex, Chain chain) throws IOException {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null || !allowed(host)) {
      try (ex) {
        Http.sendError(ex, 403, "the Host '" + Http.clip(host) + "' is not this server's (use " + names() + ")");
      }
      return;
    }
    chain.doFilter(ex);
  }

  /**
   * 403 when the request has an Origin that is not this server; no Origin (not a browser, or a
   * same-origin GET) passes.
   */
  void checkOrigin(HttpExchange ex) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return;
    }
    boolean ok;
    try {
      URI u = new URI(origin);
      ok = "http".equalsIgnoreCase(u.getScheme()) && u.getRawAuthority() != null
          && (u.getRawPath() == null || u.getRawPath().isEmpty()) && allowed(u.getRawAuthority());
    } catch (java.net.URISyntaxException e) {
      ok = false;
    }
    if (!ok) {
      throw new ApiException(403,
          "requests from the origin '" + Http.clip(origin) + "' are refused: the API serves only its own page");
    }
  }

  /** Whether {@code host[:port]} names this server. */
  boolean allowed(String hostPort) {
    String h = hostPort.strip().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && colon > h.lastIndexOf(']')) {
      String p = h.substring(colon + 1);
      h = h.substring(0, colon);
      if (!p.equals(Integer.toString(port))) {
        return false;
      }
    }
    return names.contains(h) || wildcard && IP_LITERAL.matcher(h).matches();
  }

  private String names() {
    return String.join(", ", names) + (wildcard ? " or an IP address" : "") + ", port " + port;
  }
}
