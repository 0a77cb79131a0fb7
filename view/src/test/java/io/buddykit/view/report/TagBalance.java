package io.buddykit.view.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict check that every HTML element is closed in order, which jsoup's lenient parser would forgive. */
public final class TagBalance {
  private static final Set<String> VOID = Set.of("meta", "link", "br", "hr", "img", "input", "col", "wbr", "source");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>");

  private TagBalance() {}

  public static void check(String html) {
    String text = withoutScriptBodies(html).replaceFirst("(?i)<!DOCTYPE html>", "");
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      if (VOID.contains(name) || !m.group(3).isEmpty()) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
      } else if (open.isEmpty() || !open.pop().equals(name)) {
        throw new AssertionError("</" + name + "> closes nothing open at offset " + m.start());
      }
    }
    if (!open.isEmpty()) {
      throw new AssertionError("unclosed: " + open);
    }
  }

  /** Script bodies are not markup; a plain scan, because a regex over a megabyte is slow in a cold JVM. */
  private static String withoutScriptBodies(String html) {
    StringBuilder b = new StringBuilder();
    int from = 0;
    for (int open = html.indexOf("<script"); open >= 0; open = html.indexOf("<script", from)) {
      int body = html.indexOf('>', open) + 1;
      int close = html.indexOf("</script>", body);
      if (body == 0 || close < 0) {
        throw new AssertionError("unclosed <script> at offset " + open);
      }
      b.append(html, from, body);
      from = close;
    }
    return b.append(html, from, html.length()).toString();
  }
}
