package io.buddykit.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 4096}, {@code 62K}, {@code 62KiB}, {@code 2M}, {@code
 * 1GiB}. K, KB and KiB all mean 1024 bytes (memory sizes, as the seed uses them), and so on up to T.
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+)\\s*(?:([kmgt])(?:i?b)?|(b))?\\s*", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "KMGT";

  private Sizes() {}

  /** Parses a size; throws IllegalArgumentException naming the bad text. */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("'' is not a size: none was given");
    }
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (examples: 4096, 62K, 62KiB, 2M, 1GiB)");
    }
    long value;
    try {
      value = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    int shift = m.group(2) == null ? 0 : 10 * (UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
    if (value > (Long.MAX_VALUE >>> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return value << shift;
  }

  /**
   * Bytes in the largest binary unit that shows them exactly, with at most one decimal: {@code
   * 272 KiB}, {@code 1028.5 KiB}, {@code 1.5 KiB}; else in bytes.
   */
  public static String format(long bytes) {
    if (bytes < 1024 && bytes > -1024) {
      return bytes + " B";
    }
    int largest = Math.min(UNITS.length(), (63 - Long.numberOfLeadingZeros(Math.abs(bytes))) / 10);
    for (int unit = largest; unit >= 1; unit--) {
      if (bytes % (1L << (10 * unit)) == 0) {
        return (bytes >> (10 * unit)) + " " + UNITS.charAt(unit - 1) + "iB";
      }
    }
    for (int unit = largest; unit >= 1; unit--) {
      if ((bytes * 10) % (1L << (10 * unit)) == 0) {
        return String.format(Locale.ROOT, "%.1f %ciB", bytes / (double) (1L << (10 * unit)),
            UNITS.charAt(unit - 1));
      }
    }
    return bytes + " B";
  }
}
