package io.buddykit.view.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The page's files from the classpath folder {@code web/}, and {@code /echarts.min.js} from the
 * ECharts webjar, so the page needs no network. A path is served only when it is plain names of
 * letters, digits, '.', '-' and '_' separated by single slashes with no name starting with a dot:
 * '..', encoded characters ({@code %2e}, {@code %2f}), backslashes and empty names never reach the
 * class loader, so nothing outside {@code web/} can be read. Anything else is a 404.
 */
final class StaticFiles implements HttpHandler {
  private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
  private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "png", "image/png",
      "svg", "image/svg+xml",
      "ico", "image/x-icon");

  private final String echarts = "/" + WEBJAR + echartsVersion() + "/dist/echarts.min.js";

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Http.sendError(ex, 405, ex.getRequestMethod() + " is not allowed here (GET only)");
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      String resource = path.equals("/") ? "/web/index.html"
          : path.equals("/echarts.min.js") ? echarts
          : SAFE.matcher(path).matches() ? "/web" + path
          : null;
      byte[] body = resource == null ? null : read(resource);
      if (body == null) {
        Http.sendError(ex, 404, "no file " + path);
        return;
      }
      String ext = resource.substring(resource.lastIndexOf('.') + 1);
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      Http.send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
    }
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The webjar's version from its Maven metadata, so a version bump in the pom needs no change here. */
  private static String echartsVersion() {
    Properties p = new Properties();
    String properties = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
    try (InputStream in = StaticFiles.class.getResourceAsStream(properties)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to the version the pom names today
    }
    return p.getProperty("version", "5.3.1");
  }
}
