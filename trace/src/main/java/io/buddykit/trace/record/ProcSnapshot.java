package io.buddykit.trace.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The raw text of /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo at one moment, kept
 * verbatim, and the facts parsed from them: per node and zone, what zoneinfo says ({@link
 * ZoneFacts}) and the free-area counts buddyinfo prints ({@link FreeArea}). A file the machine
 * lacks is the empty string.
 *
 * @param buddyinfo /proc/buddyinfo
 * @param pagetypeinfo /proc/pagetypeinfo
 * @param zoneinfo /proc/zoneinfo
 */
public record ProcSnapshot(String buddyinfo, String pagetypeinfo, String zoneinfo) {

  public ProcSnapshot {
    Objects.requireNonNull(buddyinfo, "buddyinfo");
    Objects.requireNonNull(pagetypeinfo, "pagetypeinfo");
    Objects.requireNonNull(zoneinfo, "zoneinfo");
  }

  /**
   * One CPU's per-CPU page list of a zone, the "pagesets" lines of mm/vmstat.c's
   * zoneinfo_show_print (Linux 6.7+ adds {@code high_min} and {@code high_max}; -1 where the
   * kernel does not print them).
   */
  public record Pageset(int cpu, long count, long high, long batch, long highMin, long highMax) {}

  /**
   * One zone as /proc/zoneinfo prints it (mm/vmstat.c, zoneinfo_show_print). {@code startPfn}
   * is -1 for a zone without present pages, which the kernel prints only up to "protection:".
   */
  public record ZoneFacts(int node, String zone, long free, long min, long low, long high, long spanned,
      long present, long managed, long startPfn, List<Pageset> pagesets) {
    public ZoneFacts {
      pagesets = List.copyOf(pagesets);
    }
  }

  /** One line of /proc/buddyinfo: free blocks of each order in one zone. */
  public record FreeArea(int node, String zone, long[] counts) {
    public FreeArea {
      counts = counts.clone();
    }

    @Override
    public long[] counts() {
      return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FreeArea f && node == f.node && zone.equals(f.zone) && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
      return Objects.hash(node, zone) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return "FreeArea[node " + node + ", " + zone + ", " + Arrays.toString(counts) + "]";
    }
  }

  /** Every zone zoneinfo lists, in its order (empty zones included). */
  public List<ZoneFacts> zones() {
    List<ZoneFacts> out = new ArrayList<>();
    ZoneBuilder z = null;
    for (String raw : zoneinfo.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("Node ") && line.contains(", zone")) {
        if (z != null) {
          out.add(z.build());
        }
        String[] parts = line.substring("Node ".length()).split(", zone", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
          throw new IllegalArgumentException("zoneinfo: no zone name in line: " + raw);
        }
        z = new ZoneBuilder(parseInt(parts[0].strip(), raw), parts[1].strip());
      } else if (z != null) {
        z.line(line, raw);
      }
    }
    if (z != null) {
      out.add(z.build());
    }
    return out;
  }

  /** The zone {@code zone} of node {@code node}, or null when zoneinfo has no such zone. */
  public ZoneFacts zone(int node, String zone) {
    for (ZoneFacts z : zones()) {
      if (z.node() == node && z.zone().equals(zone)) {
        return z;
      }
    }
    return null;
  }

  /** The lines of /proc/buddyinfo, as mm/vmstat.c's frag_show_print writes them. */
  public List<FreeArea> freeAreas() {
    List<FreeArea> out = new ArrayList<>();
    for (String raw : buddyinfo.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      // "Node 0, zone   Normal  14408  15026 ..."
      String[] f = line.split("[,\\s]+");
      if (f.length < 5 || !f[0].equals("Node") || !f[2].equals("zone")) {
        throw new IllegalArgumentException("buddyinfo: not a 'Node N, zone NAME counts...' line: " + raw);
      }
      long[] counts = new long[f.length - 4];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = parseLong(f[4 + i], raw);
      }
      out.add(new FreeArea(parseInt(f[1], raw), f[3], counts));
    }
    return out;
  }

  private static int parseInt(String s, String line) {
    long v = parseLong(s, line);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("node or CPU number " + s + " out of range in line: " + line);
    }
    return (int) v;
  }

  private static long parseLong(String s, String line) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number '" + s + "' in line: " + line, e);
    }
  }

  /** Collects one zone's lines; the field names are zoneinfo_show_print's. */
  private static final class ZoneBuilder {
    private final int node;
    private final String zone;
    private long free;
    private long min;
    private long low;
    private long high;
    private long spanned;
    private long present;
    private long managed;
    private long startPfn = -1;
    private final List<Pageset> pagesets = new ArrayList<>();
    private long[] pcp;

    ZoneBuilder(int node, String zone) {
      this.node = node;
      this.zone = zone;
    }

    void line(String line, String raw) {
      String[] f = line.split(":?\\s+");
      if (f.length < 2) {
        return;
      }
      if (line.startsWith("cpu:")) {
        endPageset();
        pcp = new long[] {parseInt(f[1], raw), 0, 0, 0, -1, -1};
        return;
      }
      if (pcp != null && line.startsWith("vm stats threshold")) {
        endPageset();
        return;
      }
      String key = f[0].equals("pages") && f.length >= 3 ? f[1] : f[0];
      String value = f[0].equals("pages") && f.length >= 3 ? f[2] : f[1];
      if (pcp != null) {
        pagesetField(key.replace(":", ""), value, raw);
      } else {
        zoneField(key.replace(":", ""), value, raw);
      }
    }

    private void pagesetField(String key, String value, String raw) {
      switch (key) {
        case "count" -> pcp[1] = parseLong(value, raw);
        case "high" -> pcp[2] = parseLong(value, raw);
        case "batch" -> pcp[3] = parseLong(value, raw);
        case "high_min" -> pcp[4] = parseLong(value, raw);
        case "high_max" -> pcp[5] = parseLong(value, raw);
        default -> { }
      }
    }

    private void zoneField(String key, String value, String raw) {
      switch (key) {
        case "free" -> free = parseLong(value, raw);
        case "min" -> min = parseLong(value, raw);
        case "low" -> low = parseLong(value, raw);
        case "high" -> high = parseLong(value, raw);
        case "spanned" -> spanned = parseLong(value, raw);
        case "present" -> present = parseLong(value, raw);
        case "managed" -> managed = parseLong(value, raw);
        case "start_pfn" -> startPfn = parseLong(value, raw);
        default -> { }
      }
    }

    private void endPageset() {
      if (pcp != null) {
        pagesets.add(new Pageset((int) pcp[0], pcp[1], pcp[2], pcp[3], pcp[4], pcp[5]));
        pcp = null;
      }
    }

    ZoneFacts build() {
      endPageset();
      return new ZoneFacts(node, zone, free, min, low, high, spanned, present, managed, startPfn, pagesets);
    }
  }
}
