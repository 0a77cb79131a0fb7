package io.buddykit.view.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The page's static parts, read from the classpath so the page can carry them inline. */
final class Assets {
  private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private Assets() {}

  static String css() {
    return read("/report/report.css");
  }

  static String script() {
    return read("/report/report.js");
  }

  /** ECharts from its webjar, read once: a tour writes it into every page. */
  static String echarts() {
    return EchartsHolder.JS;
  }

  /** Loads on first use, so commands that write no page never read the megabyte. */
  private static final class EchartsHolder {
    static final String JS = loadEcharts();
  }

  /** The version comes from the webjar itself, so a pom bump needs no edit here. */
  private static String loadEcharts() {
    Properties p = new Properties();
    try (InputStream in = open(ECHARTS_POM)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ECHARTS_POM, e);
    }
    String js = read("/META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist/echarts.min.js");
    return inlineSafe(js);
  }

  /** Inline, "</script" would end the element early; in a JS string or regex "<\/" means the same. */
  static String inlineSafe(String js) {
    StringBuilder b = new StringBuilder(js.length());
    int from = 0;
    for (int i = js.indexOf("</"); i >= 0; i = js.indexOf("</", i + 2)) {
      if (js.regionMatches(true, i + 2, "script", 0, 6)) {
        b.append(js, from, i + 1).append('\\');
        from = i + 1;
      }
    }
    return b.append(js, from, js.length()).toString();
  }

  private static String read(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = Assets.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing from the classpath: " + name);
    }
    return in;
  }
}
