package io.buddykit.view.report;

/** Escaping for text placed in HTML, and for JSON placed inside a script element. */
final class Html {
  private Html() {}

  static String text(Object o) {
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Text with {@code `code`} spans as code elements: a paragraph written once for the README and the page. */
  static String code(String s) {
    return text(s).replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  /** JSON safe inside {@code <script>}: '<' only occurs inside strings, where \u003c means the same. */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c");
  }

  /** A fragment id from a name: letters, digits and dashes, so links and CSS need no quoting. */
  static String id(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.isEmpty() ? "section" : s;
  }
}
