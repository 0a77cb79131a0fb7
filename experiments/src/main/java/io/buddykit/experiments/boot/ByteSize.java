package io.buddykit.experiments.boot;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them in parameters: {@code 4096}, {@code 48M}, {@code 4GiB}; K = 1024. */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+)\\s*(?:([kmgt])(?:i?b)?|b)?\\s*", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /** The bytes {@code text} names; IllegalArgumentException naming {@code param} when it is no size. */
  public static long parse(String param, String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("parameter " + param + "=" + text + " is not a size (e.g. 4096, 48M, 4G)");
    }
    int shift = m.group(2) == null ? 0 : 10 * ("KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
    try {
      long v = Long.parseLong(m.group(1));
      if (v > Long.MAX_VALUE >>> shift) {
        throw new NumberFormatException();
      }
      return v << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + param + "=" + text + " is too large");
    }
  }
}
